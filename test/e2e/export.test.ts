// "Export Organizations…" as a person runs it: the letter's context menu, the format pick, VS Code's
// own save dialog, the progress, "Open File"; the file on disk read back against the sandbox.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseCsvFile } from '../unit/export/exportKit';
import { useWorkbench } from './fixture';
import { letterCount, letterOrganizations } from './letterCount';

describe('Export Organizations (e2e)', () => {
  const ctx = useWorkbench();

  before(async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    await wb.signInFromWelcome(ctx.sandbox.token);
    await wb.treeItem('A').waitFor();
    // The first sign-in reads every organization into the index: B shows its full count when done.
    const b = await letterCount(ctx.sandbox.url, ctx.sandbox.token, 'B');
    await wb.treeItem('B').locator('.label-description', { hasText: new RegExp(`^${b}$`) }).waitFor();
  });

  it("a letter's context menu → CSV → Save: the file opens in an editor and its rows are the sandbox's letter", async () => {
    const wb = ctx.workbench;
    const file = path.join(ctx.session.workspaceDir, 'organizations-letter-B.csv');
    ctx.sandbox.clearLog();
    await wb.treeItem('B').click({ button: 'right' });
    await wb.page.getByRole('menuitem', { name: /Export Organizations…/ }).hover();
    await wb.page.keyboard.press('Enter');
    // The index keeps no custom fields: ask Pipedrive for all of them (v2 pages of 500).
    await wb.pickQuickItem('All fields');
    await wb.pickQuickItem('CSV');
    // VS Code's save dialog (the simple dialog in a browser) offers the workspace folder and the name.
    const input = wb.quickInput.locator('.quick-input-box input');
    await wb.page.waitForFunction((el) => (el as HTMLInputElement | null)?.value.endsWith('organizations-letter-B.csv') ?? false, await input.elementHandle());
    await wb.screenshot('export-save-dialog');
    await input.press('Enter');
    const message = await wb.waitForNotification(/Exported \d+ organizations to organizations-letter-B\.csv\./);
    await wb.screenshot('export-done');

    const expected = await letterOrganizations(ctx.sandbox.url, ctx.sandbox.token, 'B');
    assert.strictEqual(message, `Exported ${expected.length} organizations to organizations-letter-B.csv.`);
    const rows = parseCsvFile(fs.readFileSync(file, 'utf8'));
    // v2 lists by id (it cannot sort by name): the same rows, in id order.
    const byId = (a: [number, string], b: [number, string]) => a[0] - b[0];
    assert.deepStrictEqual(rows.slice(1).map((r): [number, string] => [Number(r[0]), r[1]]).sort(byId), expected.map((o): [number, string] => [o.id, o.name]).sort(byId));
    assert.deepStrictEqual(fs.readdirSync(ctx.session.workspaceDir).filter((f) => f.includes('organizations-letter-B')), ['organizations-letter-B.csv']);

    await wb.clickNotificationButton(/Exported \d+ organizations/, 'Open File');
    await wb.editorTab('organizations-letter-B.csv').waitFor();
    await wb.page.locator('.monaco-editor .view-lines').filter({ hasText: 'ID,Name,Owner ID,Owner' }).first().waitFor();
    await wb.screenshot('export-opened');
  });

  it('Cancel on the progress notification while the page is on its way: no file, no temp file, no "Exported" message', async () => {
    const wb = ctx.workbench;
    const file = path.join(ctx.session.workspaceDir, 'organizations-letter-C.csv');
    ctx.sandbox.setFaults([{ kind: 'latency', ms: 30_000, match: { path: '^/api/v2/organizations$' } }]);
    // The export writes to a hidden temp file beside the target while it reads (fs.watch: an event, no polling).
    const leftovers = () => fs.readdirSync(ctx.session.workspaceDir).filter((f) => f.includes('organizations-letter-C'));
    let onChange = () => {};
    const watcher = fs.watch(ctx.session.workspaceDir, () => onChange());
    const until = (test: () => boolean) => new Promise<void>((resolve) => {
      onChange = () => { if (test()) resolve(); };
      onChange();
    });
    try {
      const writing = until(() => leftovers().some((f) => /^\.organizations-letter-C\.csv\..*\.part$/.test(f)));
      await wb.treeItem('C').click({ button: 'right' });
      await wb.page.getByRole('menuitem', { name: /Export Organizations…/ }).hover();
      await wb.page.keyboard.press('Enter');
      await wb.pickQuickItem('All fields');
      await wb.pickQuickItem('CSV');
      const input = wb.quickInput.locator('.quick-input-box input');
      await wb.page.waitForFunction((el) => (el as HTMLInputElement | null)?.value.endsWith('organizations-letter-C.csv') ?? false, await input.elementHandle());
      await input.press('Enter');
      // The export has its temp file open and waits for its first page (the sandbox holds it back).
      await writing;
      await wb.waitForNotification(/Export Organizations: letter C/);
      await wb.screenshot('export-cancel-running');
      await wb.clickNotificationButton(/Export Organizations: letter C/, 'Cancel');
      await wb.notifications().filter({ hasText: /Export Organizations: letter C/ }).waitFor({ state: 'detached' });
      // The notification closes at the click; the aborted export removes its temp file right after.
      await until(() => leftovers().length === 0);
    } finally {
      watcher.close();
      ctx.sandbox.clearFaults();
    }
    assert.deepStrictEqual(fs.readdirSync(ctx.session.workspaceDir).filter((f) => f.includes('organizations-letter-C')), []);
    assert.deepStrictEqual((await wb.notificationMessages()).filter((m) => /Exported|failed|Error/i.test(m)), []);
    assert.ok(!fs.existsSync(file));
  });
});
