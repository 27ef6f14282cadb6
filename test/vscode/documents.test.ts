// An organization as a JSON document inside a real VS Code: opened by the command (from the tree
// node and from the Details panel), edited through WorkspaceEdits, saved through VS Code's own
// save; the effects checked on the sandbox's request log, the store, the tree and the editor.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Organization, OrganizationField } from '../../src/api';
import { letterKey } from '../../src/model/OrganizationStore';
import type { TestUserInput } from '../../src/ui/TestUserInput';
import { closePanels, extensionApi, sandboxGet, scriptedUi, signIn, signOut } from './helpers/extension';
import { clearSandboxLog, resetSandbox, sandboxInfo, sandboxLog } from './sandbox';

// A document as the tests edit it: plain parsed JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const WAIT_MS = 20_000;

async function openAsJson(arg?: unknown): Promise<vscode.TextDocument> {
  const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('pipedrive.openAsJson', arg);
  assert.ok(uri, 'pipedrive.openAsJson opened nothing');
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  assert.ok(doc, `${uri.toString()} is not open`);
  return doc;
}

/** Replaces the whole text with the edited JSON, as a person's edit would (undoable, dirty). */
async function edit(doc: vscode.TextDocument, change: (d: Doc) => void): Promise<void> {
  const json = JSON.parse(doc.getText());
  change(json);
  const e = new vscode.WorkspaceEdit();
  e.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), JSON.stringify(json, null, 2) + '\n');
  assert.ok(await vscode.workspace.applyEdit(e), 'the edit was not applied');
  assert.ok(doc.isDirty);
}

function waitFor<T>(what: string, check: () => T | undefined, subscribe: (listener: () => void) => vscode.Disposable): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (value: T) => {
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    };
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, WAIT_MS);
    const sub = subscribe(() => {
      const v = check();
      if (v !== undefined) done(v);
    });
    const now = check();
    if (now !== undefined) done(now);
  });
}

function waitForText(doc: vscode.TextDocument, predicate: (text: string) => boolean, what: string): Promise<string> {
  return waitFor(what, () => (predicate(doc.getText()) ? doc.getText() : undefined), (l) => vscode.workspace.onDidChangeTextDocument((e) => e.document === doc && l()));
}

function waitForDiagnostics(uri: vscode.Uri, predicate: (d: vscode.Diagnostic) => boolean, what: string): Promise<vscode.Diagnostic> {
  return waitFor(
    what,
    () => vscode.languages.getDiagnostics(uri).find(predicate),
    (l) => vscode.languages.onDidChangeDiagnostics((e) => e.uris.some((u) => u.toString() === uri.toString()) && l()),
  );
}

/** Reverts and closes every pipedrive document and diff (a dirty editor would ask on close). */
async function closeDocuments(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'pipedrive' && d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  const ours = (uri: unknown) => uri instanceof vscode.Uri && (uri.scheme === 'pipedrive' || uri.scheme === 'pipedrive-conflict');
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => {
    const input = t.input;
    if (input instanceof vscode.TabInputText) return ours(input.uri);
    if (input instanceof vscode.TabInputTextDiff) return ours(input.original) || ours(input.modified);
    return false;
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

async function writes(): Promise<Array<{ method: string; path: string; body: unknown }>> {
  return (await sandboxLog()).filter((e) => e.method !== 'GET');
}

describe('Documents: an organization as JSON', function () {
  this.timeout(60_000);
  let ui: TestUserInput;
  let keys: Map<string, string>;

  before(async () => {
    await resetSandbox();
    await signOut();
    await signIn();
    const fields = await sandboxGet<OrganizationField[]>('/v1/organizationFields');
    keys = new Map(fields.map((f) => [f.name, f.key]));
  });
  after(async () => {
    await closeDocuments();
    (await extensionApi()).setUserInput(undefined);
    await resetSandbox();
    (await extensionApi()).store.clear();
  });
  beforeEach(async () => {
    ui = await scriptedUi();
    await clearSandboxLog();
  });
  afterEach(async () => {
    await closeDocuments();
    await closePanels();
  });

  it('opens from the tree node with one request: fields by name, option labels, the address, a read-only section', async () => {
    const api = await extensionApi();
    await api.store.ensureLoaded(letterKey('A'));
    const node = api.tree.organizationNode(1);
    assert.ok(node, 'Acme Technologies is not under A');
    await clearSandboxLog();
    const doc = await openAsJson(node);
    assert.strictEqual(doc.uri.toString(true), 'pipedrive:/organizations/1 Acme Technologies.json');
    assert.strictEqual(doc.languageId, 'json');
    assert.strictEqual(vscode.window.activeTextEditor?.document, doc);
    const json = JSON.parse(doc.getText());
    assert.strictEqual(json.name, 'Acme Technologies');
    assert.strictEqual(json.owner, 'Rita Regular');
    assert.deepStrictEqual(json.labels, ['Customer']);
    assert.deepStrictEqual(Object.keys(json.custom_fields), ['Account code', 'Background', 'Tier', 'Regions', 'Contract value', 'Renewal date']);
    assert.ok('locality' in json.address || json.address === null);
    assert.strictEqual(json.readOnly.id, 1);
    assert.deepStrictEqual((await sandboxLog()).map((e) => `${e.method} ${e.path}`), ['GET /api/v2/organizations/1']);
    assert.deepStrictEqual(ui.errors, []);
  });

  it('the editor checks the document against the schema of the organization fields: completion offers option labels, a wrong one is marked', async () => {
    const doc = await openAsJson(1);
    await edit(doc, (d) => (d.custom_fields.Tier = 'Platinum'));
    const line = doc.getText().split('\n').findIndex((l) => l.includes('"Tier"'));
    const marked = await waitForDiagnostics(doc.uri, (d) => d.range.start.line === line, 'a schema problem on the Tier line');
    assert.match(marked.message, /Gold|accepted|match/i, marked.message);
    const valueAt = new vscode.Position(line, doc.lineAt(line).text.indexOf('Platinum') + 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, valueAt);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.some((l) => l.includes('Gold')) && labels.some((l) => l.includes('Bronze')), `completion: ${labels.join(', ')}`);
  });

  it('save sends one PATCH with exactly the edited custom field and address; the store and the tree show it; the document reloads and saves again', async () => {
    const api = await extensionApi();
    const doc = await openAsJson(1);
    const before = JSON.parse(doc.getText());
    const tier = before.custom_fields.Tier === 'Gold' ? 'Bronze' : 'Gold';
    await clearSandboxLog();
    await edit(doc, (d) => {
      d.custom_fields.Tier = tier;
      d.address = { ...(d.address ?? {}), value: 'Harbour Road 9, Tartu', locality: 'Tartu', route: 'Harbour Road', street_number: '9', country: 'Estonia' };
    });
    assert.strictEqual(await doc.save(), true, 'the save failed');
    assert.strictEqual(doc.isDirty, false);
    const sent = await writes();
    assert.deepStrictEqual(sent.map((e) => `${e.method} ${e.path}`), ['PATCH /api/v2/organizations/1']);
    const body = sent[0].body as Record<string, Doc>;
    assert.deepStrictEqual(Object.keys(body).sort(), ['address', 'custom_fields']);
    assert.deepStrictEqual(body.custom_fields, { [keys.get('Tier')!]: tier === 'Gold' ? 101 : 103 });
    assert.strictEqual(body.address.value, 'Harbour Road 9, Tartu');
    assert.strictEqual(body.address.locality, 'Tartu');
    // One GET to compare update_time, one PATCH: nothing else.
    assert.deepStrictEqual((await sandboxLog()).map((e) => e.method), ['GET', 'PATCH']);

    assert.strictEqual(api.store.summaryOf(1)?.locality, 'Tartu');
    const item = api.tree.getTreeItem(api.tree.organizationNode(1)!);
    assert.match(String(item.description), /Tartu/);
    const server = await sandboxGet<Organization>('/api/v2/organizations/1');
    assert.strictEqual((server.custom_fields as Record<string, unknown>)[keys.get('Tier')!], tier === 'Gold' ? 101 : 103);

    // The saved document reloads from the new record (its update_time), so the next save is no conflict.
    const after = await waitForText(doc, (t) => JSON.parse(t).readOnly.update_time !== before.readOnly.update_time, 'the document to show the new update_time');
    assert.strictEqual(JSON.parse(after).custom_fields.Tier, tier);
    await clearSandboxLog();
    await edit(doc, (d) => (d.custom_fields['Account code'] = 'AC-0001'));
    assert.strictEqual(await doc.save(), true);
    assert.deepStrictEqual((await writes()).map((e) => e.body), [{ custom_fields: { [keys.get('Account code')!]: 'AC-0001' } }]);
    assert.deepStrictEqual(ui.prompts.filter((p) => p.kind === 'warning'), [], 'no conflict was reported');
  });

  it('a bad value is refused before any request: the document stays dirty and the field is named and marked', async () => {
    const doc = await openAsJson(1);
    await clearSandboxLog();
    await edit(doc, (d) => (d.custom_fields['Renewal date'] = '2025-02-30'));
    assert.strictEqual(await doc.save(), false, 'the save went through');
    assert.strictEqual(doc.isDirty, true);
    assert.ok(doc.getText().includes('2025-02-30'), 'the edit is kept');
    const marked = vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'Pipedrive');
    assert.ok(marked, 'no problem marked');
    assert.match(marked.message, /^custom_fields\.Renewal date: "2025-02-30" is not a date/);
    assert.strictEqual(doc.getText(marked.range), '"Renewal date"');
    assert.deepStrictEqual(await sandboxLog(), []);

    // Editing a read-only field is named too.
    await edit(doc, (d) => {
      d.custom_fields['Renewal date'] = null;
      d.readOnly.id = 2;
    });
    assert.strictEqual(await doc.save(), false);
    const readOnly = vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'Pipedrive');
    assert.match(readOnly?.message ?? '', /^readOnly\.id: is read-only/);
    assert.deepStrictEqual(await writes(), []);
  });

  it('a record changed in Pipedrive since it was opened is not overwritten: the save stops, Compare shows both; Save Mine sends only my field', async () => {
    const doc = await openAsJson(9);
    const opened = JSON.parse(doc.getText());
    await edit(doc, (d) => (d.custom_fields.Background = 'Edited in VS Code.'));
    // Someone changes the name in Pipedrive meanwhile.
    const res = await fetch(`${sandboxInfo().url}/api/v2/organizations/9`, {
      method: 'PATCH',
      headers: { 'x-api-token': sandboxInfo().token, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed Elsewhere' }),
    });
    assert.strictEqual(res.status, 200);
    await clearSandboxLog();

    ui.queue('Compare');
    assert.strictEqual(await doc.save(), false, 'the save went through');
    assert.strictEqual(doc.isDirty, true);
    assert.deepStrictEqual(await writes(), [], 'something was written');
    const asked = ui.prompts.find((p) => p.kind === 'warning');
    assert.strictEqual(asked?.text, `"Renamed Elsewhere" was changed in Pipedrive since you opened it.`);
    assert.deepStrictEqual(asked?.choices, ['Compare', 'Save Mine']);
    const diff = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(diff instanceof vscode.TabInputTextDiff, 'no diff editor in front');
    assert.strictEqual(diff.original.scheme, 'pipedrive-conflict');
    assert.strictEqual(diff.modified.toString(), doc.uri.toString());
    const theirs = await vscode.workspace.openTextDocument(diff.original);
    assert.strictEqual(JSON.parse(theirs.getText()).name, 'Renamed Elsewhere');
    assert.strictEqual(JSON.parse(doc.getText()).name, opened.name);

    await clearSandboxLog();
    ui.queue('Save Mine');
    assert.strictEqual(await doc.save(), true);
    assert.deepStrictEqual((await writes()).map((e) => e.body), [{ custom_fields: { [keys.get('Background')!]: 'Edited in VS Code.' } }]);
    const server = await sandboxGet<Organization>('/api/v2/organizations/9');
    assert.strictEqual(server.name, 'Renamed Elsewhere', 'their name was overwritten');
  });

  it('from the palette: asks which organization by search, then opens it', async () => {
    ui.queue('Acme Technologies', 'Acme Technologies');
    const doc = await openAsJson();
    assert.strictEqual(doc.uri.path, '/organizations/1 Acme Technologies.json');
    assert.strictEqual(ui.prompts[0]?.kind, 'quickPick');
    assert.strictEqual(ui.pending, 0);
  });

  it('opens from the Details panel in front (its title bar button passes no organization)', async () => {
    await vscode.commands.executeCommand('pipedrive.openDetails', 3);
    const api = await extensionApi();
    assert.ok(api.panels.details.get(3)?.panel.active, 'the Details panel is not in front');
    const doc = await openAsJson();
    assert.match(doc.uri.path, /^\/organizations\/3 /);
  });
});
