// "Export Organizations…" run the way the tree and the palette run it (executeCommand with the
// node VS Code would pass), prompts answered by TestUserInput, the file read back and compared
// with the sandbox, requests checked on the sandbox's log.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Organization, OrganizationField } from '../../src/api';
import type { OrganizationNode } from '../../src/tree/nodes';
import { CANCEL, type TestUserInput } from '../../src/ui/TestUserInput';
import { parseCsvFile } from '../unit/export/exportKit';
import { children, extensionApi, rootRow, sandboxGet, scriptedUi, setSetting, signIn, signOut } from './helpers/extension';
import { clearSandboxLog, resetSandbox, sandboxLog, setSandboxFaults, setSandboxMode } from './sandbox';

/** The sandbox's own answer: every organization of a letter, by name, as the list route gives it. */
async function sandboxLetter(letter: string): Promise<Organization[]> {
  const all: Organization[] = [];
  for (let start = 0; ; start += 500) {
    const page = (await sandboxGet<Organization[] | null>(`/v1/organizations?first_char=${encodeURIComponent(letter.toLowerCase())}&sort=${encodeURIComponent('name ASC')}&start=${start}&limit=500`)) ?? [];
    all.push(...page);
    if (page.length < 500) return all;
  }
}

/** Every organization the sandbox lists for a query (all pages). */
async function sandboxList(query: string): Promise<Organization[]> {
  const all: Organization[] = [];
  for (let start = 0; ; start += 500) {
    const page = (await sandboxGet<Organization[] | null>(`/v1/organizations?${query}&start=${start}&limit=500`)) ?? [];
    all.push(...page);
    if (page.length < 500) return all;
  }
}

/** Resolves with the text document VS Code opens for this file. */
function documentOpened(file: string): Promise<vscode.TextDocument> {
  return new Promise((resolve) => {
    const sub = vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.uri.fsPath !== file) return;
      sub.dispose();
      resolve(doc);
    });
  });
}

/** Resolves when a file whose name matches appears in `dir` (fs.watch: an event, no polling). */
function fileAppears(dir: string, pattern: RegExp): { promise: Promise<string>; close(): void } {
  let watcher: fs.FSWatcher | undefined;
  const promise = new Promise<string>((resolve) => {
    watcher = fs.watch(dir, (_event, name) => {
      if (name && pattern.test(String(name))) resolve(String(name));
    });
  });
  return { promise, close: () => watcher?.close() };
}

async function listRequests(): Promise<string[]> {
  return (await sandboxLog()).filter((e) => e.method === 'GET' && e.path === '/v1/organizations').map((e) => `first_char=${e.query.first_char ?? ''} limit=${e.query.limit}`);
}

describe('Export Organizations (legacy v1 mode: paged from the server)', function () {
  this.timeout(60_000);
  let ui: TestUserInput;
  let dir: string;
  let fields: OrganizationField[];

  before(async () => {
    await resetSandbox();
    await setSandboxMode('legacy-v1');
    await setSetting('apiMode', 'legacy-v1');
    await signOut();
    await signIn();
    // Letters other suites left expanded would reload as the view shows them: collapse, then forget.
    await vscode.commands.executeCommand('workbench.actions.treeView.pipedrive.organizations.collapseAll');
    (await extensionApi()).store.clear();
    fields = await sandboxGet<OrganizationField[]>('/v1/organizationFields');
  });
  after(async () => {
    await setSandboxMode('current');
    await setSetting('apiMode', undefined);
    await setSandboxFaults([]);
    (await extensionApi()).setUserInput(undefined);
    await resetSandbox();
    (await extensionApi()).store.clear();
  });
  beforeEach(async () => {
    ui = await scriptedUi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipedrive-export-'));
    await clearSandboxLog();
  });
  afterEach(async () => {
    await setSandboxFaults([]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a letter's context menu → CSV: the rows are the sandbox's letter, custom fields by name with labels; Open File opens it", async () => {
    const letter = await rootRow('B');
    const file = path.join(dir, 'b.csv');
    ui.queue('CSV', file);
    ui.notificationActions.push('Open File');
    const opened = documentOpened(file);
    await vscode.commands.executeCommand('pipedrive.exportOrganizations', letter.node);
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(ui.pending, 0);
    assert.deepStrictEqual(ui.prompts.filter((p) => p.kind !== 'info').map((p) => p.kind), ['quickPick', 'saveDialog']);
    // One page of 500 for the letter: the fields were read once at sign-in.
    assert.deepStrictEqual(await listRequests(), ['first_char=b limit=500']);

    const expected = await sandboxLetter('B');
    assert.ok(expected.length > 10);
    const info = ui.prompts.find((p) => p.kind === 'info');
    assert.strictEqual(info?.text, `Exported ${expected.length} organizations to b.csv.`);
    assert.deepStrictEqual(info?.choices, ['Open File']);

    const rows = parseCsvFile(fs.readFileSync(file, 'utf8'));
    const header = rows[0];
    const records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    assert.deepStrictEqual(records.map((r) => Number(r['ID'])), expected.map((o) => o.id));
    const tier = fields.find((f) => f.name === 'Tier')!;
    const tierLabel = (id: unknown) => tier.options!.find((o) => String(o.id) === String(id))?.label ?? '';
    expected.forEach((o, i) => {
      assert.strictEqual(records[i]['Name'], o.name);
      assert.strictEqual(records[i]['Owner'], o.owner_name);
      assert.strictEqual(records[i]['Tier'], o[tier.key] ? tierLabel(o[tier.key]) : '');
    });
    assert.ok(records.some((r) => r['Tier'] !== ''), 'some organization of the letter has a Tier');
    assert.ok(!header.some((h) => /^[0-9a-f]{40}/.test(h)), 'custom fields are named, not hashed');
    assert.deepStrictEqual(fs.readdirSync(dir), ['b.csv']);

    const doc = await opened;
    assert.ok(doc.getText().includes(expected[0].name.replace(/"/g, '""')));
  });

  it('from the palette: "A letter…", the letter, JSON Lines — one object per organization', async () => {
    const file = path.join(dir, 'o.jsonl');
    ui.queue('A letter…', 'C', 'JSON Lines', file);
    await vscode.commands.executeCommand('pipedrive.exportOrganizations');
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(ui.pending, 0);
    const what = ui.prompts[0];
    assert.strictEqual(what.text, 'What to export');
    assert.ok(what.choices?.includes('Everything') && what.choices.includes('A letter…'));
    assert.ok(!what.choices?.includes('Current scope'), 'no owner scope or filter is set');
    const expected = await sandboxLetter('C');
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepStrictEqual(objects.map((o) => o['ID']), expected.map((o) => o.id));
    assert.deepStrictEqual(objects.map((o) => o['Name']), expected.map((o) => o.name));
  });

  it('the selection (an organization node with others selected): only those rows, no list request', async () => {
    const letter = await rootRow('B');
    const orgs = (await children(letter.node)).filter((r) => r.node.type === 'organization').slice(0, 3).map((r) => r.node as OrganizationNode);
    assert.strictEqual(orgs.length, 3);
    await clearSandboxLog();
    const file = path.join(dir, 'sel.csv');
    ui.queue('CSV', file);
    await vscode.commands.executeCommand('pipedrive.exportOrganizations', orgs[1], orgs);
    assert.deepStrictEqual(ui.errors, []);
    const rows = parseCsvFile(fs.readFileSync(file, 'utf8')).slice(1);
    assert.deepStrictEqual(rows.map((r) => Number(r[0])), orgs.map((o) => o.orgId));
    assert.deepStrictEqual(await listRequests(), []);
  });

  it('with a saved filter chosen: "Current scope" exports the filter\'s organizations; a letter stays within the filter', async () => {
    ui.queue('Label: Customer');
    await vscode.commands.executeCommand('pipedrive.chooseFilter');
    try {
      await clearSandboxLog();
      const scopeFile = path.join(dir, 'scope.jsonl');
      ui.queue('Current scope', 'JSON Lines', scopeFile);
      await vscode.commands.executeCommand('pipedrive.exportOrganizations');
      const what = ui.prompts.find((p) => p.text === 'What to export');
      assert.ok(what?.choices?.includes('Current scope'));
      const letterFile = path.join(dir, 'c.csv');
      ui.queue('CSV', letterFile);
      await vscode.commands.executeCommand('pipedrive.exportOrganizations', (await rootRow('C')).node);
      assert.deepStrictEqual(ui.errors, []);
      assert.strictEqual(ui.pending, 0);
      const requests = (await sandboxLog()).filter((e) => e.method === 'GET' && e.path === '/v1/organizations');
      assert.ok(requests.every((e) => e.query.filter_id === '2' && e.query.limit === '500'), JSON.stringify(requests.map((e) => e.query)));

      const inFilter = await sandboxList(`filter_id=2&sort=${encodeURIComponent('name ASC')}`);
      assert.ok(inFilter.length > 0);
      const scoped = fs.readFileSync(scopeFile, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepStrictEqual(scoped.map((o) => o['ID']), inFilter.map((o) => o.id));
      assert.ok(scoped.every((o) => (o['Labels'] as string[]).includes('Customer')));

      const inLetter = await sandboxList(`filter_id=2&first_char=c&sort=${encodeURIComponent('name ASC')}`);
      const letterRows = parseCsvFile(fs.readFileSync(letterFile, 'utf8')).slice(1);
      assert.deepStrictEqual(letterRows.map((r) => Number(r[0])), inLetter.map((o) => o.id));
      assert.ok(inLetter.length < (await sandboxLetter('C')).length, 'the filter leaves some organizations of the letter out');
    } finally {
      ui.queue('No filter');
      await vscode.commands.executeCommand('pipedrive.chooseFilter');
    }
  });

  it('Escape at the save dialog: no file, no request', async () => {
    const letter = await rootRow('B');
    ui.queue('CSV', CANCEL);
    await vscode.commands.executeCommand('pipedrive.exportOrganizations', letter.node);
    assert.deepStrictEqual(ui.errors, []);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
    assert.deepStrictEqual(await listRequests(), []);
  });

  it('Cancel while the export runs: no file, no temp file, no message; an earlier file of that name stays', async () => {
    const letter = await rootRow('B');
    const file = path.join(dir, 'b.csv');
    fs.writeFileSync(file, 'earlier export');
    // The page takes long enough that Cancel comes while the export is writing to its temp file.
    await setSandboxFaults([{ kind: 'latency', ms: 20_000, match: { path: '^/v1/organizations$' } }]);
    const temp = fileAppears(dir, /^\.b\.csv\..*\.part$/);
    const controller = new AbortController();
    void temp.promise.then(() => controller.abort());
    ui.queue('CSV', file);
    try {
      await vscode.commands.executeCommand('pipedrive.exportOrganizations', letter.node, undefined, { signal: controller.signal });
    } finally {
      temp.close();
    }
    assert.ok(controller.signal.aborted, 'the temp file appeared and Cancel was pressed');
    assert.deepStrictEqual(ui.errors, []);
    assert.deepStrictEqual(ui.prompts.filter((p) => p.kind === 'info'), []);
    assert.deepStrictEqual(fs.readdirSync(dir), ['b.csv']);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'earlier export');
  });
});

describe('Export Organizations (today\'s API: from the index)', function () {
  this.timeout(60_000);
  let ui: TestUserInput;
  let dir: string;

  before(async () => {
    await resetSandbox();
    await signOut();
    await signIn();
  });
  after(async () => {
    (await extensionApi()).setUserInput(undefined);
  });
  beforeEach(async () => {
    ui = await scriptedUi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipedrive-export-'));
    await clearSandboxLog();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a letter with the index\'s fields: every organization of the letter, no request at all', async () => {
    const api = await extensionApi();
    const letter = await rootRow('B');
    const file = path.join(dir, 'b.csv');
    ui.queue('Fields of the local index', 'CSV', file);
    await vscode.commands.executeCommand('pipedrive.exportOrganizations', letter.node);
    assert.deepStrictEqual(ui.errors, []);
    const rows = parseCsvFile(fs.readFileSync(file, 'utf8')).slice(1);
    const expected = api.index.view!.query({ group: 'B', sort: { keys: [{ field: 'name', direction: 'asc' }] }, start: 0, limit: 10_000 }).items;
    assert.strictEqual(rows.length, expected.length);
    assert.strictEqual(String(rows.length), letter.description, 'as many rows as the letter\'s count');
    assert.deepStrictEqual(new Set(rows.map((r) => Number(r[0]))), new Set(expected.map((o) => o.id)));
    assert.deepStrictEqual(await sandboxLog(), []);
  });

  it('a letter with all fields: v2 pages of 500, custom fields by name', async () => {
    const letter = await rootRow('C');
    const file = path.join(dir, 'c.jsonl');
    ui.queue('All fields', 'JSON Lines', file);
    await vscode.commands.executeCommand('pipedrive.exportOrganizations', letter.node);
    assert.deepStrictEqual(ui.errors, []);
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.strictEqual(String(lines.length), letter.description);
    const lists = (await sandboxLog()).filter((e) => e.method === 'GET' && e.path.includes('/organizations') && !e.path.includes('Fields'));
    assert.ok(lists.length > 0 && lists.every((e) => e.path === '/api/v2/organizations' && e.query.limit === '500'), JSON.stringify(lists.map((e) => `${e.path}?${JSON.stringify(e.query)}`)));
    assert.ok(lines.some((o) => 'Tier' in o), 'custom fields by name');
  });
});
