import * as assert from 'node:assert/strict';
import { PipedriveClient } from '../../../src/api/PipedriveClient';
import { groupOf, OTHER_GROUP } from '../../../src/api/firstChar';
import type { Organization } from '../../../src/api';
import { clientSource } from '../../../src/model/orgIndex/IndexSource';
import { IndexSync } from '../../../src/model/orgIndex/IndexSync';
import { OrganizationIndex } from '../../../src/model/orgIndex/OrganizationIndex';
import { OrganizationStore, letterKey, RECENT_KEY, type StoreChange } from '../../../src/model/OrganizationStore';
import type { StoreIndex } from '../../../src/model/indexLists';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { iterate } from '../../../src/api/pages';

// The store reading the account's organization index (today's API): the index is walked once
// through the real client and sync, then letters, counts, owner scope, sort and "Recently
// changed" cost no request, and the extension's own writes show at once.

const SIZE = 600;

describe('OrganizationStore on the organization index', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let client: PipedriveClient;
  let index: OrganizationIndex;
  let sync: IndexSync;
  let store: OrganizationStore;
  let changes: StoreChange[];
  let catchUps: number;

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: SIZE, apiMode: 'current' });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    sandbox.reset();
    client = new PipedriveClient({ token: sandbox.token, baseUrl: sandbox.url, retry: { maxAttempts: 1 } });
    index = new OrganizationIndex({ locale: 'en' });
    sync = new IndexSync({
      index,
      log: () => undefined,
      source: clientSource(client.v2, (since, o) => client.listRecentOrganizations(since, { start: o.start, limit: o.limit }, { signal: o.signal })),
    });
    const walked = await sync.start();
    assert.equal(walked.outcome, 'walked');
    catchUps = 0;
    const link: StoreIndex = {
      view: index,
      ownWrite: (w) => sync.applyOwnWrite(w),
      catchUp: () => {
        catchUps++;
        void sync.refresh();
      },
    };
    store = new OrganizationStore({ pageSize: 50, sort: 'name ASC' });
    store.setBackend(client);
    store.setIndex(link);
    changes = [];
    store.onDidChange((c) => changes.push(c));
    sandbox.clearLog();
  });
  afterEach(async () => {
    store.dispose();
    await sync.dispose();
    client.dispose();
  });

  /** Every organization the sandbox lists through v2 (read with a second client, not logged in the test's counts). */
  async function serverOrganizations(): Promise<{ id: number; name: string; owner_id: number }[]> {
    const all: { id: number; name: string; owner_id: number }[] = [];
    for await (const o of iterate(({ cursor }) => client.v2.listOrganizationsV2({ limit: 500, cursor }))) all.push({ id: o.id, name: o.name, owner_id: o.owner_id });
    return all;
  }

  it('the walk read every organization; letters and their counts match the server, Other last, with no request', async () => {
    const server = await serverOrganizations();
    sandbox.clearLog();
    const counts = new Map<string, number>();
    for (const o of server) counts.set(groupOf(o.name), (counts.get(groupOf(o.name)) ?? 0) + 1);
    const letters = store.letters;
    assert.deepEqual(new Set(letters), new Set(counts.keys()));
    if (letters.includes(OTHER_GROUP)) assert.equal(letters.at(-1), OTHER_GROUP);
    for (const l of letters) assert.equal(store.letterCount(l), counts.get(l), l);
    assert.equal(letters.reduce((n, l) => n + (store.letterCount(l) ?? 0), 0), server.length, 'every organization is under a letter');
    assert.equal(sandbox.log.length, 0);
  });

  it('expanding a letter and loading more cost 0 requests and list it in name order', async () => {
    const letter = store.letters.reduce((a, b) => ((store.letterCount(a) ?? 0) >= (store.letterCount(b) ?? 0) ? a : b));
    await store.ensureLoaded(letterKey(letter));
    const list = store.list<number>(letterKey(letter));
    assert.equal(list.items.length, Math.min(50, store.letterCount(letter)!));
    while (list.hasMore) await store.loadMore(letterKey(letter));
    assert.equal(list.items.length, store.letterCount(letter));
    const names = store.organizations(letterKey(letter)).map((o) => o.name);
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    for (let i = 1; i < names.length; i++) assert.ok(collator.compare(names[i - 1], names[i]) <= 0, `${names[i - 1]} before ${names[i]}`);
    assert.equal(sandbox.log.length, 0);
  });

  it('owner scope narrows letters, counts and lists locally', async () => {
    const server = await serverOrganizations();
    sandbox.clearLog();
    const ownerId = server[0].owner_id;
    const mine = server.filter((o) => o.owner_id === ownerId);
    store.setScope({ ownerId });
    assert.equal(store.letters.reduce((n, l) => n + (store.letterCount(l) ?? 0), 0), mine.length);
    const letter = groupOf(mine[0].name);
    await store.ensureLoaded(letterKey(letter));
    assert.ok(store.organizations(letterKey(letter)).every((o) => o.ownerId === ownerId));
    assert.equal(sandbox.log.length, 0);
  });

  it('a saved filter still goes to Pipedrive (v2 list with filter_id)', async () => {
    store.setScope({ filterId: 1 });
    assert.equal(store.indexBacked, false);
    await store.ensureLoaded(letterKey('A'));
    assert.equal(store.list(letterKey('A')).error, undefined);
    assert.ok(sandbox.log.some((e) => e.path === '/api/v2/organizations' && e.query.filter_id === '1'), JSON.stringify(sandbox.log));
  });

  it('an organization this extension adds shows under its letter at once, and the count moves', async () => {
    const created = await client.addOrganization({ name: 'Aaaa First Of All' });
    sandbox.clearLog();
    await store.ensureLoaded(letterKey('A'));
    const before = store.letterCount('A')!;
    changes = [];
    store.applyCreated(created);
    assert.equal(store.letterCount('A'), before + 1);
    assert.equal(store.organizations(letterKey('A'))[0].name, 'Aaaa First Of All');
    assert.ok(changes.some((c) => c.kind === 'list' && c.key === letterKey('A')));
    assert.ok(index.get(created.id), 'the index has it');
    assert.equal(sandbox.log.length, 0);
  });

  it('a rename moves it between letters; a delete and a merge take it out of the index and the tree', async () => {
    const [a, b] = [await client.addOrganization({ name: 'Qqq Renamed Later' }), await client.addOrganization({ name: 'Qqq Merged Away' })];
    store.applyCreated(a);
    store.applyCreated(b);
    await store.ensureLoaded(letterKey('Q'));
    await store.ensureLoaded(letterKey('W'));
    const renamed = await client.updateOrganization(a.id, { name: 'Www Renamed' });
    store.applyUpdated(renamed);
    assert.ok(!store.organizations(letterKey('Q')).some((o) => o.id === a.id));
    assert.ok(store.organizations(letterKey('W')).some((o) => o.id === a.id));
    store.applyMerged(b.id, renamed);
    assert.equal(index.get(b.id), undefined);
    assert.ok(!store.organizations(letterKey('Q')).some((o) => o.id === b.id));
    store.applyDeleted([a.id]);
    assert.equal(index.get(a.id), undefined);
    assert.ok(!store.organizations(letterKey('W')).some((o) => o.id === a.id));
  });

  it('a change from elsewhere that the sync brings reloads a shown letter from the index, with no list request', async () => {
    await store.ensureLoaded(letterKey('Z'));
    const outside = new PipedriveClient({ token: sandbox.token, baseUrl: sandbox.url });
    try {
      const made = await outside.addOrganization({ name: 'Zzzz Made Elsewhere' });
      sandbox.clearLog();
      changes = [];
      store.refresh();
      assert.equal(catchUps, 1, 'Refresh catches up through recents');
      await sync.refresh();
      await store.ensureLoaded(letterKey('Z'));
      assert.ok(store.organizations(letterKey('Z')).some((o) => o.id === made.id));
      assert.ok(changes.some((c) => c.kind === 'root'), 'letters and counts are redrawn');
      assert.deepEqual(sandbox.log.map((e) => e.path), ['/v1/recents'], 'one recents request, no list');
    } finally {
      outside.dispose();
    }
  });

  it('"Recently changed" lists organizations changed in the last 7 days, newest first, from the index', async () => {
    const fresh: Organization = await client.addOrganization({ name: 'Recently Touched Co' });
    store.applyCreated(fresh);
    sandbox.clearLog();
    await store.ensureLoaded(RECENT_KEY);
    const recent = store.organizations(RECENT_KEY);
    assert.equal(recent[0].id, fresh.id);
    const weekAgo = Date.now() - 7 * 86_400_000;
    for (const o of recent) assert.ok(Date.parse(`${o.updateTime?.replace(' ', 'T')}Z`) >= weekAgo, `${o.name} ${o.updateTime}`);
    assert.equal(sandbox.log.length, 0);
  });
});
