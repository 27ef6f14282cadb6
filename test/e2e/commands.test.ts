import * as assert from 'assert';
import { useWorkbench } from './fixture';

describe('Organization commands (e2e)', () => {
  const ctx = useWorkbench();

  before(async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    await wb.signInFromWelcome(ctx.sandbox.token);
    await wb.treeItem('A').waitFor();
  });

  it('"Pipedrive: Add Organization…" from the palette: name, owner, labels, visibility, add time; the new organization shows in the tree', async () => {
    const wb = ctx.workbench;
    ctx.sandbox.clearLog();
    await wb.runCommand('Pipedrive: Add Organization…');
    await wb.answerInput('Zaa E2E Organization', { prompt: /Name of the organization/ });
    await wb.pickQuickItem(/^Me \(Ada Admin\)$/);
    // Labels: a multi-select list; a click toggles, Enter accepts.
    await wb.pickQuickItem('Customer');
    await wb.quickInput.locator('.monaco-list-row[aria-checked="true"]', { hasText: 'Customer' }).waitFor();
    await wb.screenshot('commands-add-labels');
    await wb.quickInput.locator('.quick-input-box input').press('Enter');
    await wb.pickQuickItem('Entire company');
    await wb.answerInput('', { prompt: /Add time/ });
    await wb.quickInputClosed();
    const row = wb.treeItem('Zaa E2E Organization');
    await row.waitFor();
    assert.strictEqual(await row.getAttribute('aria-selected'), 'true');
    await wb.screenshot('commands-add-done');
    const posts = ctx.sandbox.log.filter((e) => e.method === 'POST');
    assert.deepStrictEqual(posts.map((e) => e.path), ['/api/v2/organizations']);
    assert.deepStrictEqual(posts[0].body, { name: 'Zaa E2E Organization', owner_id: 1, label_ids: [1], visible_to: 3 });
  });

  it('deletes an organization from its context menu after the modal confirm', async () => {
    const wb = ctx.workbench;
    const row = wb.treeItem('Zaa E2E Organization');
    await row.waitFor();
    ctx.sandbox.clearLog();
    await row.click({ button: 'right' });
    // VS Code's context menu runs an item on Enter once it is highlighted (a synthetic click can land before it is ready).
    const item = wb.page.getByRole('menuitem', { name: /Delete Organization…/ });
    await item.hover();
    await wb.page.keyboard.press('Enter');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /Delete the organization "Zaa E2E Organization"\?/);
    await wb.screenshot('commands-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    const deletes = ctx.sandbox.log.filter((e) => e.method === 'DELETE');
    assert.strictEqual(deletes.length, 1);
    assert.match(deletes[0].path, /^\/api\/v2\/organizations\/\d+$/);
    await wb.screenshot('commands-delete-done');
  });

  it('searches while typing (one request for a 6-letter word), toggles exact match, picks and reveals', async () => {
    const wb = ctx.workbench;
    await wb.runCommand('Pipedrive: Search Organizations…');
    const input = wb.quickInput.locator('.quick-input-box input');
    await input.waitFor();
    await wb.quickItem(/Type at least 2 characters/).waitFor();
    ctx.sandbox.clearLog();
    await input.pressSequentially('Techno', { delay: 60 });
    // Name matches from the local index show at once; Pipedrive's search follows the typing pause.
    const isSearch = (e: { path: string }) => e.path === '/api/v2/organizations/search';
    await ctx.sandbox.waitForLog(isSearch);
    await wb.quickItem('Acme Technologies').waitFor();
    const searches = () => ctx.sandbox.log.filter(isSearch);
    assert.deepStrictEqual(searches().map((e) => e.query.term), ['Techno']);
    await wb.screenshot('commands-search-results');

    // The toggle is a QuickInput title button; a hover of the input may lie over it, so send the click to it directly.
    await wb.quickInput.locator('.action-label[aria-label^="Exact match: off"]').first().dispatchEvent('click');
    await wb.quickItem(/No organizations match "Techno" exactly/).waitFor();
    assert.strictEqual(searches().at(-1)?.query.exact_match, 'true');
    const second = searches().at(-1)!;
    await wb.quickInput.locator('.action-label[aria-label^="Exact match: on"]').first().dispatchEvent('click');
    await ctx.sandbox.waitForLog((e) => isSearch(e) && e.seq > second.seq);
    await wb.quickItem('Acme Technologies').waitFor();
    assert.strictEqual(searches().length, 3);
    await wb.pickQuickItem('Acme Technologies');
    await wb.quickInputClosed();
    const row = wb.treeItem('Acme Technologies');
    await row.waitFor();
    await wb.page.waitForFunction((el) => el?.getAttribute('aria-selected') === 'true', await row.elementHandle());
    await wb.screenshot('commands-search-revealed', 'search-and-tree');
  });

  it('Edit: Enter on the highlighted field chooses it, with no box ticked', async () => {
    const wb = ctx.workbench;
    // The Details panel the search opened would take focus back from the picker as it settles.
    await wb.runCommand('View: Close All Editors');
    const row = wb.treeItem('Acme Technologies');
    await row.waitFor();
    await row.click({ button: 'right' });
    await wb.page.getByRole('menuitem', { name: /Edit Organization…/ }).hover();
    await wb.page.keyboard.press('Enter');
    const input = wb.quickInput.locator('.quick-input-box input');
    await wb.quickItem('Name').waitFor();
    assert.strictEqual(await wb.quickInput.locator('.monaco-list-row[aria-checked="true"]').count(), 0);
    // Down highlights the first field ("Name"); Enter then takes it, though no box is ticked.
    await input.press('ArrowDown');
    await wb.quickInput.locator('.monaco-list-row.focused', { hasText: 'Name' }).waitFor();
    await wb.page.keyboard.press('Enter');
    // The next step asks for the new name: "Name" was taken, not "Nothing changed".
    await wb.quickInput.getByText(/New name/).first().waitFor();
    assert.strictEqual(await input.inputValue(), 'Acme Technologies');
    await input.press('Escape');
    await wb.quickInputClosed();
    assert.deepStrictEqual(ctx.sandbox.log.filter((e) => e.method !== 'GET'), []);
  });

  it('edits from the context menu: current values prefilled, only the changed fields sent, the renamed organization moves', async () => {
    const wb = ctx.workbench;
    const row = wb.treeItem('Acme Technologies');
    await row.waitFor();
    ctx.sandbox.clearLog();
    await row.click({ button: 'right' });
    await wb.page.getByRole('menuitem', { name: /Edit Organization…/ }).hover();
    await wb.page.keyboard.press('Enter');
    await wb.pickQuickItem('Name');
    await wb.pickQuickItem('Labels');
    await wb.quickInput.locator('.quick-input-box input').press('Enter');
    const input = wb.quickInput.locator('.quick-input-box input');
    await wb.quickInput.getByText(/New name/).first().waitFor();
    assert.strictEqual(await input.inputValue(), 'Acme Technologies');
    await wb.answerInput('Bcme Technologies', { prompt: /New name/ });
    await wb.quickInput.locator('.monaco-list-row[aria-checked="true"]', { hasText: 'Customer' }).waitFor();
    await wb.pickQuickItem('Prospect');
    await wb.screenshot('commands-update-labels');
    await input.press('Enter');
    await wb.quickInputClosed();
    await wb.treeItem('Bcme Technologies').waitFor();
    const patches = ctx.sandbox.log.filter((e) => e.method === 'PATCH');
    assert.deepStrictEqual(patches.map((e) => [e.path, e.body]), [['/api/v2/organizations/1', { name: 'Bcme Technologies', label_ids: [1, 2] }]]);
    await wb.screenshot('commands-update-done');
  });
});
