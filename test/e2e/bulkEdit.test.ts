// "Edit Selected Organizations…" as a person runs it: three organizations selected in the tree with
// Ctrl+click, the item's context menu (shown only for a multi-selection), the change picked, VS
// Code's modal confirm, the result notification; the requests read back from the sandbox.
import * as assert from 'assert';
import { useWorkbench } from './fixture';
import { letterCount, letterOrganizations } from './letterCount';

describe('Bulk edit (e2e)', () => {
  const ctx = useWorkbench();

  before(async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    await wb.signInFromWelcome(ctx.sandbox.token);
    // The first sign-in reads every organization into the index: C shows its full count when done.
    const c = await letterCount(ctx.sandbox.url, ctx.sandbox.token, 'C');
    await wb.treeItem('C').locator('.label-description', { hasText: new RegExp(`^${c}$`) }).waitFor();
  });

  it('three selected → context menu "Edit Selected Organizations…" → Add labels: one confirm, one PATCH each, "Changed 3"', async () => {
    const wb = ctx.workbench;
    await wb.expand(wb.treeItem('C'));
    // Expanded is set before the rows arrive: wait for C's first organization row.
    await wb.sideBar.locator('.monaco-list-row[role="treeitem"][aria-level="2"]').first().waitFor();
    const labels = await wb.treeLabels();
    // Names the tree shows once (rows are found by their label).
    const names = labels.slice(labels.indexOf('C') + 1).filter((n) => labels.filter((l) => l === n).length === 1).slice(0, 3);
    const byName = new Map((await letterOrganizations(ctx.sandbox.url, ctx.sandbox.token, 'C')).map((o) => [o.name, o.id]));
    assert.ok(names.length === 3 && names.every((n) => byName.has(n)), names.join(', '));

    // A plain click selects (and opens Details); Ctrl+click adds to the selection.
    await wb.treeItem(names[0]).click();
    await wb.treeItem(names[1]).click({ modifiers: ['ControlOrMeta'] });
    await wb.treeItem(names[2]).click({ modifiers: ['ControlOrMeta'] });
    for (const n of names) await wb.page.waitForFunction((el) => el?.getAttribute('aria-selected') === 'true', await wb.treeItem(n).elementHandle());
    // The Details panel would take focus back from the picker as it settles.
    await wb.runCommand('View: Close All Editors');
    ctx.sandbox.clearLog();

    await wb.treeItem(names[2]).click({ button: 'right' });
    await wb.page.getByRole('menuitem', { name: /Edit Selected Organizations…/ }).hover();
    await wb.screenshot('bulk-edit-menu');
    await wb.page.keyboard.press('Enter');
    await wb.pickQuickItem('Add labels');
    await wb.pickQuickItem('Hot lead');
    await wb.quickInput.locator('.monaco-list-row[aria-checked="true"]', { hasText: 'Hot lead' }).waitFor();
    await wb.quickInput.locator('.quick-input-box input').press('Enter');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /Edit 3 organizations: add the label "Hot lead"\?/);
    await wb.screenshot('bulk-edit-confirm');
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    const message = await wb.waitForNotification(/Changed 3 organizations/);
    assert.match(message, /^Changed 3 organizations: added the label "Hot lead"\./);
    await wb.screenshot('bulk-edit-done');

    const patches = ctx.sandbox.log.filter((e) => e.method === 'PATCH');
    assert.deepStrictEqual(patches.map((e) => e.path).sort(), names.map((n) => `/api/v2/organizations/${byName.get(n)}`).sort());
    for (const p of patches) assert.ok((p.body as { label_ids: number[] }).label_ids.includes(4), JSON.stringify(p.body));
  });
});
