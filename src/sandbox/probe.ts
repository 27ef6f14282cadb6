// A raw HTTP probe for tests and the harness: one request, the exact status, headers and body,
// and transport errors (ECONNRESET from the reset fault) reported instead of hidden.
import { request } from 'node:http';

export interface ProbeResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it is not JSON (malformed-json fault). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ProbeOptions {
  body?: unknown;
  /** Sent as `x-api-token` unless `bearer` is set. Omit for an unauthenticated request. */
  token?: string;
  bearer?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function probe(baseUrl: string, method: string, path: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token !== undefined) {
    if (opts.bearer) headers.authorization = `Bearer ${opts.token}`; else headers['x-api-token'] = opts.token;
  }
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = request(baseUrl + path, { method, headers, signal: opts.signal, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
