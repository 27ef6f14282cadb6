import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { HttpTransport, type TransportOptions } from '../../../src/api/HttpTransport';
import { systemClock } from '../../../src/api/Clock';
import { DEFAULT_RETRY } from '../../../src/api/retryPolicy';
import { FakeClock, makeClient, rejection, type ClientHarness } from '../helpers/clientKit';
import { scriptedServer } from '../helpers/scriptedServer';

const SECRET = 'echoed-secret-token-0123456789';

/** A transport straight on the sandbox, for the options the client does not pass through yet. */
function makeTransport(url: string, token: string, extra: Partial<TransportOptions> = {}) {
  const lines: string[] = [];
  const clock = new FakeClock();
  const transport = new HttpTransport({
    baseUrl: url,
    token,
    authScheme: 'api-token',
    timeoutMs: 2000,
    retry: { ...DEFAULT_RETRY },
    pacing: {},
    clock,
    logger: (l) => lines.push(l),
    userAgent: 'test',
    maxSockets: 4,
    ...extra,
  });
  return { transport, lines, clock };
}

/** A plain server that only counts what reaches it: the "other host" of a redirect. */
async function countingServer(): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: true, data: { id: 424242, name: 'Not Pipedrive' } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

describe('transport: redirects, uncertain writes, clamped waits, size cap, redaction', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let h: ClientHarness;
  let orgId: number;
  let otherId: number;

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: 30, token: SECRET, apiMode: 'legacy-v1' });
    const first = makeClient(sandbox.url, SECRET);
    [orgId, otherId] = (await first.client.listOrganizations({ limit: 2 })).items.map((o) => o.id);
    first.client.dispose();
  });
  after(() => sandbox.close());
  beforeEach(() => {
    sandbox.reset();
    h = makeClient(sandbox.url, SECRET, { timeoutMs: 1000 });
  });
  afterEach(() => h.client.dispose());

  const count = (pred: (e: Sandbox['log'][number]) => boolean = () => true) => sandbox.log.filter(pred).length;

  it('a redirect is never followed: the other host gets 0 requests, the error names its origin only', async () => {
    const other = await countingServer();
    try {
      sandbox.setFaults([{ kind: 'redirect', location: `${other.url}/steal?x=1`, status: 302 }]);
      const add = await rejection(h.client.addOrganization({ name: 'Redirected Co' }));
      const get = await rejection(h.client.getOrganization(orgId));
      sandbox.setFaults([{ kind: 'redirect', location: `${other.url}/v1/organizations`, status: 307 }]);
      const put = await rejection(h.client.updateOrganization(orgId, { name: 'Renamed' }));
      for (const e of [add, get, put]) {
        assert.equal(e.kind, 'redirect', e.message);
        assert.ok(e.message.includes(other.url), e.message);
        assert.ok(!e.message.includes('steal') && !e.message.includes('x=1'), e.message);
        assert.match(e.message, /nothing was sent there/);
      }
      assert.equal(add.status, 302);
      assert.equal(other.hits(), 0, 'the other host received a request');
      assert.equal(count(), 3, 'one request each to the sandbox, none repeated');
    } finally {
      await other.close();
    }
  });

  it('merge under a 502 is sent exactly once and says it may have been applied', async () => {
    sandbox.setFaults([{ kind: 'status', status: 502, match: { path: '/merge' } }]);
    const e = await rejection(h.client.mergeOrganizations(orgId, otherId));
    assert.equal(e.kind, 'server');
    assert.equal(e.uncertain, true);
    assert.match(e.message, /may or may not have been applied/);
    assert.equal(count((x) => x.path.endsWith('/merge')), 1);
  });

  it('merge reset after the server applied it is not resent (no false "not found")', async () => {
    sandbox.setFaults([{ kind: 'reset', afterProcessing: true, times: 1, match: { path: '/merge' } }]);
    const e = await rejection(h.client.mergeOrganizations(orgId, otherId));
    assert.equal(e.kind, 'network');
    assert.equal(e.uncertain, true);
    assert.equal(count((x) => x.path.endsWith('/merge')), 1);
  });

  it('a GET that fails for good is not uncertain', async () => {
    sandbox.setFaults([{ kind: 'status', status: 503 }]);
    const e = await rejection(h.client.getOrganization(orgId));
    assert.equal(e.uncertain, false);
    assert.equal(count(), 4);
  });

  it('a delete whose answer was lost and whose retry gets 404 counts as done', async () => {
    sandbox.setFaults([{ kind: 'reset', afterProcessing: true, times: 1, match: { method: 'DELETE' } }]);
    const r = await h.client.deleteOrganization(orgId);
    assert.deepEqual(r, { id: orgId });
    assert.deepEqual(sandbox.log.filter((x) => x.method === 'DELETE').map((x) => x.status), [200, 404]);
    assert.equal(h.lines.filter((l) => /earlier attempt had done it/.test(l)).length, 1);
    assert.equal((await rejection(h.client.getOrganization(orgId))).kind, 'not-found');
  });

  it('a 404 on the first DELETE is still "not found"', async () => {
    const e = await rejection(h.client.deleteOrganization(987654));
    assert.equal(e.kind, 'not-found');
  });

  it('a 429 with a short Retry-After and a long window reset fails at once with the later time', async () => {
    let n = 0;
    const server = await scriptedServer((_req, res) => {
      n++;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3600' });
      res.end(JSON.stringify({ success: false, error: 'Request over limit' }));
    });
    const c = makeClient(server.url, 'tok-123456');
    try {
      const e = await rejection(c.client.getCurrentUser());
      assert.equal(e.kind, 'rate-limit');
      assert.equal(n, 1);
      assert.equal(e.retryAfterMs, 3_600_000);
      assert.match(e.message, /in 60 min/);
      assert.deepEqual(c.clock.sleeps, [], 'nothing waited');
      // The window stays shut: the next call fails at once too, without sending.
      const next = await rejection(c.client.getCurrentUser());
      assert.equal(next.kind, 'rate-limit');
      assert.ok(next.retryAt instanceof Date);
      assert.equal(n, 1);
    } finally {
      c.client.dispose();
      await server.close();
    }
  });

  it('a reset of 10^12 ms (about 2^40) on a success neither hangs nor floods: the next call fails at once with when to retry', async () => {
    let n = 0;
    const server = await scriptedServer((_req, res) => {
      n++;
      // 999999999 s = 10^12 ms: just below the epoch-seconds threshold, so read as a (32-year) wait.
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-limit': '40', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '999999999' });
      res.end(JSON.stringify({ success: true, data: { id: 1, name: 'Me', email: 'me@example.com', active_flag: true } }));
    });
    const lines: string[] = [];
    // The real clock: a wait that is not clamped would hang this test or spin setTimeout.
    const c = makeClient(server.url, 'tok-123456', { clock: systemClock, logger: (l) => lines.push(l) });
    try {
      await c.client.getCurrentUser();
      const t0 = Date.now();
      const e = await rejection(c.client.getCurrentUser());
      assert.ok(Date.now() - t0 < 1000, 'failed at once');
      assert.equal(e.kind, 'rate-limit');
      assert.ok(e.retryAt.getTime() > Date.now() + 24 * 3600_000, e.message);
      assert.match(e.message, /Try again after/);
      assert.equal(n, 1);
      assert.ok(lines.length <= 1, `log lines: ${lines.length}`);
    } finally {
      c.client.dispose();
      await server.close();
    }
  });

  it('a window reset within the cap is still waited out', async () => {
    sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 59, times: 1 }]);
    await h.client.getOrganization(orgId);
    assert.ok(h.clock.sleeps.includes(59_000), `${h.clock.sleeps}`);
  });

  it('an overall deadline across attempts and waits ends the call with a timeout', async () => {
    sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 50, times: 10 }]);
    const t = makeTransport(sandbox.url, SECRET, { deadlineMs: 120_000, retry: { ...DEFAULT_RETRY, maxAttempts: 10 } });
    try {
      const e = await rejection(t.transport.request({ operation: 'getOrganization', method: 'GET', path: `/v1/organizations/${orgId}` }));
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /gave up after 120 s/);
      assert.deepEqual(t.clock.sleeps, [50_000, 50_000]);
      assert.equal(count(), 3);
    } finally {
      t.transport.dispose();
    }
  });

  it('an oversized body stops reading with a clear error', async () => {
    sandbox.setFaults([{ kind: 'huge-body', bytes: 1_000_000 }]);
    const t = makeTransport(sandbox.url, SECRET, { maxResponseBytes: 64 * 1024 });
    try {
      const e = await rejection(t.transport.request({ operation: 'listOrganizations', method: 'GET', path: '/v1/organizations' }));
      assert.equal(e.kind, 'too-large');
      assert.match(e.message, /Pipedrive sent more than 64 KB in one answer; the extension stopped reading it/);
      assert.equal(e.route, 'GET /v1/organizations');
      assert.equal(count(), 1, 'not retried');
    } finally {
      t.transport.dispose();
    }
  });

  it('the default cap is 32 MB: a 1 MB body is read', async () => {
    sandbox.setFaults([{ kind: 'huge-body', bytes: 1_000_000, times: 1 }]);
    const t = makeTransport(sandbox.url, SECRET);
    try {
      const r = await t.transport.request({ operation: 'listOrganizations', method: 'GET', path: '/v1/organizations' });
      assert.equal(r.status, 200);
    } finally {
      t.transport.dispose();
    }
  });

  for (const status of [400, 200, 500]) {
    it(`a token echoed in error, error_info and errorCode (${status}) reaches no message, field or log line`, async () => {
      sandbox.setFaults([{ kind: 'status', status, echoToken: true, match: { path: '/v1/organizations' } }]);
      const e = await rejection(h.client.getOrganization(orgId));
      assert.equal(e.kind, status === 500 ? 'server' : 'bad-request');
      assert.ok(sandbox.log.length >= 1);
      const texts = [e.message, e.error, e.errorInfo, String(e.errorCode), e.stack, JSON.stringify({ ...e }), ...h.lines];
      for (const text of texts) assert.ok(!String(text).includes(SECRET), String(text));
      assert.match(String(e.error), /\[redacted\]/);
      assert.match(String(e.errorCode), /\[redacted\]/);
    });
  }
});
