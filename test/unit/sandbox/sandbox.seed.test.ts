import * as assert from 'node:assert/strict';
import { probe } from '../../../src/sandbox/probe';
import { startSandbox } from '../../../src/sandbox/server';
import { sandboxFixtures as F } from '../../../src/sandbox/seed';
import { Sandbox } from '../../../src/sandbox/types';
import { parseArgs } from '../../../src/sandbox/cli';
import { spawn } from 'node:child_process';
import { Store } from '../../../src/sandbox/db';
import { firstChar } from '../../../src/sandbox/firstChar';
import { join } from 'node:path';

// The seeded data: deterministic per seed, the documented fixtures hold, and 100000 orgs start fast.
describe('sandbox seeded data', function () {
  this.timeout(60_000);

  async function snapshot(sb: Sandbox): Promise<string> {
    const paths = ['/v1/organizations?limit=500', `/v1/organizations/${F.bigFlowOrgId}/flow?limit=500`,
      `/v1/organizations/${F.manyDealsOrgId}/deals?limit=500`, `/v1/organizations/${F.manyItemsOrgId}/persons?limit=500`,
      '/api/v2/organizations?limit=500', `/v1/organizations/${F.manyItemsOrgId}/mailMessages?limit=500`];
    const out: unknown[] = [];
    for (const p of paths) out.push((await probe(sb.url, 'GET', p, { token: sb.token })).json);
    return JSON.stringify(out);
  }

  it('two servers with the same seed serve identical data; another seed differs', async () => {
    const [a, b, c] = await Promise.all([startSandbox({ apiMode: 'legacy-v1', seed: 42, size: 300 }), startSandbox({ apiMode: 'legacy-v1', seed: 42, size: 300 }), startSandbox({ apiMode: 'legacy-v1', seed: 43, size: 300 })]);
    try {
      const [sa, sb, sc] = await Promise.all([snapshot(a), snapshot(b), snapshot(c)]);
      assert.equal(sa, sb);
      assert.notEqual(sa, sc);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('the fixtures hold: hostile, long, RTL and non-Latin names; many deals; empty org', async () => {
    const sb = await startSandbox({ apiMode: 'legacy-v1', size: 100 });
    try {
      const get = async (p: string) => (await probe(sb.url, 'GET', p, { token: sb.token })).json;
      for (const id of F.hostileNameOrgIds) assert.match((await get(`/v1/organizations/${id}`)).data.name, /<(img|script)/);
      assert.ok((await get(`/v1/organizations/${F.longNameOrgId}`)).data.name.length >= 300);
      assert.equal((await get(`/api/v2/organizations/${F.manyDealsOrgId}?include_fields=open_deals_count`)).data.name, F.namedOrgs[F.manyDealsOrgId]);
      const empty = (await get(`/v1/organizations/${F.noPersonsOrgId}`)).data;
      assert.equal(empty.people_count, 0);
      assert.equal(empty.open_deals_count, 0);
      const firsts = new Set<string>();
      for (let start = 0; ; start += 500) {
        const page = await get(`/v1/organizations?start=${start}&limit=500`);
        for (const o of page.data) firsts.add(o.first_char);
        if (!page.additional_data.pagination.more_items_in_collection) break;
      }
      for (const ch of ['東', 'ש', 'ж', 'ö', 'å', 'é']) assert.ok(firsts.has(ch), ch);
    } finally {
      await sb.close();
    }
  });

  it('the default 3000 orgs start with every letter A–Z and digit 0–9 (and the special ones)', () => {
    const store = new Store(1, 3000);
    const firsts = new Set(store.liveOrgs().map((o) => firstChar(o.name)));
    for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789éöåж東שا') assert.ok(firsts.has(ch), ch);
  });

  it('starts with 100000 orgs and serves the first and a deep page', async () => {
    const t = Date.now();
    const sb = await startSandbox({ apiMode: 'legacy-v1', size: 100_000 });
    const started = Date.now() - t;
    try {
      assert.ok(started < 10_000, `started in ${started} ms`);
      const first = await probe(sb.url, 'GET', '/v1/organizations?limit=500&sort=name%20ASC', { token: sb.token });
      assert.equal(first.json.data.length, 500);
      const deep = await probe(sb.url, 'GET', '/api/v2/organizations?ids=99999,100000', { token: sb.token });
      assert.deepEqual(deep.json.data.map((o: { id: number }) => o.id), [99999, 100000]);
    } finally {
      await sb.close();
    }
  });

  it('the CLI prints the URL and both tokens, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', '..', 'src', 'sandbox', 'cli.js'), '--size', '30', '--token', 'cli-token'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const ready = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (/regular user token.*\n/.test(out)) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    const text = await ready;
    const url = /listening on (\S+)/.exec(text)![1];
    assert.match(text, /cli-token/);
    const r = await probe(url, 'GET', '/api/v2/organizations?limit=1', { token: 'cli-token' });
    assert.equal(r.status, 200);
    // The CLI answers like Pipedrive today, with the 30,000 x 3 seats budget.
    assert.equal(r.headers['x-daily-token-limit'], '90000');
    assert.equal((await probe(url, 'GET', '/v1/organizations?limit=1', { token: 'cli-token' })).status, 404);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('CLI flags parse into options', () => {
    const o = parseArgs(['--port', '8123', '--size', '10', '--seed', '5', '--token', 'T', '--latency', '20', '--retire-v1', '404',
      '--fault', '{"kind":"status","status":500,"times":1}']);
    assert.equal(o.port, 8123);
    assert.equal(o.size, 10);
    assert.equal(o.seed, 5);
    assert.equal(o.token, 'T');
    assert.deepEqual(o.faults, [{ kind: 'latency', ms: 20 }, { kind: 'retire-v1', status: 404 }, { kind: 'status', status: 500, times: 1 }]);
    assert.deepEqual(parseArgs(['--retire-v1']).faults, [{ kind: 'retire-v1', status: 410 }]);
    assert.throws(() => parseArgs(['--bogus']));
    assert.equal(o.apiMode, 'current');
    assert.equal(o.dailyTokenBudget, 90_000);
    assert.equal(parseArgs(['--legacy-v1']).apiMode, 'legacy-v1');
    assert.equal(parseArgs(['--daily-budget', '0']).dailyTokenBudget, 0);
    assert.throws(() => parseArgs(['--fault', '{"kind":"nonsense"}']), /kind must be one of/);
  });
});
