import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { probe, ProbeOptions, ProbeResult } from '../../../src/sandbox/probe';
import { FIXTURE_HEADER, startSandbox } from '../../../src/sandbox/server';
import { DEFAULT_API_MODE, Sandbox } from '../../../src/sandbox/types';

// The sandbox as Pipedrive answers today ('current' mode): the removed v1 routes are gone, and
// /v1/recents tells a client what changed and what was deleted since its last sync.

// out/test/unit → repo root
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'pipedrive');

/** Every removed v1 operation, as a concrete request (ids filled in). */
function removedOperations(): { method: string; path: string }[] {
  const doc = JSON.parse(readFileSync(join(FIXTURES, 'organizations-v1-removed.openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => ({ method: m.toUpperCase(), path: path.replace('{id}', '1') })));
}

const UNKNOWN_METHOD = { success: false, error: 'Unknown method .', errorCode: 404,
  error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.' };

describe('sandbox current API mode', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  const api = (method: string, path: string, opts: ProbeOptions = {}): Promise<ProbeResult> =>
    probe(sb.url, method, path, { token: sb.token, ...opts });

  afterEach(async () => { await sb?.close(); });

  it('answers every removed v1 route 404 "Unknown method ." and changes nothing', async () => {
    sb = await startSandbox({ size: 30, apiMode: 'current' });
    const ops = removedOperations();
    assert.equal(ops.length, 11);
    for (const op of ops) {
      const r = await api(op.method, op.path, op.method === 'GET' ? {} : { body: { name: 'x' } });
      assert.equal(r.status, 404, `${op.method} ${op.path}`);
      assert.deepEqual(r.json, UNKNOWN_METHOD, `${op.method} ${op.path}`);
    }
    // DELETE /v1/organizations/1 above did not delete: org 1 is still there through v2.
    assert.equal((await api('GET', '/api/v2/organizations/1')).status, 200);
    assert.equal(sb.log.filter((e) => e.status === 404).every((e) => e.tokens === 0 && e.fault === undefined), true);
  });

  it('keeps the v1 routes Pipedrive still has, and v2', async () => {
    sb = await startSandbox({ size: 30, apiMode: 'current' });
    for (const path of ['/v1/organizations/1/flow', '/v1/organizations/1/changelog', '/api/v2/organizations?limit=5', '/api/v2/organizationFields']) {
      assert.equal((await api('GET', path)).status, 200, path);
    }
  });

  it('legacy-v1 serves the removed routes; the programmatic default is DEFAULT_API_MODE', async () => {
    sb = await startSandbox({ size: 30, apiMode: 'legacy-v1' });
    assert.equal((await api('GET', '/v1/organizations?limit=2')).status, 200);
    await sb.close();
    sb = await startSandbox({ size: 30 });
    assert.equal(sb.apiMode, DEFAULT_API_MODE);
    assert.equal((await api('GET', '/v1/organizations?limit=2')).status, DEFAULT_API_MODE === 'current' ? 404 : 200);
  });

  it('switches mode at run time (object and control route); a fixture read reaches v1 in today\'s mode, uncharged, reads only', async () => {
    sb = await startSandbox({ size: 30, apiMode: 'current' });
    assert.equal((await api('GET', '/v1/organizations/1')).status, 404);
    const fixture = await api('GET', '/v1/organizations/1', { headers: { [FIXTURE_HEADER]: '1' } });
    assert.equal(fixture.status, 200);
    assert.equal(sb.log.at(-1)!.tokens, 0, 'a test\'s own read is not charged');
    const write = await api('PUT', '/v1/organizations/1', { headers: { [FIXTURE_HEADER]: '1' }, body: { name: 'Changed' } });
    assert.equal(write.status, 404, 'the header never opens a write');
    sb.setApiMode('legacy-v1');
    assert.equal(sb.apiMode, 'legacy-v1');
    assert.equal((await api('GET', '/v1/organizations/1')).status, 200);
    const back = await probe(sb.url, 'POST', '/__sandbox/mode', { body: { apiMode: 'current' } });
    assert.equal(back.status, 200);
    assert.equal(sb.apiMode, 'current');
    assert.equal((await api('GET', '/v1/organizations/1')).status, 404);
    assert.equal((await probe(sb.url, 'POST', '/__sandbox/mode', { body: { apiMode: 'v3' } })).status, 400);
  });

  it('an explicit retire-v1 fault still decides the status (410 in either mode)', async () => {
    sb = await startSandbox({ size: 30, apiMode: 'current', faults: [{ kind: 'retire-v1', status: 410 }] });
    const r = await api('GET', '/v1/organizations/1');
    assert.equal(r.status, 410);
    assert.equal(sb.log.at(-1)!.fault, 'retire-v1');
  });
});

describe('sandbox /v1/recents', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  const api = (method: string, path: string, opts: ProbeOptions = {}): Promise<ProbeResult> =>
    probe(sb.url, method, path, { token: sb.token, ...opts });
  const v1Now = (offsetMs = 0): string => new Date(Date.now() + offsetMs).toISOString().slice(0, 19).replace('T', ' ');
  const recents = (since: string, extra = ''): Promise<ProbeResult> =>
    api('GET', `/v1/recents?items=organization&since_timestamp=${encodeURIComponent(since)}${extra}`);

  beforeEach(async () => { sb = await startSandbox({ size: 40, apiMode: 'current' }); });
  afterEach(async () => { await sb.close(); });

  it('400 when since_timestamp is missing or not UTC "YYYY-MM-DD HH:MM:SS"', async () => {
    for (const q of ['', '&since_timestamp=2024-01-01T00:00:00Z', '&since_timestamp=2024-13-01%2000:00:00', '&since_timestamp=yesterday']) {
      const r = await api('GET', `/v1/recents?items=organization${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.json.success, false);
      assert.match(r.json.error, /since_timestamp/);
    }
  });

  it('nothing changed: an empty page that carries the timestamp forward', async () => {
    const since = v1Now(-1000);
    const r = await recents(since);
    assert.equal(r.status, 200);
    assert.equal(r.json.data, null);
    assert.equal(r.json.additional_data.since_timestamp, since);
    assert.equal(r.json.additional_data.last_timestamp_on_page, since);
    assert.equal(r.json.additional_data.pagination.more_items_in_collection, false);
  });

  it('changed, deleted and merged-away organizations, oldest change first', async () => {
    const since = v1Now(-1000);
    assert.equal((await api('PATCH', '/api/v2/organizations/9', { body: { name: 'Nine renamed' } })).status, 200);
    // Two writes to org 3: the second lands a second later (update_time always moves), so 3 sorts after 9.
    await api('PATCH', '/api/v2/organizations/3', { body: { name: 'Three once' } });
    await api('PATCH', '/api/v2/organizations/3', { body: { name: 'Three twice' } });
    assert.equal((await api('DELETE', '/api/v2/organizations/12')).status, 200);
    assert.equal((await api('PUT', '/v1/organizations/20/merge', { body: { merge_with_id: 21 } })).status, 200);
    const r = await recents(since);
    assert.equal(r.status, 200);
    const items = r.json.data as { item: string; id: number; data: { id: number; name: string; active_flag: boolean; update_time: string } }[];
    assert.deepEqual(items.map((i) => i.id).sort((a, b) => a - b), [3, 9, 12, 20, 21]);
    assert.ok(items.every((i) => i.item === 'organization' && i.data.id === i.id));
    const times = items.map((i) => i.data.update_time);
    assert.deepEqual(times, [...times].sort(), 'ascending by update time');
    assert.ok(items.findIndex((i) => i.id === 9) < items.findIndex((i) => i.id === 3));
    const byId = new Map(items.map((i) => [i.id, i.data]));
    assert.equal(byId.get(3)!.name, 'Three twice');
    assert.equal(byId.get(3)!.active_flag, true);
    assert.equal(byId.get(12)!.active_flag, false, 'deleted');
    assert.equal(byId.get(20)!.active_flag, false, 'merged away');
    assert.equal(byId.get(21)!.active_flag, true, 'merge survivor');
    assert.equal(r.json.additional_data.last_timestamp_on_page, times.at(-1));
  });

  it('pages with start/limit: more_items_in_collection, next_start, last_timestamp_on_page per page', async () => {
    const since = v1Now(-1000);
    for (const id of [5, 6, 7]) await api('PATCH', `/api/v2/organizations/${id}`, { body: { name: `Paged ${id}` } });
    const p1 = await recents(since, '&limit=2');
    assert.equal(p1.json.data.length, 2);
    assert.deepEqual(p1.json.additional_data.pagination, { start: 0, limit: 2, more_items_in_collection: true, next_start: 2 });
    assert.equal(p1.json.additional_data.last_timestamp_on_page, p1.json.data[1].data.update_time);
    const p2 = await recents(since, '&limit=2&start=2');
    assert.equal(p2.json.data.length, 1);
    assert.equal(p2.json.additional_data.pagination.more_items_in_collection, false);
    assert.deepEqual([...p1.json.data, ...p2.json.data].map((i: { id: number }) => i.id).sort(), [5, 6, 7]);
  });

  it('other item types report nothing; an unknown type is 400', async () => {
    const since = v1Now(-1000);
    await api('PATCH', '/api/v2/organizations/5', { body: { name: 'Only orgs' } });
    assert.equal((await recents(since)).json.data.length, 1);
    const deals = await api('GET', `/v1/recents?items=deal&since_timestamp=${encodeURIComponent(since)}`);
    assert.equal(deals.json.data, null);
    assert.equal((await api('GET', `/v1/recents?items=planet&since_timestamp=${encodeURIComponent(since)}`)).status, 400);
  });
});
