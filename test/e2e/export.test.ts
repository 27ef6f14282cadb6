// "Export Organizations…" as a person runs it: the letter's context menu, the format pick, VS Code's
// own save dialog, the progress, "Open File"; the file on disk read back against the sandbox.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Organization } from '../../src/api';
import { parseCsvFile } from '../unit/exportKit';
import { useWorkbench } from './fixture';

describe('Export Organizations (e2e)', () => {
  const ctx = useWorkbench();

  before(async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    await wb.openPipedriveView();
    await wb.welcomeButton('Sign in with API token').click();
    await wb.answerInput(ctx.sandbox.token, { prompt: /API token/ });
    await wb.quickInputClosed();
    await wb.treeItem('A').waitFor();
  });

  it("a letter's context menu → CSV → Save: the file opens in an editor and its rows are the sandbox's letter", async () => {
    const wb = ctx.workbench;
    const file = path.join(ctx.session.workspaceDir, 'organizations-letter-B.csv');
    ctx.sandbox.clearLog();
    await wb.treeItem('B').click({ button: 'right' });
    await wb.page.getByRole('menuitem', { name: /Export Organizations…/ }).hover();
    await wb.page.keyboard.press('Enter');
    await wb.pickQuickItem('CSV');
    // VS Code's save dialog (the simple dialog in a browser) offers the workspace folder and the name.
    const input = wb.quickInput.locator('.quick-input-box input');
    await wb.page.waitForFunction((el) => (el as HTMLInputElement | null)?.value.endsWith('organizations-letter-B.csv') ?? false, await input.elementHandle());
    await wb.screenshot('export-save-dialog');
    await input.press('Enter');
    const message = await wb.waitForNotification(/Exported \d+ organizations to organizations-letter-B\.csv\./);
    await wb.screenshot('export-done');

    const res = await fetch(`${ctx.sandbox.url}/v1/organizations?first_char=b&sort=${encodeURIComponent('name ASC')}&limit=500`, { headers: { 'x-api-token': ctx.sandbox.token } });
    const expected = ((await res.json()) as { data: Organization[] }).data;
    assert.strictEqual(message, `Exported ${expected.length} organizations to organizations-letter-B.csv.`);
    const rows = parseCsvFile(fs.readFileSync(file, 'utf8'));
    assert.deepStrictEqual(rows.slice(1).map((r) => [Number(r[0]), r[1]]), expected.map((o) => [o.id, o.name]));
    assert.deepStrictEqual(fs.readdirSync(ctx.session.workspaceDir).filter((f) => f.includes('organizations-letter-B')), ['organizations-letter-B.csv']);

    await wb.clickNotificationButton(/Exported \d+ organizations/, 'Open File');
    await wb.editorTab('organizations-letter-B.csv').waitFor();
    await wb.page.locator('.monaco-editor .view-lines').filter({ hasText: 'ID,Name,Owner ID,Owner' }).first().waitFor();
    await wb.screenshot('export-opened');
  });

  it('Cancel on the progress notification while the page is on its way: no file, no temp file, no "Exported" message', async () => {
    const wb = ctx.workbench;
    const file = path.join(ctx.session.workspaceDir, 'organizations-letter-C.csv');
    ctx.sandbox.setFaults([{ kind: 'latency', ms: 30_000, match: { path: '^/v1/organizations$' } }]);
    // The export writes to a hidden temp file beside the target while it reads (fs.watch: an event, no polling).
    let watcher: fs.FSWatcher | undefined;
    const writing = new Promise<void>((resolve) => {
      watcher = fs.watch(ctx.session.workspaceDir, (_e, name) => {
        if (name && /^\.organizations-letter-C\.csv\..*\.part$/.test(String(name))) resolve();
      });
    });
    try {
      await wb.treeItem('C').click({ button: 'right' });
      await wb.page.getByRole('menuitem', { name: /Export Organizations…/ }).hover();
      await wb.page.keyboard.press('Enter');
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
    } finally {
      watcher?.close();
      ctx.sandbox.clearFaults();
    }
    assert.deepStrictEqual(fs.readdirSync(ctx.session.workspaceDir).filter((f) => f.includes('organizations-letter-C')), []);
    assert.deepStrictEqual((await wb.notificationMessages()).filter((m) => /Exported|failed|Error/i.test(m)), []);
    assert.ok(!fs.existsSync(file));
  });
});
