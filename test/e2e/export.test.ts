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
});
