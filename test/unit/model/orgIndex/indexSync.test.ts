import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { groupOf } from '../../../../src/api/firstChar';
import { parseSort } from '../../../../src/api/sortSpec';
import { PagingStuckError } from '../../../../src/api/pages';
import { organizationFromV2 } from '../../../../src/api/v2Mapping';
import { probe } from '../../../../src/sandbox/probe';
import { startSandbox } from '../../../../src/sandbox/server';
import type { Sandbox } from '../../../../src/sandbox/types';
import { collect, makeClient } from '../../helpers/clientKit';
import { isList, isRecents, rig, tempStorage } from './indexKit';
import { iterate } from '../../../../src/api/pages';

const byName = parseSort('name ASC');

/** Every organization reachable through the groups, as the tree walks them. */
function reachable(index: ReturnType<typeof rig>['index']): number[] {
  const ids: number[] = [];
  for (const g of index.groups()) ids.push(...index.query({ group: g.key, sort: byName, start: 0, limit: 1e9 }).items.map((o) => o.id));
  return ids;
}

describe('organization index sync (sandbox, current API)', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let dir: string;
  const api = (method: string, path: string, body?: unknown) => probe(sb.url, method, path, { token: sb.token, body });

  before(async () => {
    sb = await startSandbox({ size: 3009, apiMode: 'current' });
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(() => {
    sb.reset();
    dir = tempStorage();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('first walk: every organization, 500 a page, the tree filling as pages arrive, each reachable from a group', async () => {
    const r = rig(sb.url, sb.token, dir);
    const progress: number[] = [];
    const sizesAtEvents: number[] = [];
    r.index.onDidChange(() => sizesAtEvents.push(r.index.size));
    const result = await r.sync.start({ onProgress: (p) => progress.push(p.loaded) });
    assert.equal(result.outcome, 'walked');
    assert.equal(result.requests, 7);
    assert.equal(sb.log.filter(isList).length, 7);
    assert.ok(sb.log.filter(isList).every((e) => e.query.limit === '500'));
    assert.equal(sb.log.filter(isRecents).length, 0);
    assert.deepEqual(progress, [500, 1000, 1500, 2000, 2500, 3000, 3009]);
    assert.equal(sizesAtEvents[0], 500, 'the first page shows before the walk ends');
    assert.equal(r.index.ready, true);
    const { client } = makeClient(sb.url, sb.token);
    const server = await collect(iterate(({ cursor }) => client.v2.listOrganizationsV2({ limit: 500, cursor })));
    assert.equal(r.index.size, server.length);
    assert.equal(r.index.size, 3009);
    const ids = reachable(r.index);
    assert.equal(ids.length, 3009, 'every organization sits in exactly one group');
    assert.deepEqual(new Set(ids), new Set(server.map((o) => o.id)));
    assert.equal(r.index.groups().reduce((n, g) => n + g.count, 0), 3009);
    const other = r.index.groups().at(-1)!;
    assert.equal(other.key, 'Other', 'names starting with "<" (ids 2, 3) sit in Other, shown last');
    const otherIds = r.index.query({ group: 'Other', sort: byName, start: 0, limit: 100 }).items.map((o) => o.id);
    assert.ok(otherIds.includes(2) && otherIds.includes(3));
    for (const key of ['Ö', 'Å', 'É', 'Ж', '東', 'ש', 'ا']) assert.ok(r.index.groups().some((g) => g.key === key), key);
    assert.ok(fs.existsSync(r.file.path), 'the index was written');
    assert.ok(fs.readdirSync(dir).every((f) => !f.endsWith('.tmp')));
  });

  it('restart with the file on disk: 0 list calls and 1 recents call, the same index', async () => {
    const first = rig(sb.url, sb.token, dir);
    await first.sync.start();
    const groupsBefore = first.index.groups();
    sb.clearLog();
    const second = rig(sb.url, sb.token, dir);
    const result = await second.sync.start();
    assert.equal(result.outcome, 'caught-up');
    assert.equal(result.loadedFromDisk, true);
    assert.equal(sb.log.filter(isList).length, 0);
    assert.equal(sb.log.filter(isRecents).length, 1);
    assert.equal(sb.log.length, 1);
    assert.equal(sb.log[0].tokens, 20);
    assert.equal(second.index.size, 3009);
    assert.equal(second.index.ready, true);
    assert.deepEqual(second.index.groups(), groupsBefore);
    assert.deepEqual(second.index.get(1), first.index.get(1));
    assert.match(second.lines.join('\n'), /loaded 3009 organizations from disk/);
  });

  it('a start after 50 outside changes: one recents call brings all 50', async () => {
    await rig(sb.url, sb.token, dir).sync.start();
    for (let id = 100; id < 150; id++) assert.equal((await api('PATCH', `/api/v2/organizations/${id}`, { name: `Changed ${id}` })).status, 200);
    sb.clearLog();
    const r = rig(sb.url, sb.token, dir);
    const result = await r.sync.start();
    assert.equal(result.outcome, 'caught-up');
    assert.equal(result.upserted, 50);
    assert.equal(sb.log.length, 1);
    assert.ok(sb.log.every(isRecents));
    for (let id = 100; id < 150; id++) assert.equal(r.index.get(id)!.name, `Changed ${id}`);
    // The next start re-reads that hour (the clock margin) but finds nothing new: no change event.
    sb.clearLog();
    const again = rig(sb.url, sb.token, dir);
    const second = await again.sync.start();
    assert.equal(sb.log.length, 1);
    assert.equal(second.upserted, 0);
    assert.deepEqual(again.changes.filter((c) => !c.reset), []);
  });

  it('recents in pages of 20: 50 changes in 3 requests, start moving forward each time', async () => {
    await rig(sb.url, sb.token, dir).sync.start();
    for (let id = 200; id < 250; id++) await api('PATCH', `/api/v2/organizations/${id}`, { name: `Paged ${id}` });
    sb.clearLog();
    const r = rig(sb.url, sb.token, dir, { sync: { recentsPageLimit: 20 } });
    const result = await r.sync.start();
    assert.equal(result.upserted, 50);
    assert.deepEqual(sb.log.filter(isRecents).map((e) => [e.query.start, e.query.limit]), [['0', '20'], ['20', '20'], ['40', '20']]);
    for (let id = 200; id < 250; id++) assert.equal(r.index.get(id)!.name, `Paged ${id}`);
  });

  it('with the day\'s token budget spent, a start still shows every organization from disk', async () => {
    await rig(sb.url, sb.token, dir).sync.start();
    sb.setTokenBudget({ limit: 1000, used: 1000 });
    sb.clearLog();
    const r = rig(sb.url, sb.token, dir);
    const err = await r.sync.start().then(() => undefined, (e) => e);
    assert.equal(err?.status, 429);
    assert.equal(r.index.ready, true);
    assert.equal(r.index.size, 3009);
    assert.equal(r.index.groups().reduce((n, g) => n + g.count, 0), 3009);
    assert.equal(sb.log.filter(isList).length, 0, 'no walk is attempted');
    sb.setTokenBudget({ limit: 0, used: 0 });
  });

  it('a deletion and a merge made outside the extension leave the index after recents', async () => {
    await rig(sb.url, sb.token, dir).sync.start();
    assert.equal((await api('DELETE', '/api/v2/organizations/12')).status, 200);
    assert.equal((await api('PUT', '/v1/organizations/20/merge', { merge_with_id: 21 })).status, 200);
    sb.clearLog();
    const r = rig(sb.url, sb.token, dir);
    const loadedCounts = new Map<string, number>();
    r.index.onDidChange((c) => {
      if (c.reset) for (const g of r.index.groups()) loadedCounts.set(g.key, g.count);
    });
    const result = await r.sync.start();
    assert.equal(result.outcome, 'caught-up');
    assert.equal(sb.log.length, 1, 'one recents call, no walk');
    assert.equal(r.index.get(12), undefined);
    assert.equal(r.index.get(20), undefined, 'merged away');
    assert.ok(r.index.get(21), 'the survivor stays');
    assert.equal(r.index.size, 3007);
    assert.deepEqual(result.removed, 2);
    const removedEvent = r.changes.find((c) => c.removed.length > 0)!;
    assert.deepEqual([...removedEvent.removed].sort((a, b) => a - b), [12, 20]);
    assert.ok(removedEvent.upserted.includes(21));
  });

  it('a rename made outside moves the organization to its new group', async () => {
    const r = rig(sb.url, sb.token, dir);
    await r.sync.start();
    const before = r.index.get(1)!;
    assert.equal(before.name, 'Acme Technologies');
    const countOf = (key: string) => r.index.groups().find((g) => g.key === key)?.count ?? 0;
    const [a, z] = [countOf('A'), countOf('Z')];
    // Expand both letters once, so stale sorted lists would show if the change did not drop them.
    assert.ok(r.index.query({ group: 'A', sort: byName, start: 0, limit: 5000 }).items.some((o) => o.id === 1));
    r.index.query({ group: 'Z', sort: byName, start: 0, limit: 5000 });
    assert.equal((await api('PATCH', '/api/v2/organizations/1', { name: 'Zyx Renamed' })).status, 200);
    sb.clearLog();
    const result = await r.sync.refresh();
    assert.equal(result.outcome, 'caught-up');
    assert.equal(sb.log.filter(isList).length, 0);
    assert.equal(r.index.get(1)!.name, 'Zyx Renamed');
    assert.equal(countOf('A'), a - 1);
    assert.equal(countOf('Z'), z + 1);
    assert.ok(!r.index.query({ group: 'A', sort: byName, start: 0, limit: 5000 }).items.some((o) => o.id === 1));
    assert.ok(r.index.query({ group: 'Z', sort: byName, start: 0, limit: 5000 }).items.some((o) => o.id === 1));
  });

  it('cancel during the first walk keeps what was read, not ready and not saved; refresh goes on from there', async () => {
    const r = rig(sb.url, sb.token, dir);
    const ctl = new AbortController();
    const result = await r.sync.start({ signal: ctl.signal, onProgress: (p) => p.loaded >= 1000 && ctl.abort() });
    assert.equal(result.outcome, 'cancelled');
    assert.equal(r.index.size, 1000);
    assert.equal(r.index.ready, false);
    assert.equal(fs.existsSync(r.file.path), false, 'a partial walk is never stored as the whole');
    assert.match(r.lines.join('\n'), /cancelled after 1000 organizations/);
    assert.equal(sb.log.filter(isList).length, 2);
    sb.clearLog();
    const progress: number[] = [];
    const done = await r.sync.refresh({ onProgress: (p) => progress.push(p.loaded) });
    assert.equal(done.outcome, 'walked');
    assert.equal(sb.log.filter(isList).length, 5, 'the 2 pages read are not read again');
    assert.ok(sb.log.filter(isList)[0].query.cursor, 'it goes on from the cursor of page 3');
    assert.deepEqual(progress, [1500, 2000, 2500, 3000, 3009]);
    assert.equal(r.index.size, 3009);
    assert.equal(new Set(reachable(r.index)).size, 3009);
    assert.equal(r.index.ready, true);
    assert.ok(fs.existsSync(r.file.path));
  });

  it('cancel while a page hangs on the server ends the walk at once, keeping the pages read', async () => {
    const r = rig(sb.url, sb.token, dir);
    const ctl = new AbortController();
    const walk = r.sync.start({ signal: ctl.signal, onProgress: (p) => p.loaded === 1000 && sb.setFaults([{ kind: 'hang', match: { path: '/api/v2/organizations' } }]) });
    await sb.waitForLog((e) => e.fault === 'hang');
    ctl.abort();
    const result = await walk;
    assert.equal(result.outcome, 'cancelled');
    assert.equal(r.index.size, 1000);
    assert.equal(r.index.ready, false);
    sb.clearFaults();
  });

  it('an interrupted walk whose position expired starts over once, with one log line', async () => {
    const r = rig(sb.url, sb.token, dir);
    const ctl = new AbortController();
    await r.sync.start({ signal: ctl.signal, onProgress: (p) => p.loaded >= 500 && ctl.abort() });
    sb.setFaults([{ kind: 'status', status: 400, times: 1, match: { path: '/api/v2/organizations' } }]);
    sb.clearLog();
    const done = await r.sync.refresh();
    assert.equal(done.outcome, 'walked');
    assert.equal(r.index.size, 3009);
    assert.equal(sb.log.filter(isList).length, 8, '1 refused + 7 from the start');
    assert.equal(r.lines.filter((l) => /position expired/.test(l)).length, 1);
  });

  it('a list that keeps failing mid-walk: the error reaches the host, what was read stays, nothing is saved; Retry walks again', async () => {
    const r = rig(sb.url, sb.token, dir);
    const failing = r.sync.start({ onProgress: (p) => p.loaded === 1000 && sb.setFaults([{ kind: 'status', status: 500, match: { path: '/api/v2/organizations' } }]) });
    const err = await failing.then(() => undefined, (e) => e);
    assert.equal(err?.kind, 'server');
    assert.equal(r.index.size, 1000);
    assert.equal(r.index.ready, false);
    assert.equal(fs.existsSync(r.file.path), false);
    sb.clearFaults();
    const retry = await r.sync.refresh();
    assert.equal(retry.outcome, 'walked');
    assert.equal(r.index.size, 3009);
    assert.equal(r.index.ready, true);
  });

  it('the extension\'s own writes change the index at once and reach the file on flush', async () => {
    const r = rig(sb.url, sb.token, dir, { sync: { saveDelayMs: 60_000 } });
    await r.sync.start();
    const added = (await api('POST', '/api/v2/organizations', { name: '!Bang Consulting' })).json.data;
    const created = organizationFromV2(added, () => undefined);
    r.sync.applyOwnWrite({ upserted: [created], removed: [5] });
    assert.equal(r.index.get(added.id)!.name, '!Bang Consulting');
    assert.equal(r.index.get(5), undefined);
    assert.ok(r.index.query({ group: 'Other', sort: byName, start: 0, limit: 100 }).items.some((o) => o.id === added.id));
    await r.sync.flush();
    sb.clearLog();
    const next = rig(sb.url, sb.token, dir);
    await next.sync.start();
    assert.equal(next.index.get(added.id)!.name, '!Bang Consulting');
    // Org 5 was not really deleted on the server: the local write stays until recents says otherwise.
    assert.equal(next.index.get(5), undefined);
    assert.equal(sb.log.filter(isList).length, 0);
  });

  it('dispose cancels a running walk and writes pending own writes', async () => {
    const r = rig(sb.url, sb.token, dir, { sync: { saveDelayMs: 60_000 } });
    await r.sync.start();
    assert.equal((await api('DELETE', '/api/v2/organizations/8')).status, 200);
    r.sync.applyOwnWrite({ removed: [8] });
    sb.clearLog();
    let disposing: Promise<void> | undefined;
    const walk = r.sync.refreshAll({ onProgress: () => (disposing ??= r.sync.dispose()) });
    assert.equal((await walk).outcome, 'cancelled');
    await disposing;
    assert.equal(sb.log.filter(isList).length, 1);
    const next = rig(sb.url, sb.token, dir, { recents: async () => ({ items: [], moreItems: false }) });
    await next.sync.start();
    assert.equal(next.index.get(8), undefined, 'the own delete reached the file');
    assert.equal(next.index.size, 3008);
  });

  it('recents answering 403: the changes are read from the list with updated_since, and the log says so', async () => {
    await rig(sb.url, sb.token, dir).sync.start();
    assert.equal((await api('PATCH', '/api/v2/organizations/3', { name: 'Changed while away' })).status, 200);
    sb.setFaults([{ kind: 'status', status: 403, match: { path: '/v1/recents' } }]);
    sb.clearLog();
    const r = rig(sb.url, sb.token, dir);
    const result = await r.sync.start();
    assert.equal(result.outcome, 'walked-changes');
    assert.equal(r.index.get(3)!.name, 'Changed while away');
    const lists = sb.log.filter(isList);
    assert.equal(lists.length, 1);
    assert.match(String(lists[0].query.updated_since), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(r.lines.filter((l) => /recents is not available/.test(l)).length, 1);
    // The session remembers: the next refresh goes straight to the list.
    sb.clearLog();
    await r.sync.refresh();
    assert.equal(sb.log.filter(isRecents).length, 0);
    assert.equal(sb.log.filter(isList).length, 1);
  });

  it('a sync older than recents reaches back walks everything again, and says so', async () => {
    await rig(sb.url, sb.token, dir).sync.start();
    sb.clearLog();
    const later = Date.now() + 31 * 24 * 3600_000;
    const r = rig(sb.url, sb.token, dir, { sync: { now: () => later } });
    const result = await r.sync.start();
    assert.equal(result.outcome, 'walked');
    assert.equal(sb.log.filter(isRecents).length, 0);
    assert.equal(sb.log.filter(isList).length, 7);
    assert.equal(r.lines.filter((l) => /older than recents reaches back/.test(l)).length, 1);
  });

  it('asks before every full walk (first sign-in, Refresh All); a "no" reads nothing', async () => {
    const asked: unknown[] = [];
    let answer = false;
    const r = rig(sb.url, sb.token, dir, { sync: { beforeWalk: async (w) => (asked.push(w), answer) } });
    const declined = await r.sync.start();
    assert.equal(declined.outcome, 'declined');
    assert.equal(sb.log.length, 0);
    assert.equal(r.index.ready, false);
    assert.equal(r.lines.filter((l) => /declined/.test(l)).length, 1);
    answer = true;
    assert.equal((await r.sync.refresh()).outcome, 'walked');
    answer = false;
    assert.equal((await r.sync.refreshAll()).outcome, 'declined');
    assert.equal(r.index.size, 3009, 'a declined Refresh All keeps the index');
    assert.equal(r.index.ready, true);
    assert.deepEqual(asked, [{ reason: 'first' }, { reason: 'first' }, { reason: 'refresh-all', estimatedRequests: 7 }]);
    sb.clearLog();
    assert.equal((await r.sync.refresh()).outcome, 'caught-up', 'a catch-up never asks');
    assert.equal(asked.length, 3);
  });

  it('a refresh asked while the start runs shares it: one recents call', async () => {
    await rig(sb.url, sb.token, dir).sync.start();
    sb.clearLog();
    const r = rig(sb.url, sb.token, dir);
    const [a, b] = await Promise.all([r.sync.start(), r.sync.refresh()]);
    assert.equal(a, b);
    assert.equal(sb.log.filter(isRecents).length, 1);
  });

  it('Refresh All asked during the first walk is answered by that walk, not a second one', async () => {
    const r = rig(sb.url, sb.token, dir);
    let again: Promise<unknown> | undefined;
    const first = r.sync.start({ onProgress: () => (again ??= r.sync.refreshAll()) });
    await Promise.all([first, again]);
    assert.ok(again);
    assert.equal(sb.log.filter(isList).length, 7);
  });

  it('an organization we delete while recents is in flight does not come back from that answer', async () => {
    await rig(sb.url, sb.token, dir).sync.start();
    assert.equal((await api('PATCH', '/api/v2/organizations/3', { name: 'Changed elsewhere' })).status, 200);
    const { sandboxRecents } = await import('./sandboxRecents');
    const inner = sandboxRecents(sb.url, sb.token);
    let sent!: () => void;
    const requestSent = new Promise<void>((resolve) => (sent = resolve));
    const r = rig(sb.url, sb.token, dir, { recents: (since, o) => { const p = inner(since, o); sent(); return p; } });
    const running = r.sync.start();
    await requestSent;
    r.sync.applyOwnWrite({ removed: [3] });
    const result = await running;
    assert.equal(result.outcome, 'caught-up');
    assert.equal(sb.log.filter(isRecents).length, 1);
    assert.equal(r.index.get(3), undefined, 'the delete wins over the older answer');
  });

  it('an own write made while the file loads survives the load', async () => {
    await rig(sb.url, sb.token, dir).sync.start();
    const r = rig(sb.url, sb.token, dir, { recents: async () => ({ items: [], moreItems: false }) });
    const running = r.sync.start();
    r.sync.applyOwnWrite({ removed: [4], upserted: [{ ...r.index.get(1) ?? { id: 1 }, id: 1, name: 'Renamed by us', update_time: '2030-01-01 00:00:00' } as never] });
    await running;
    assert.equal(r.index.get(4), undefined);
    assert.equal(r.index.get(1)!.name, 'Renamed by us');
    assert.equal(r.index.size, 3008);
  });

  it('Refresh All drops organizations deleted elsewhere even without recents, in one reset', async () => {
    const r = rig(sb.url, sb.token, dir);
    await r.sync.start();
    await api('DELETE', '/api/v2/organizations/7');
    r.changes.length = 0;
    const result = await r.sync.refreshAll();
    assert.equal(result.outcome, 'walked');
    assert.equal(result.removed, 1);
    assert.equal(r.index.get(7), undefined);
    assert.equal(r.changes.filter((c) => c.reset).length, 1);
  });

  it('Refresh All takes the server\'s record even when the one held looks newer (data restored in Pipedrive)', async () => {
    const r = rig(sb.url, sb.token, dir);
    await r.sync.start();
    const server = r.index.get(12)!;
    // What an earlier session saw before Pipedrive's data went back: a later name and update_time.
    r.index.upsert([{ ...server, name: 'Zz Restored Away', update_time: '2099-01-01 00:00:00' }]);
    assert.equal(r.index.get(12)?.name, 'Zz Restored Away');
    await r.sync.refreshAll();
    assert.equal(r.index.get(12)?.name, server.name);
    assert.equal(groupOf(server.name), groupOf(r.index.query({ group: groupOf(server.name), sort: byName, start: 0, limit: 1e9 }).items.find((o) => o.id === 12)?.name));
  });
});

describe('organization index paging guards', function () {
  this.timeout(20_000);
  it('a v2 list that repeats its cursor stops after the repeat, logs once, and leaves the index not ready', async () => {
    const { scriptedServer } = await import('../../helpers/scriptedServer');
    let calls = 0;
    let nextId = 1;
    const server = await scriptedServer((req, res) => {
      calls++;
      // Pipedrive's published example cursor, on every page, with new organizations each time.
      const data = [0, 1].map(() => ({ id: nextId, name: `Org ${nextId++}`, owner_id: 1, add_time: '2024-01-01T00:00:00Z', update_time: '2024-01-01T00:00:00Z', visible_to: 3, label_ids: [] }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: true, data, additional_data: { next_cursor: 'eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Nywic29ydERpcmVjdGlvbiI6ImFzYyIsImlkIjo3fQ' } }));
    });
    const dir = tempStorage();
    try {
      const r = rig(server.url, 'x'.repeat(40), dir, { recents: async () => ({ items: [], moreItems: false }) });
      const err = await r.sync.start().then(() => undefined, (e) => e);
      assert.ok(err instanceof PagingStuckError);
      assert.equal(err.reason, 'repeated');
      assert.equal(calls, 2);
      assert.equal(r.index.size, 4, 'what was read stays');
      assert.equal(r.index.ready, false);
      assert.equal(r.lines.filter((l) => /kept answering the same page/.test(l)).length, 1);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recents whose next_start does not move forward stops instead of looping', async () => {
    const { scriptedServer } = await import('../../helpers/scriptedServer');
    const sb = await startSandbox({ size: 30, apiMode: 'current' });
    let calls = 0;
    let id = 1;
    const server = await scriptedServer((req, res) => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        success: true,
        data: [{ item: 'organization', id, data: { id: id++, name: 'Looping', active_flag: true, owner_id: { id: 1, value: 1 }, update_time: '2026-01-01 00:00:00' } }],
        additional_data: { pagination: { start: 0, limit: 1, more_items_in_collection: true, next_start: 0 } },
      }));
    });
    const dir = tempStorage();
    try {
      const { sandboxRecents } = await import('./sandboxRecents');
      await rig(sb.url, sb.token, dir).sync.start();
      const r = rig(sb.url, sb.token, dir, { recents: sandboxRecents(server.url, sb.token) });
      const err = await r.sync.start().then(() => undefined, (e) => e);
      assert.ok(err instanceof PagingStuckError);
      assert.equal(err.reason, 'stuck');
      assert.equal(calls, 1);
      assert.equal(r.lines.filter((l) => /kept answering the same page/.test(l)).length, 1);
    } finally {
      await server.close();
      await sb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
