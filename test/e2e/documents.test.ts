// An organization as a JSON document in the workbench, as a person uses it: "Open as JSON" from the
// Details panel's title bar and from the tree's context menu, the text changed in the editor, Ctrl+S;
// the Details panel and the tree show the change; a conflict stops the save and shows the diff.
import * as assert from 'assert';
import { PipedriveClient, type OrganizationField } from '../../src/api';
import { buildCatalog, type DocumentCatalog } from '../../src/documents/documentCatalog';
import { renderDocument } from '../../src/documents/organizationDocument';
import { useWorkbench, type WorkbenchContext } from './fixture';
import { letterOrganizations } from './letterCount';
import { iterate } from '../../src/api/pages';

// A document as the tests edit it: plain parsed JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** Runs an entry of the context menu of a tree row (VS Code's menus take hover and Enter). */
async function contextMenu(ctx: WorkbenchContext, row: ReturnType<WorkbenchContext['workbench']['treeItem']>, entry: string): Promise<void> {
  await row.click({ button: 'right' });
  await ctx.workbench.page.getByRole('menuitem', { name: entry }).hover();
  await ctx.workbench.page.keyboard.press('Enter');
}

/**
 * The editor's whole text replaced by `text`, typed in as one input. One line: typed newlines
 * would be auto-indented by the editor.
 */
async function replaceEditorText(ctx: WorkbenchContext, text: string): Promise<void> {
  const page = ctx.workbench.page;
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  // The editor closes the first bracket and quote itself: drop what it added after the cursor.
  await page.keyboard.press('Control+Shift+End');
  await page.keyboard.press('Delete');
}

describe('Documents (e2e)', () => {
  const ctx = useWorkbench();
  let client: PipedriveClient;
  let catalog: DocumentCatalog;
  let fields: OrganizationField[];

  /** The document the extension shows for this organization now, edited. */
  async function editedDocument(id: number, change: (d: Doc) => void): Promise<string> {
    const doc = JSON.parse(renderDocument(await client.getOrganizationRecord(id), catalog));
    change(doc);
    return JSON.stringify(doc);
  }

  before(async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    client = new PipedriveClient({ token: ctx.sandbox.token, baseUrl: ctx.sandbox.url });
    fields = [];
    for await (const f of iterate(({ start }) => client.listOrganizationFields({ limit: 500, start }))) fields.push(f);
    catalog = buildCatalog(fields, await client.listUsers());
    await wb.signInFromWelcome(ctx.sandbox.token);
    await wb.expand(wb.treeItem('A'));
  });
  after(() => client.dispose());

  it('Details → Open as JSON; a custom field and the address changed, Ctrl+S: one PATCH with those fields; the panel and the tree show the new address', async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    const row = wb.treeItem('Acme Technologies');
    await contextMenu(ctx, row, 'Open Organization Details');
    const panel = wb.webview();
    await panel.locator('.org-name .name-text').filter({ hasText: 'Acme Technologies' }).waitFor({ timeout: 30_000 });

    // The panel's title bar button.
    await wb.page.locator('.editor-actions .action-label[aria-label="Open as JSON"]').click();
    await wb.editorTab('1 Acme Technologies.json').waitFor();
    await wb.page.locator('.monaco-editor .view-lines').filter({ hasText: '"custom_fields"' }).first().waitFor();
    await wb.screenshot('documents-opened', 'json-editor');

    const text = await editedDocument(1, (d) => {
      d.custom_fields.Tier = 'Bronze';
      d.address = { ...(d.address ?? {}), value: 'Harbour Road 9, Tartu', locality: 'Tartu', route: 'Harbour Road', street_number: '9' };
    });
    await replaceEditorText(ctx, text);
    ctx.sandbox.clearLog();
    await wb.page.keyboard.press('Control+S');
    const patch = await ctx.sandbox.waitForLog((e) => e.method === 'PATCH');
    assert.strictEqual(patch.path, '/api/v2/organizations/1');
    const body = patch.body as Doc;
    assert.deepStrictEqual(Object.keys(body).sort(), ['address', 'custom_fields']);
    assert.deepStrictEqual(body.custom_fields, { [fields.find((f) => f.name === 'Tier')!.key]: 103 });
    assert.strictEqual(body.address.locality, 'Tartu');
    // The tab is saved (no dirty mark) once VS Code has the answer.
    await wb.page.locator('.tabs-container .tab.dirty').filter({ hasText: '1 Acme Technologies.json' }).waitFor({ state: 'detached' });

    await row.locator('.label-description', { hasText: /Tartu/ }).waitFor();
    await wb.editorTab('Acme Technologies').first().click();
    await panel.locator('.fact', { hasText: 'Address' }).locator('dd', { hasText: 'Harbour Road 9, Tartu' }).waitFor({ timeout: 20_000 });
    await wb.screenshot('documents-saved', 'details');
    // The manifest's contributions (jsonValidation, menus) load without an error notification.
    assert.deepStrictEqual((await wb.notificationMessages()).filter((m) => /pipedrive-organizations|jsonValidation/.test(m)), []);
    assert.deepStrictEqual(
      ctx.sandbox.log.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`),
      ['PATCH /api/v2/organizations/1'],
    );
  });

  it('tree → Open as JSON; changed in Pipedrive meanwhile: Ctrl+S stops with a dialog, Compare shows their version beside mine, nothing is written', async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    // Another organization of the letter, as the tree shows it.
    const shown = new Set(await wb.treeLabels());
    const org = (await letterOrganizations(ctx.sandbox.url, ctx.sandbox.token, 'A')).find((o) => o.id !== 1 && shown.has(o.name) && /^[\w .&-]+$/.test(o.name));
    assert.ok(org, 'no other organization under A');
    await contextMenu(ctx, wb.treeItem(org.name), 'Open as JSON');
    await wb.editorTab(`${org.id} ${org.name}.json`).waitFor();
    await wb.page.locator('.monaco-editor .view-lines').filter({ hasText: '"custom_fields"' }).first().waitFor();
    await replaceEditorText(ctx, await editedDocument(org.id, (d) => (d.custom_fields['Account code'] = 'AC-MINE')));

    // Someone renames it in Pipedrive.
    await client.updateOrganization(org.id, { name: `${org.name} (renamed)` });
    ctx.sandbox.clearLog();
    await wb.page.keyboard.press('Control+S');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /was changed in Pipedrive since you opened it/);
    await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
    const diffTab = wb.editorTab(/in Pipedrive ↔ yours/);
    await diffTab.waitFor();
    await wb.page.locator('.monaco-diff-editor .view-lines').filter({ hasText: '(renamed)' }).first().waitFor();
    await wb.screenshot('documents-conflict');
    assert.deepStrictEqual(ctx.sandbox.log.filter((e) => e.method !== 'GET'), [], 'something was written');
    assert.strictEqual((await client.getOrganizationRecord(org.id)).name, `${org.name} (renamed)`);
    // Still dirty: nothing of mine is lost.
    await wb.page.locator('.tabs-container .tab.dirty').filter({ hasText: `${org.id} ${org.name}.json` }).waitFor();
  });
});
