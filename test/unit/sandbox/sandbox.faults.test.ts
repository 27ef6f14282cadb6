import * as assert from 'node:assert/strict';
import { probe, ProbeOptions, ProbeResult } from '../../../src/sandbox/probe';
import { startSandbox } from '../../../src/sandbox/server';
import { Sandbox } from '../../../src/sandbox/types';

// Each fault kind, observed with plain HTTP requests; plus the request log and control routes.
describe('sandbox faults, log and control routes', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  const api = (method: string, path: string, opts: ProbeOptions = {}): Promise<ProbeResult> =>
    probe(sb.url, method, path, { token: sb.token, ...opts });

  beforeEach(async () => { sb = await startSandbox({ apiMode: 'legacy-v1', size: 50 }); });
  afterEach(async () => { await sb.close(); });

  it('latency delays matching responses only', async () => {
    sb.setFaults([{ kind: 'latency', ms: 150, match: { path: '/v1/organizations/1' } }]);
    let t = Date.now();
    assert.equal((await api('GET', '/v1/organizations/1')).status, 200);
    assert.ok(Date.now() - t >= 140);
    t = Date.now();
    assert.equal((await api('GET', '/v1/users/me')).status, 200);
    assert.ok(Date.now() - t < 140);
  });

  it('rate-limit: 429 with Retry-After seconds, consumed by `times`', async () => {
    sb.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 2, times: 2 }]);
    for (let i = 0; i < 2; i++) {
      const r = await api('GET', '/v1/organizations?limit=1');
      assert.equal(r.status, 429);
      assert.equal(r.headers['retry-after'], '2');
      assert.equal(r.headers['x-ratelimit-remaining'], '0');
      assert.ok(r.headers['x-ratelimit-limit']);
      assert.equal(r.headers['x-ratelimit-reset'], '2');
      assert.equal(r.json.success, false);
      assert.equal(r.json.errorCode, 429);
    }
    assert.equal((await api('GET', '/v1/organizations?limit=1')).status, 200);
    assert.deepEqual(sb.log.map((e) => e.fault), ['rate-limit', 'rate-limit', undefined]);
  });

  it('rate-limit: Retry-After as an HTTP date', async () => {
    sb.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 30, retryAfterAsDate: true, times: 1 }]);
    const r = await api('GET', '/v1/users/me');
    assert.equal(r.status, 429);
    const at = Date.parse(String(r.headers['retry-after']));
    assert.ok(at > Date.now() + 20_000 && at < Date.now() + 40_000);
  });

  it('daily-budget: 429 hours away with x-daily-requests-left: 0', async () => {
    sb.setFaults([{ kind: 'daily-budget', times: 1 }]);
    const r = await api('GET', '/api/v2/organizations');
    assert.equal(r.status, 429);
    assert.equal(r.headers['x-daily-requests-left'], '0');
    assert.ok(Number(r.headers['retry-after']) >= 3600);
    sb.setFaults([{ kind: 'daily-budget', resetSeconds: 7200 }]);
    assert.equal((await api('GET', '/api/v2/organizations')).headers['retry-after'], '7200');
  });

  it('status: 5xx with the error envelope, matched by method and path regex', async () => {
    sb.setFaults([{ kind: 'status', status: 503, match: { method: 'get', path: '^/api/v2/organizations$' } }]);
    const r = await api('GET', '/api/v2/organizations');
    assert.equal(r.status, 503);
    assert.equal(r.json.success, false);
    assert.equal(r.json.errorCode, 503);
    assert.equal(typeof r.json.error, 'string');
    assert.equal((await api('GET', '/api/v2/organizations/1')).status, 200);
    assert.equal((await api('POST', '/api/v2/organizations', { body: { name: 'x' } })).status, 200);
  });

  it('malformed-json: 200 with a body that does not parse', async () => {
    sb.setFaults([{ kind: 'malformed-json', times: 1 }]);
    const r = await api('GET', '/v1/organizations');
    assert.equal(r.status, 200);
    assert.equal(r.json, undefined);
    assert.throws(() => JSON.parse(r.text));
  });

  it('reset: the socket is destroyed without an answer', async () => {
    sb.setFaults([{ kind: 'reset', times: 1 }]);
    await assert.rejects(api('GET', '/v1/organizations'), (e: NodeJS.ErrnoException) => e.code === 'ECONNRESET' || /socket hang up/.test(e.message));
    assert.equal(sb.log[0].fault, 'reset');
    assert.equal((await api('GET', '/v1/organizations')).status, 200);
  });

  it('reset afterProcessing: the POST is applied once, then the socket dies', async () => {
    sb.setFaults([{ kind: 'reset', afterProcessing: true, times: 1, match: { method: 'POST' } }]);
    await assert.rejects(api('POST', '/api/v2/organizations', { body: { name: 'Exactly Once' } }));
    const found = await api('GET', '/api/v2/organizations/search?term=Exactly%20Once&exact_match=true');
    assert.equal(found.json.data.items.length, 1);
    const posts = sb.log.filter((e) => e.method === 'POST');
    assert.equal(posts.length, 1);
    assert.equal(posts[0].fault, 'reset');
    assert.equal(posts[0].status, 200);
  });

  it('hang: never answers, and close() still ends the socket', async () => {
    const hung = await startSandbox({ apiMode: 'legacy-v1', size: 20, faults: [{ kind: 'hang' }] });
    const pending = probe(hung.url, 'GET', '/v1/organizations', { token: hung.token });
    const outcome = pending.then(() => 'answered', () => 'socket closed');
    const entry = await hung.waitForLog((e) => e.fault === 'hang');
    assert.equal(entry.status, 0);
    await hung.close();
    assert.equal(await outcome, 'socket closed');
  });

  it('retire-v1 410: the removed v1 routes answer Gone, current routes keep working', async () => {
    sb.setFaults([{ kind: 'retire-v1', status: 410 }]);
    for (const path of ['/v1/organizations', '/v1/organizations/1', '/v1/organizations/collection', '/v1/organizations/1/deals']) {
      const r = await api('GET', path);
      assert.equal(r.status, 410, path);
      assert.deepEqual({ success: r.json.success, error: r.json.error, errorCode: r.json.errorCode }, { success: false, error: 'Gone', errorCode: 410 });
    }
    assert.equal((await api('GET', '/v1/organizations/1/flow')).status, 200);
    assert.equal((await api('GET', '/api/v2/organizations/1')).status, 200);
    assert.equal(sb.log[0].fault, 'retire-v1');
  });

  it('retire-v1 404: the removed routes look unknown (route-level 404)', async () => {
    sb.setFaults([{ kind: 'retire-v1', status: 404 }]);
    const r = await api('GET', '/v1/organizations/1');
    assert.equal(r.status, 404);
    assert.equal(r.json.error, 'Unknown method .');
    assert.ok(!('data' in r.json));
  });

  it('faults set at start apply, and clearFaults removes them', async () => {
    const s2 = await startSandbox({ apiMode: 'legacy-v1', size: 20, faults: [{ kind: 'status', status: 500 }] });
    try {
      assert.equal((await probe(s2.url, 'GET', '/v1/users/me', { token: s2.token })).status, 500);
      s2.clearFaults();
      assert.equal((await probe(s2.url, 'GET', '/v1/users/me', { token: s2.token })).status, 200);
    } finally {
      await s2.close();
    }
  });

  it('the real window counter answers 429 once rateLimitPerWindow is spent', async () => {
    const tight = await startSandbox({ apiMode: 'legacy-v1', size: 20, rateLimitPerWindow: 3 });
    try {
      const statuses: number[] = [];
      const remaining: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await probe(tight.url, 'GET', '/v1/users/me', { token: tight.token });
        statuses.push(r.status);
        remaining.push(String(r.headers['x-ratelimit-remaining']));
      }
      // A 2-second window could roll over mid-loop on a slow machine; then all four pass.
      if (statuses[3] === 429) {
        assert.deepEqual(statuses, [200, 200, 200, 429]);
        assert.deepEqual(remaining, ['2', '1', '0', '0']);
        assert.equal(tight.log[3].status, 429);
      }
    } finally {
      await tight.close();
    }
  });

  it('logs method, path, parsed query and body, status and auth kind; not control routes', async () => {
    await api('POST', '/v1/organizations?x=1&x=2', { body: { name: 'Logged' } });
    await probe(sb.url, 'GET', '/v1/organizations?limit=3');
    await probe(sb.url, 'GET', '/__sandbox/info');
    assert.equal(sb.log.length, 2);
    const [post, anon] = sb.log;
    assert.equal(post.method, 'POST');
    assert.equal(post.path, '/v1/organizations');
    assert.deepEqual(post.query, { x: ['1', '2'] });
    assert.deepEqual(post.body, { name: 'Logged' });
    assert.equal(post.status, 201);
    assert.equal(post.auth, 'api-token');
    assert.deepEqual(anon.query, { limit: '3' });
    assert.equal(anon.status, 401);
    assert.equal(anon.auth, 'none');
    assert.ok(anon.seq > post.seq);
    sb.clearLog();
    assert.equal(sb.log.length, 0);
  });

  it('control routes: faults, log, log/clear, reset, info', async () => {
    const info = await probe(sb.url, 'GET', '/__sandbox/info');
    assert.deepEqual(info.json, { url: sb.url, token: sb.token, regularUserToken: sb.regularUserToken, size: 50, seed: 1, apiMode: 'legacy-v1' });
    const set = await probe(sb.url, 'POST', '/__sandbox/faults', { body: { faults: [{ kind: 'status', status: 502, times: 1 }] } });
    assert.equal(set.status, 200);
    assert.equal((await api('GET', '/v1/users/me')).status, 502);
    assert.equal((await probe(sb.url, 'POST', '/__sandbox/faults', { body: { faults: [{ kind: 'nonsense' }] } })).status, 400);
    const log = await probe(sb.url, 'GET', '/__sandbox/log');
    assert.equal(log.json.data.length, 1);
    assert.equal(log.json.data[0].fault, 'status');
    await probe(sb.url, 'POST', '/__sandbox/log/clear');
    assert.equal(sb.log.length, 0);
    await api('DELETE', '/v1/organizations/1');
    assert.equal((await api('GET', '/v1/organizations/1')).status, 404);
    sb.setFaults([{ kind: 'status', status: 500 }]);
    assert.equal((await probe(sb.url, 'POST', '/__sandbox/reset')).status, 200);
    assert.equal((await api('GET', '/v1/organizations/1')).status, 200, 'reset re-seeds the data and clears faults');
    assert.equal(sb.log.length, 1, 'reset clears the log');
    assert.equal((await probe(sb.url, 'GET', '/__sandbox/nope')).status, 404);
  });
});
