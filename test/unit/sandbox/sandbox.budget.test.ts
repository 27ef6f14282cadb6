import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { probe, ProbeOptions, ProbeResult } from '../../../src/sandbox/probe';
import { buildRouter, startSandbox } from '../../../src/sandbox/server';
import { costKey } from '../../../src/sandbox/tokenCosts';
import { Sandbox } from '../../../src/sandbox/types';

// The daily token budget: each request costs what TOKEN-COSTS.md (the reference files'
// x-token-cost) says, every answer tells the client what is left, and a spent budget is a 429 until
// the next UTC midnight.

// out/test/unit → repo root
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'pipedrive');

/** "METHOD /path/{}" → cost, from the markdown table (independent of the JSON the sandbox reads). */
function documentedCosts(): Map<string, number> {
  const md = readFileSync(join(FIXTURES, 'TOKEN-COSTS.md'), 'utf8');
  const out = new Map<string, number>();
  for (const m of md.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \| `[^`]+` \| v\d \| (\d+) \|/gm)) {
    out.set(costKey(m[1], m[2]), Number(m[3]));
  }
  return out;
}

const secondsToUtcMidnight = (): number => {
  const now = new Date();
  return Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000);
};

describe('sandbox daily token budget', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  const api = (method: string, path: string, opts: ProbeOptions = {}): Promise<ProbeResult> =>
    probe(sb.url, method, path, { token: sb.token, ...opts });

  afterEach(async () => { await sb?.close(); });

  it('every served route costs what TOKEN-COSTS.md says', () => {
    const doc = documentedCosts();
    assert.equal(doc.size, 45);
    const router = buildRouter();
    const wrong = router.list().map((r) => r.split(' ')).filter(([m, p]) => doc.get(costKey(m, p)) === undefined
      || router.match(m, p.replace(/:[a-z_]+/g, '1'))!.route.cost !== doc.get(costKey(m, p)));
    assert.deepEqual(wrong, []);
  });

  it('charges per request: log entry tokens and x-daily-tokens-left follow the documented costs', async () => {
    sb = await startSandbox({ size: 30, dailyTokenBudget: 1000, apiMode: 'current' });
    const doc = documentedCosts();
    const since = encodeURIComponent('2020-01-01 00:00:00');
    const calls: [string, string, string, unknown?][] = [
      ['GET', '/api/v2/organizations?limit=5', '/api/v2/organizations'],
      ['GET', '/api/v2/organizations/1', '/api/v2/organizations/{id}'],
      ['PATCH', '/api/v2/organizations/1', '/api/v2/organizations/{id}', { name: 'Costly' }],
      ['GET', '/v1/organizations/1/flow', '/v1/organizations/{id}/flow'],
      ['GET', `/v1/recents?items=organization&since_timestamp=${since}&limit=5`, '/v1/recents'],
      ['GET', '/api/v2/organizations/search?term=Acme', '/api/v2/organizations/search'],
    ];
    let left = 1000;
    for (const [method, path, template, body] of calls) {
      const r = await api(method, path, body === undefined ? {} : { body });
      assert.equal(r.status, 200, `${method} ${path}: ${r.text.slice(0, 200)}`);
      const cost = doc.get(costKey(method, template))!;
      left -= cost;
      assert.equal(sb.log.at(-1)!.tokens, cost, `${method} ${template}`);
      assert.equal(r.headers['x-daily-token-limit'], '1000');
      assert.equal(r.headers['x-daily-tokens-left'], String(left), `${method} ${template}`);
      assert.ok(r.headers['x-ratelimit-remaining'], 'burst headers stay');
    }
    assert.equal(left, 1000 - 10 - 1 - 5 - 40 - 20 - 20);
    assert.deepEqual({ used: sb.tokenBudget().used, left: sb.tokenBudget().left }, { used: 1000 - left, left });
  });

  it('does not charge 401s, unknown or removed routes; still sends the budget headers', async () => {
    sb = await startSandbox({ size: 30, dailyTokenBudget: 100, apiMode: 'current' });
    for (const r of [await probe(sb.url, 'GET', '/api/v2/organizations'), await api('GET', '/v1/nothing'), await api('GET', '/v1/organizations')]) {
      assert.ok(r.status === 401 || r.status === 404);
      assert.equal(r.headers['x-daily-tokens-left'], '100');
    }
    assert.deepEqual(sb.log.map((e) => e.tokens), [0, 0, 0]);
  });

  it('a spent budget: 429 with Pipedrive\'s body, retry-after to UTC midnight, nothing applied', async () => {
    sb = await startSandbox({ size: 30, dailyTokenBudget: 12, apiMode: 'legacy-v1' });
    assert.equal((await api('GET', '/api/v2/organizations?limit=1')).status, 200); // 10, 2 left
    const r = await api('POST', '/api/v2/organizations', { body: { name: 'Over budget' } }); // costs 5
    assert.equal(r.status, 429);
    assert.deepEqual(r.json, { success: false, error: 'Daily API token budget exceeded', errorCode: 429,
      error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.' });
    assert.equal(r.headers['x-daily-token-limit'], '12');
    assert.equal(r.headers['x-daily-tokens-left'], '2');
    assert.equal(r.headers['x-daily-requests-left'], '0');
    assert.ok(Math.abs(Number(r.headers['retry-after']) - secondsToUtcMidnight()) <= 2, String(r.headers['retry-after']));
    assert.equal(sb.log.at(-1)!.tokens, 0);
    const search = await api('GET', '/api/v2/organizations/search?term=Over%20budget&exact_match=true');
    assert.equal(search.status, 429, 'search costs 20: refused too');
    // A cheap request still fits: GET one org costs 1.
    assert.equal((await api('GET', '/api/v2/organizations/1')).status, 200);
    sb.setTokenBudget({ limit: 0 });
    const found = await api('GET', '/api/v2/organizations/search?term=Over%20budget&exact_match=true');
    assert.deepEqual(found.json.data.items, [], 'the refused POST created nothing');
  });

  it('control routes read, set and reset the spend', async () => {
    sb = await startSandbox({ size: 30, dailyTokenBudget: 50, apiMode: 'legacy-v1' });
    await api('GET', '/api/v2/organizations?limit=1');
    const read = await probe(sb.url, 'GET', '/__sandbox/budget');
    assert.equal(read.status, 200);
    assert.equal(read.json.data.limit, 50);
    assert.equal(read.json.data.used, 10);
    assert.equal(read.json.data.left, 40);
    assert.ok(Math.abs(read.json.data.resetSeconds - secondsToUtcMidnight()) <= 2);
    assert.equal(Date.parse(read.json.data.resetsAt) % 86_400_000, 0, 'next UTC midnight');
    const spent = await probe(sb.url, 'POST', '/__sandbox/budget', { body: { used: 50 } });
    assert.equal(spent.json.data.left, 0);
    assert.equal((await api('GET', '/api/v2/organizations/1')).status, 429);
    const reset = await probe(sb.url, 'POST', '/__sandbox/budget/reset');
    assert.equal(reset.json.data.used, 0);
    const ok = await api('GET', '/api/v2/organizations/1');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['x-daily-tokens-left'], '49');
    const unlimited = await probe(sb.url, 'POST', '/__sandbox/budget', { body: { limit: null } });
    assert.equal(unlimited.json.data.limit, null);
    assert.equal((await api('GET', '/api/v2/organizations/1')).headers['x-daily-token-limit'], undefined);
    assert.equal((await probe(sb.url, 'POST', '/__sandbox/budget', { body: { limit: -1 } })).status, 400);
    sb.setTokenBudget({ limit: 50, used: 50 });
    sb.reset();
    assert.equal(sb.tokenBudget().used, 0, 'reset() clears the spend too');
  });

  it('a request over the burst window is refused unapplied and uncharged', async () => {
    sb = await startSandbox({ size: 30, rateLimitPerWindow: 1, dailyTokenBudget: 100, apiMode: 'legacy-v1' });
    assert.equal((await api('GET', '/api/v2/organizations/1')).status, 200);
    const r = await api('POST', '/api/v2/organizations', { body: { name: 'Burst' } });
    assert.equal(r.status, 429);
    assert.equal(r.json.error, 'Request over limit');
    assert.ok(Number(r.headers['retry-after']) >= 1);
    assert.equal(r.headers['x-daily-tokens-left'], '99');
    assert.deepEqual(sb.log.map((e) => [e.status, e.tokens]), [[200, 1], [429, 0]]);
    assert.equal(sb.tokenBudget().used, 1);
  });

  it('unlimited by default in programmatic use: no budget headers, spend still counted', async () => {
    sb = await startSandbox({ size: 30, apiMode: 'legacy-v1' });
    const r = await api('GET', '/api/v2/organizations?limit=1');
    assert.equal(r.headers['x-daily-token-limit'], undefined);
    assert.equal(r.headers['x-daily-tokens-left'], undefined);
    assert.deepEqual({ limit: sb.tokenBudget().limit, used: sb.tokenBudget().used }, { limit: null, used: 10 });
  });
});
