import * as assert from 'node:assert/strict';
import { PipedriveClient } from '../../../src/api/PipedriveClient';
import { OrganizationStore, recentFallbackNotice, letterKey, type OrganizationChangeEvent, type StoreChange } from '../../../src/model/OrganizationStore';
import { letterOf } from '../../../src/model/letters';
import { startSandbox } from '../../../src/sandbox/server';
import { sandboxFixtures } from '../../../src/sandbox/seed';
import type { Sandbox } from '../../../src/sandbox/types';
import type { Organization } from '../../../src/api';

const SIZE = 400;

describe('OrganizationStore against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let client: PipedriveClient;
  let store: OrganizationStore;
  let changes: StoreChange[];

  const orgRequests = () => sandbox.log.filter((e) => e.path === '/v1/organizations' && e.method === 'GET');

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: SIZE, apiMode: 'legacy-v1' });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.reset();
    client = new PipedriveClient({ token: sandbox.token, baseUrl: sandbox.url, retry: { maxAttempts: 1 }, apiMode: 'legacy-v1' });
    store = new OrganizationStore({ pageSize: 5, sort: 'name ASC' });
    store.setBackend(client);
    changes = [];
    store.onDidChange((c) => changes.push(c));
    sandbox.clearLog();
  });
  afterEach(() => {
    store.dispose();
    client.dispose();
  });

  it('loads the first page of a letter with one request (first_char, start, limit, sort)', async () => {
    await Promise.all([store.ensureLoaded(letterKey('B')), store.ensureLoaded(letterKey('B'))]);
    const reqs = orgRequests();
    assert.equal(reqs.length, 1);
    assert.equal(reqs[0].query.first_char, 'b');
    assert.equal(reqs[0].query.start, '0');
    assert.equal(reqs[0].query.limit, '5');
    assert.equal(reqs[0].query.sort, 'name ASC');
    const orgs = store.organizations(letterKey('B'));
    assert.equal(orgs.length, 5);
    for (const o of orgs) assert.equal(letterOf(o.name), 'B');
    assert.ok(store.list(letterKey('B')).hasMore);
  });

  it('loads more with one request from where the last page ended', async () => {
    await store.ensureLoaded(letterKey('B'));
    sandbox.clearLog();
    await store.loadMore(letterKey('B'));
    const reqs = orgRequests();
    assert.equal(reqs.length, 1);
    assert.equal(reqs[0].query.start, '5');
    assert.equal(store.organizations(letterKey('B')).length, 10);
    const ids = store.organizations(letterKey('B')).map((o) => o.id);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
  });

  it('hides load more while loading: loadingMore is set until the page arrives', async () => {
    await store.ensureLoaded(letterKey('B'));
    const p = store.loadMore(letterKey('B'));
    assert.equal(store.list(letterKey('B')).loadingMore, true);
    assert.equal(store.list(letterKey('B')).state, 'loading');
    await p;
    assert.equal(store.list(letterKey('B')).loadingMore, false);
  });

  it('refresh forgets pages and reloads as many items as were shown, in one request', async () => {
    await store.ensureLoaded(letterKey('B'));
    await store.loadMore(letterKey('B'));
    store.refresh();
    assert.deepEqual(changes.at(-1), { kind: 'root' });
    assert.equal(store.list(letterKey('B')).loaded, false);
    sandbox.clearLog();
    await store.ensureLoaded(letterKey('B'));
    const reqs = orgRequests();
    assert.equal(reqs.length, 1);
    assert.equal(reqs[0].query.limit, '10');
    assert.equal(store.organizations(letterKey('B')).length, 10);
  });

  it('keeps an error on the list and retry recovers', async () => {
    sandbox.setFaults([{ kind: 'status', status: 500, match: { path: '/v1/organizations' }, times: 1 }]);
    await store.ensureLoaded(letterKey('C'));
    assert.equal(store.list(letterKey('C')).state, 'error');
    await store.retry(letterKey('C'));
    assert.equal(store.list(letterKey('C')).state, 'loaded');
    assert.ok(store.organizations(letterKey('C')).length > 0);
  });

  it('narrows by owner scope (user_id)', async () => {
    store.setScope({ ownerId: 2 });
    await store.ensureLoaded(letterKey('A'));
    assert.equal(orgRequests()[0].query.user_id, '2');
    for (const o of store.organizations(letterKey('A'))) assert.equal(o.ownerId, 2);
  });

  it('recently changed: falls back to update_time DESC with a notice on 403', async () => {
    const regular = new PipedriveClient({ token: sandbox.regularUserToken, baseUrl: sandbox.url, retry: { maxAttempts: 1 }, apiMode: 'legacy-v1' });
    store.setBackend(regular);
    sandbox.clearLog();
    await store.ensureLoaded('recent');
    const list = store.list('recent');
    assert.equal(list.state, 'loaded', String(list.error));
    assert.equal(list.notice, recentFallbackNotice());
    const fallback = orgRequests();
    assert.equal(fallback.length, 1);
    assert.equal(fallback[0].query.sort, 'update_time DESC');
    regular.dispose();
  });

  it('recently changed: the collection with a since 7 days back', async () => {
    await store.ensureLoaded('recent');
    const req = sandbox.log.find((e) => e.path === '/v1/organizations/collection');
    assert.ok(req, 'collection requested');
    assert.match(String(req.query.since), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.equal(store.list('recent').state, 'loaded', String(store.list('recent').error));
  });

  it('apply*: created, renamed and deleted organizations move without a reload', async () => {
    await store.ensureLoaded(letterKey('B'));
    await store.ensureLoaded(letterKey('Z'));
    const before = store.organizations(letterKey('B'));
    sandbox.clearLog();
    const created = { ...(before[0].record as Organization), id: 99_999, name: 'Baaa First' };
    store.applyCreated(created);
    assert.equal(store.organizations(letterKey('B'))[0].id, 99_999);
    assert.equal(store.list(letterKey('B')).next, 6);
    store.applyUpdated({ ...created, name: 'Zzzz Last' });
    assert.ok(!store.organizations(letterKey('B')).some((o) => o.id === 99_999));
    assert.equal(store.list(letterKey('B')).next, 5);
    store.applyDeleted([before[1].id]);
    assert.ok(!store.organizations(letterKey('B')).some((o) => o.id === before[1].id));
    assert.equal(orgRequests().length, 0, 'no request');
    assert.ok(changes.some((c) => c.kind === 'list' && c.key === letterKey('B')));
  });

  it('notes letters of other scripts (É, Ж, 東) from loaded records', async () => {
    const named = sandboxFixtures.namedOrgs;
    store.noteOrganizations([{ id: 12, name: named[12] }, { id: 13, name: named[13] }, { id: 14, name: named[14] }]);
    for (const l of ['É', 'Ж', '東']) assert.ok(store.letters.includes(l), l);
    assert.deepEqual(store.letters.slice(0, 2), ['A', 'B']);
  });

  it('an empty letter loads as an empty, complete list', async () => {
    store.setScope({ ownerId: 11 });
    await store.ensureLoaded(letterKey('Q'));
    const list = store.list(letterKey('Q'));
    assert.equal(list.state, 'loaded');
    assert.equal(list.hasMore, false);
  });
  it('applyMerged drops the merged organization and reloads the survivor\'s groups', async () => {
    await store.ensureLoaded(letterKey('B'));
    const [a, b] = store.organizations(letterKey('B'));
    await store.ensureLoaded(`org:${b.id}/persons`);
    store.applyMerged(a.id, { ...(b.record as Organization), people_count: 99 });
    assert.ok(!store.organizations(letterKey('B')).some((o) => o.id === a.id));
    assert.equal(store.summaryOf(b.id)?.counts.persons, 99);
    assert.equal(store.peek(`org:${b.id}/persons`), undefined, 'groups forgotten');
  });

  it('onDidChangeOrganization: one event per organization changed by a command (update, follow, bulk delete, merge)', async () => {
    await store.ensureLoaded(letterKey('B'));
    const [a, b, c, d] = store.organizations(letterKey('B'));
    const events: OrganizationChangeEvent[] = [];
    store.onDidChangeOrganization((e) => events.push(e));
    store.applyUpdated({ ...(a.record as Organization), name: `${a.name} 2` });
    store.applyFollowChanged(a.id, true);
    store.applyFollowerCountChanged(a.id, 1);
    store.applyDeleted([b.id, c.id]);
    store.applyMerged(d.id, a.record as Organization);
    assert.deepEqual(events, [
      { id: a.id, kind: 'updated' },
      { id: a.id, kind: 'updated' },
      { id: a.id, kind: 'updated' },
      { id: b.id, kind: 'deleted' },
      { id: c.id, kind: 'deleted' },
      { id: d.id, kind: 'merged' },
      { id: a.id, kind: 'updated' },
    ]);
    // Loading and refreshing change nothing in Pipedrive: no events.
    events.length = 0;
    store.refresh();
    await store.ensureLoaded(letterKey('B'));
    assert.deepEqual(events, []);
  });

  it('applyFollowChanged sets followed and moves the follower count', async () => {
    await store.ensureLoaded(letterKey('B'));
    const org = store.organizations(letterKey('B'))[0];
    const before = org.counts.followers ?? 0;
    store.applyFollowChanged(org.id, true);
    assert.equal(store.summaryOf(org.id)?.followed, true);
    assert.equal(store.summaryOf(org.id)?.counts.followers, before + 1);
    assert.deepEqual(changes.at(-1), { kind: 'org', id: org.id });
  });

  it('pin puts an organization from an unloaded page under its letter without shifting offsets', async () => {
    await store.ensureLoaded(letterKey('B'));
    const list = store.list(letterKey('B'));
    const next = list.next;
    const far = { ...(store.organizations(letterKey('B'))[0].record as Organization), id: 88_888, name: 'Bzzzz Far Away' };
    store.pin(far);
    assert.ok(list.items.includes(88_888));
    assert.equal(list.next, next);
  });

  it('a new page size reloads with the count shown before', async () => {
    await store.ensureLoaded(letterKey('B'));
    await store.loadMore(letterKey('B'));
    store.configure({ pageSize: 3 });
    assert.equal(store.pageSize, 3);
    sandbox.clearLog();
    await store.ensureLoaded(letterKey('B'));
    assert.equal(orgRequests()[0].query.limit, '10');
    sandbox.clearLog();
    await store.loadMore(letterKey('B'));
    assert.equal(orgRequests()[0].query.limit, '3');
  });
});
