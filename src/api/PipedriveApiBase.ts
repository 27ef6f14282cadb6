import { systemClock, type Clock } from './Clock';
import { HttpTransport, type Envelope, type RequestEvent, type WaitEvent, type RequestSpec, type TokenSource } from './HttpTransport';
import { PipedriveError } from './PipedriveError';
import { TokenMeter } from './TokenMeter';
import { readNextCursor, readOffsetPaging, type CursorPage, type OffsetPage } from './pages';
import type { CallOptions } from './params';
import type { PacingOptions } from './RequestPacer';
import { DEFAULT_RETRY, type RetryOptions } from './retryPolicy';
import { assertValid, checkId, checkLimit, checkStart, type ValidationProblem } from './validators';

export const DEFAULT_BASE_URL = 'https://api.pipedrive.com';

export interface PipedriveClientOptions {
  /** The API token, or a function that reads it (e.g. from SecretStorage) when a request needs it. */
  token: TokenSource;
  /** 'api-token' (default) sends `x-api-token`; 'oauth' sends `Authorization: Bearer`. */
  auth?: 'api-token' | 'oauth';
  /** https://api.pipedrive.com (default) or https://{company}.pipedrive.com. */
  baseUrl?: string;
  /** Per-request timeout, default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  pacing?: PacingOptions;
  /** Receives one-line notes (retries, switches to v2). Never the token, never bodies. */
  logger?: (line: string) => void;
  /** Called after every HTTP attempt (method, path, status, ms). */
  onRequest?: (event: RequestEvent) => void;
  /** Called when a request starts and ends a wait (rate limit or retry back-off). */
  onWait?: (event: WaitEvent) => void;
  /** Injected time, for tests. */
  clock?: Clock;
  /** Parallel DELETEs when bulk delete runs through v2 (default 4). */
  bulkDeleteConcurrency?: number;
  /** Keep-alive sockets per origin (default 16). */
  maxSockets?: number;
  userAgent?: string;
}

/**
 * Checks and normalises the base URL: an http(s) URL without credentials, query or fragment;
 * the trailing slash is dropped so paths join cleanly.
 */
export function normalizeBaseUrl(value: string | undefined): string {
  const raw = (value ?? DEFAULT_BASE_URL).trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw baseUrlError(`baseUrl must be an http(s) URL such as ${DEFAULT_BASE_URL} (got ${JSON.stringify(raw)}).`, 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw baseUrlError(`baseUrl must use http or https (got ${url.protocol}).`, 'http-or-https');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw baseUrlError('baseUrl must not contain credentials, a query or a fragment.', 'plain-origin');
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

function baseUrlError(message: string, rule: string): PipedriveError {
  return new PipedriveError({ kind: 'validation', operation: 'constructor', field: 'baseUrl', rule, message });
}

/** Shared plumbing of the client: the transport, input checks and page reading. */
export class PipedriveApiBase {
  readonly baseUrl: string;
  /** What this client spent of the company's daily token budget, and the budget as last reported. */
  readonly tokens: TokenMeter;
  protected readonly transport: HttpTransport;
  protected readonly options: PipedriveClientOptions;

  /** `shared`: another client's transport and meter (one connection pool, one pacer, one token count). */
  constructor(options: PipedriveClientOptions, shared?: { transport: HttpTransport; tokens: TokenMeter }) {
    this.options = options;
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    const clock = options.clock ?? systemClock;
    this.tokens = shared?.tokens ?? new TokenMeter(() => clock.now());
    this.transport = shared?.transport ?? new HttpTransport({
      baseUrl: this.baseUrl,
      token: options.token,
      authScheme: options.auth === 'oauth' ? 'bearer' : 'api-token',
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      pacing: options.pacing ?? {},
      clock: options.clock ?? systemClock,
      logger: options.logger,
      onRequest: options.onRequest,
      onWait: options.onWait,
      meter: this.tokens,
      userAgent: options.userAgent ?? 'pipedrive-organizations-vscode',
      maxSockets: options.maxSockets ?? 16,
    });
  }

  /** Closes idle keep-alive connections. The client can still be used afterwards. */
  dispose(): void {
    this.transport.dispose();
  }

  protected validate(operation: string, ...problems: Array<ValidationProblem | undefined>): void {
    for (const p of problems) assertValid(p, operation);
  }

  protected checkOffset(operation: string, params: { start?: number; limit?: number }, maxLimit = 500): void {
    this.validate(
      operation,
      params.start !== undefined ? checkStart(params.start) : undefined,
      params.limit !== undefined ? checkLimit(params.limit, 'limit', maxLimit) : undefined,
    );
  }

  protected checkCursor(operation: string, params: { limit?: number }): void {
    if (params.limit !== undefined) this.validate(operation, checkLimit(params.limit));
  }

  protected checkOptionalId(operation: string, value: number | undefined, field: string): void {
    if (value !== undefined) this.validate(operation, checkId(value, field));
  }

  /**
   * The envelope of a 2xx answer. The transport has already turned a refusal (`success: false`,
   * which Pipedrive sometimes sends with a 2xx) into kind 'bad-request'.
   */
  protected async send(spec: RequestSpec): Promise<Envelope> {
    return (await this.transport.request(spec)).body;
  }

  /** The `data` of a 2xx answer, which must be present. */
  protected async data<T>(spec: RequestSpec): Promise<T> {
    // Straight to the transport, not through send(): one async step less on every request for one record.
    const body = (await this.transport.request(spec)).body;
    if (body.data === undefined) throw this.malformed(spec, 'no data');
    return body.data as T;
  }

  /** One v1 offset page: the items, the paging and the related objects. */
  protected async offsetPage<T, R = undefined>(spec: RequestSpec, start: number, limit: number | undefined): Promise<OffsetPage<T, R>> {
    return (await this.offsetEnvelope<T, R>(spec, start, limit)).page;
  }

  /** offsetPage plus the raw `additional_data`, for the few routes that put more than paging there. */
  protected async offsetEnvelope<T, R = undefined>(spec: RequestSpec, start: number, limit: number | undefined): Promise<{ page: OffsetPage<T, R>; additionalData: unknown }> {
    const body = await this.send(spec);
    // Pipedrive sends `data: null` for an empty list.
    if (body.data !== null && body.data !== undefined && !Array.isArray(body.data)) throw this.malformed(spec, 'data is not a list');
    const items = (body.data ?? []) as T[];
    return {
      page: {
        items,
        ...readOffsetPaging(body.additional_data, start, limit, items.length),
        relatedObjects: (body.related_objects ?? undefined) as R,
      },
      additionalData: body.additional_data,
    };
  }

  protected async cursorPage<T>(spec: RequestSpec): Promise<CursorPage<T>> {
    const body = await this.send(spec);
    if (body.data !== null && body.data !== undefined && !Array.isArray(body.data)) throw this.malformed(spec, 'data is not a list');
    return { items: (body.data ?? []) as T[], nextCursor: readNextCursor(body.additional_data) };
  }

  protected malformed(spec: RequestSpec, what: string): PipedriveError {
    return new PipedriveError({
      kind: 'malformed',
      operation: spec.operation,
      message: `Pipedrive sent an unexpected response for ${spec.operation} (${spec.method} ${spec.path}: ${what}).`,
    });
  }
}

/** Spreads the signal and timeout of a call into a request spec. */
export function callSpec(call: CallOptions | undefined): Pick<RequestSpec, 'signal' | 'timeoutMs'> {
  return { signal: call?.signal, timeoutMs: call?.timeoutMs };
}
