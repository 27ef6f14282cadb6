// The tree in today's API mode (the default): every organization is read once into the account's
// index (kept on disk), so letters come from the data with their counts, expanding and paging cost
// no request, a new session or Refresh costs one /v1/recents request, and a full walk asks first
// when the company's daily token budget is nearly spent.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { groupOf, OTHER_GROUP } from '../../src/api/firstChar';
import { CANCEL } from '../../src/ui/TestUserInput';
import { children, extensionApi, rootRow, scriptedUi, setSetting, signIn, signOut, type Row } from './helpers/extension';
import { clearSandboxLog, resetSandbox, sandboxInfo, sandboxLog } from './sandbox';
import { serverOrganizations as walkServerOrganizations } from '../e2e/letterCount';

const PAGE = 5;

const orgRows = (rows: Row[]) => rows.filter((r) => r.contextValue?.startsWith('organization'));

/** Every organization the sandbox lists through v2, read straight from it (not through the extension). */
const serverOrganizations = () => walkServerOrganizations(sandboxInfo().url, sandboxInfo().token);

async function sandboxControl(route: string, body: unknown): Promise<void> {
  const res = await fetch(`${sandboxInfo().url}/__sandbox/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(res.ok, `/__sandbox/${route} answered ${res.status}`);
}

/** Requests to the organization routes Pipedrive removed (today's API never calls them). */
const removedV1 = (path: string) => /^\/v1\/organizations(\/\d+)?(\/(persons|deals|activities))?$/.test(path) || path === '/v1/organizations/collection';

describe('Tree (today\'s API)', function () {
  this.timeout(60_000);
  let total = 0;

  before(async () => {
    await resetSandbox();
    await setSetting('pageSize', PAGE);
    await signOut();
    await signIn();
    total = (await serverOrganizations()).length;
  });
  after(async () => {
    await setSetting('pageSize', undefined);
    await sandboxControl('budget', { limit: 0, used: 0 });
    const api = await extensionApi();
    await api.store.setScope({});
    api.setUserInput(undefined);
  });
  beforeEach(async () => {
    (await extensionApi()).store.clear();
    await clearSandboxLog();
  });
  afterEach(async () => {
    const log = await sandboxLog();
    assert.deepStrictEqual(log.filter((e) => removedV1(e.path)).map((e) => `${e.method} ${e.path}`), [], 'a removed v1 route was called');
  });

  it('the root: "Recently changed", then the letters the data has, each with its count, Other last; no request', async () => {
    const server = await serverOrganizations();
    await clearSandboxLog();
    const counts = new Map<string, number>();
    for (const o of server) counts.set(groupOf(o.name), (counts.get(groupOf(o.name)) ?? 0) + 1);
    const rows = await children();
    assert.strictEqual(rows[0].label, 'Recently changed');
    const letters = rows.slice(1);
    assert.deepStrictEqual(new Set(letters.map((r) => r.label)), new Set(counts.keys()));
    if (counts.has(OTHER_GROUP)) assert.strictEqual(letters.at(-1)?.label, OTHER_GROUP);
    for (const r of letters) assert.strictEqual(r.description, String(counts.get(r.label)), r.label);
    assert.strictEqual(letters.reduce((n, r) => n + Number(r.description), 0), server.length, 'every organization is under a letter');
    assert.strictEqual((await sandboxLog()).length, 0);
  });

  it('every organization can be reached by walking the tree: each letter opened and loaded to the end finds the server\'s total', async () => {
    const api = await extensionApi();
    await setSetting('pageSize', 500);
    try {
      const seen = new Set<string>();
      for (const letterRow of (await children()).slice(1)) {
        let rows = await children(letterRow.node);
        while (rows.at(-1)?.label === 'Load more…') {
          await vscode.commands.executeCommand('pipedrive.loadMore', rows.at(-1)!.node);
          rows = await children(letterRow.node);
        }
        for (const r of orgRows(rows)) seen.add(String(r.item.id));
      }
      assert.strictEqual(seen.size, total);
      assert.strictEqual(api.index.view?.size, total);
      assert.strictEqual((await sandboxLog()).length, 0);
    } finally {
      await setSetting('pageSize', PAGE);
    }
  });

  it('expanding a letter and "Load more…" cost no request', async () => {
    const b = await rootRow('B');
    const rows = await children(b.node);
    assert.strictEqual(orgRows(rows).length, PAGE);
    for (const r of orgRows(rows)) assert.strictEqual(groupOf(r.label), 'B');
    assert.strictEqual(rows.at(-1)?.label, 'Load more…');
    await vscode.commands.executeCommand('pipedrive.loadMore', rows.at(-1)!.node);
    const more = await children(b.node);
    assert.strictEqual(orgRows(more).length, 2 * PAGE);
    assert.strictEqual(new Set(orgRows(more).map((r) => r.item.id)).size, 2 * PAGE);
    assert.strictEqual((await sandboxLog()).length, 0);
  });

  it('pipedrive.sort and pipedrive.pageSize apply at once: the open letter re-sorts keeping its count, the next page uses the new size', async () => {
    const api = await extensionApi();
    const b = await rootRow('B');
    await children(b.node);
    await vscode.commands.executeCommand('pipedrive.loadMore', (await children(b.node)).at(-1)!.node);
    const ascending = orgRows(await children(b.node)).map((r) => r.label);
    assert.strictEqual(ascending.length, 2 * PAGE);
    await setSetting('sort', 'name DESC');
    try {
      const descending = orgRows(await children((await rootRow('B')).node)).map((r) => r.label);
      assert.strictEqual(descending.length, 2 * PAGE, 'as many as were shown');
      const collator = new Intl.Collator(vscode.env.language, { sensitivity: 'base', numeric: true });
      for (let i = 1; i < descending.length; i++) assert.ok(collator.compare(descending[i - 1], descending[i]) >= 0, `${descending[i - 1]} before ${descending[i]}`);
      assert.notDeepStrictEqual(descending, ascending);
      await setSetting('pageSize', 7);
      const rows = await children((await rootRow('B')).node);
      await vscode.commands.executeCommand('pipedrive.loadMore', rows.at(-1)!.node);
      assert.strictEqual(orgRows(await children((await rootRow('B')).node)).length, 2 * PAGE + 7);
      assert.strictEqual(api.store.pageSize, 7);
      assert.strictEqual((await sandboxLog()).length, 0);
    } finally {
      await setSetting('sort', undefined);
      await setSetting('pageSize', PAGE);
    }
  });

  it('names starting with a symbol sit under Other and can be reached', async () => {
    const other = (await children()).find((r) => r.label === OTHER_GROUP);
    assert.ok(other, 'the sandbox has names starting with a symbol');
    const rows = orgRows(await children(other.node));
    assert.ok(rows.length > 0);
    for (const r of rows) assert.strictEqual(groupOf(r.label), OTHER_GROUP, r.label);
    assert.strictEqual((await sandboxLog()).length, 0);
  });

  it('Refresh costs one /v1/recents request and shows an organization deleted outside the extension as gone', async () => {
    const api = await extensionApi();
    const b = orgRows(await children((await rootRow('B')).node));
    const victim = b[0];
    const id = Number(victim.item.id?.replace('org:', ''));
    const res = await fetch(`${sandboxInfo().url}/api/v2/organizations/${id}`, { method: 'DELETE', headers: { 'x-api-token': sandboxInfo().token } });
    assert.strictEqual(res.status, 200);
    await clearSandboxLog();
    await vscode.commands.executeCommand('pipedrive.refresh');
    await api.index.settled;
    assert.deepStrictEqual((await sandboxLog()).map((e) => `${e.method} ${e.path}`), ['GET /v1/recents']);
    const after = orgRows(await children((await rootRow('B')).node));
    assert.ok(!after.some((r) => r.item.id === `org:${id}`), 'the deleted organization is still shown');
    total -= 1;
  });

  it('a new session reads the index from disk: one /v1/recents request, no list', async () => {
    const api = await extensionApi();
    await signOut();
    await clearSandboxLog();
    await signIn(undefined, { fresh: false });
    const log = (await sandboxLog()).map((e) => `${e.method} ${e.path}`);
    assert.deepStrictEqual(log.filter((r) => r.includes('organizations') || r.includes('recents')), ['GET /v1/recents'], log.join(', '));
    assert.strictEqual(api.index.view?.ready, true);
    assert.strictEqual(api.index.view?.size, total);
  });

  it('owner scope narrows letters, counts and lists with no request', async () => {
    const api = await extensionApi();
    const server = await serverOrganizations();
    await clearSandboxLog();
    const ui = await scriptedUi();
    ui.queue('Rita Regular');
    await vscode.commands.executeCommand('pipedrive.chooseOwnerScope');
    try {
      assert.deepStrictEqual(ui.errors, []);
      assert.match(api.treeView.description ?? '', /Owner: Rita Regular/);
      const ownerId = api.store.scope.ownerId;
      const mine = server.filter((o) => o.owner_id === ownerId);
      const letters = (await children()).slice(1);
      assert.strictEqual(letters.reduce((n, r) => n + Number(r.description), 0), mine.length);
      const first = letters[0];
      for (const r of orgRows(await children(first.node))) assert.match(r.description ?? '', /^Rita Regular/);
      assert.strictEqual((await sandboxLog()).filter((e) => e.path !== '/v1/users').length, 0);
    } finally {
      ui.queue('Everyone');
      await vscode.commands.executeCommand('pipedrive.chooseOwnerScope');
    }
  });

  it('a saved filter is applied by Pipedrive (v2 list with filter_id)', async () => {
    const api = await extensionApi();
    const ui = await scriptedUi();
    ui.queue((item) => (item as vscode.QuickPickItem).label !== 'No filter');
    await vscode.commands.executeCommand('pipedrive.chooseFilter');
    try {
      assert.deepStrictEqual(ui.errors, []);
      const filterId = api.store.scope.filterId;
      assert.ok(filterId !== undefined);
      await clearSandboxLog();
      const a = (await children()).find((r) => r.label === 'A');
      assert.ok(a);
      await children(a.node);
      const lists = (await sandboxLog()).filter((e) => e.path === '/api/v2/organizations');
      assert.ok(lists.length > 0 && lists.every((e) => e.query.filter_id === String(filterId)), JSON.stringify(lists.map((e) => e.query)));
    } finally {
      ui.queue('No filter');
      await vscode.commands.executeCommand('pipedrive.chooseFilter');
    }
  });

  it('Refresh All with the daily budget nearly spent asks first; Cancel reads nothing and keeps the tree', async () => {
    const api = await extensionApi();
    await sandboxControl('budget', { limit: 1_000, used: 960 });
    // One cheap request, so the extension hears the budget headers.
    await clearSandboxLog();
    await vscode.commands.executeCommand('pipedrive.refresh');
    await api.index.settled;
    const ui = await scriptedUi();
    ui.queue(CANCEL);
    await clearSandboxLog();
    await vscode.commands.executeCommand('pipedrive.refreshAll');
    await api.index.settled;
    const asked = ui.prompts.find((p) => p.kind === 'warning');
    assert.ok(asked, 'no question before the walk');
    assert.match(asked.text, /Read every organization/);
    assert.strictEqual((await sandboxLog()).filter((e) => e.path === '/api/v2/organizations').length, 0);
    assert.strictEqual(api.index.view?.size, total, 'the index kept what it had');
    assert.ok((await children()).length > 1);
    await sandboxControl('budget', { limit: 0, used: 0 });
  });
});
