import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpTransport } from '../../../src/api/HttpTransport';
import { systemClock } from '../../../src/api/Clock';
import { DEFAULT_RETRY } from '../../../src/api/retryPolicy';
import { rejection } from '../helpers/clientKit';

// The transport's timeouts run on one shared timer (RequestWatchdog) instead of node-fetch's two
// per request. These cases are the ones node-fetch's body timer used to cover: an answer whose
// headers arrive and whose body then stalls, and several requests of different timeouts at once.

/** Answers with headers and half a JSON body, then stalls (the socket stays open). */
async function stallingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/fast')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: true, data: { id: 1 } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"success":true,"data":{"id":');
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

function transportOn(url: string, timeoutMs: number): HttpTransport {
  return new HttpTransport({
    baseUrl: url, token: 'secret', authScheme: 'api-token', timeoutMs, retry: { ...DEFAULT_RETRY, maxAttempts: 1 },
    pacing: { requestsPer2s: Infinity }, clock: systemClock, userAgent: 'test', maxSockets: 4,
  });
}

describe('transport timeouts (one watchdog timer)', () => {
  let server: Awaited<ReturnType<typeof stallingServer>>;
  before(async () => {
    server = await stallingServer();
  });
  after(() => server.close());

  it('a body that stalls after the headers ends as a timeout, not a hang', async () => {
    const t = transportOn(server.url, 200);
    const started = Date.now();
    const e = await rejection(t.request({ operation: 'getOrganization', method: 'GET', path: '/stall' }));
    t.dispose();
    assert.equal(e.kind, 'timeout');
    const took = Date.now() - started;
    assert.ok(took >= 190 && took < 3000, `timed out after ${took} ms`);
  });

  it('requests with different timeouts at once: each ends at its own, the fast one answers', async () => {
    const t = transportOn(server.url, 10_000);
    const started = Date.now();
    const short = rejection(t.request({ operation: 'getOrganization', method: 'GET', path: '/stall', timeoutMs: 150 })).then((e) => ({ e, at: Date.now() - started }));
    const long = rejection(t.request({ operation: 'getOrganization', method: 'GET', path: '/stall', timeoutMs: 600 })).then((e) => ({ e, at: Date.now() - started }));
    const fast = await t.request({ operation: 'getOrganization', method: 'GET', path: '/fast' });
    assert.deepEqual(fast.body.data, { id: 1 });
    const [s, l] = await Promise.all([short, long]);
    t.dispose();
    assert.equal(s.e.kind, 'timeout');
    assert.equal(l.e.kind, 'timeout');
    assert.ok(s.at < l.at, `the 150 ms request (${s.at} ms) ends before the 600 ms one (${l.at} ms)`);
    assert.ok(l.at >= 590, `the 600 ms request waited its time (${l.at} ms)`);
  });
});
