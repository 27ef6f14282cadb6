import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { letterCount } from './letterCount';
import { e2eSession, useWorkbench } from './fixture';

const PAGE = 10;


/** Merges values into the session's user settings.json (code-server applies the change live). */
function writeUserSettings(userDataDir: string, values: Record<string, unknown>): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete current[k];
    else current[k] = v;
  }
  fs.writeFileSync(file, JSON.stringify(current, null, 2));
}

describe('Organizations tree (e2e)', () => {
  // Before the workbench opens: a small page so a letter and its "Load more…" fit on screen.
  before(async function () {
    this.timeout(180_000);
    const session = await e2eSession();
    writeUserSettings(session.userDataDir, { 'pipedrive.pageSize': PAGE });
  });
  after(async () => {
    const session = await e2eSession();
    writeUserSettings(session.userDataDir, { 'pipedrive.pageSize': undefined });
  });

  const ctx = useWorkbench();

  it('signs in from the welcome view with the token typed into a password box', async () => {
    const wb = ctx.workbench;
    await wb.openPipedriveView();
    await wb.welcomeButton('Sign in with API token').click();
    const input = wb.quickInput.locator('.quick-input-box input');
    await input.waitFor();
    assert.strictEqual(await input.getAttribute('type'), 'password');
    await wb.answerInput(ctx.sandbox.token, { prompt: /API token/ });
    await wb.quickInputClosed();
    await wb.treeItem('Recently changed').waitFor();
    await wb.treeItem('A').waitFor();
    // The first sign-in reads every organization once: B shows its full count when that is done.
    const b = await letterCount(ctx.sandbox.url, ctx.sandbox.token, 'B');
    await wb.treeItem('B').locator('.label-description', { hasText: new RegExp(`^${b}$`) }).waitFor();
    // The view's description (TreeView.description); the narrow side bar may clip it, so read it from the DOM.
    await wb.sideBar.locator('.description', { hasText: /Ada Admin · Sandbox Co/ }).first().waitFor({ state: 'attached' });
    await wb.screenshot('tree-signed-in');
    assert.ok(!ctx.session.pipedriveLog().includes(ctx.sandbox.token), 'the token is in the Pipedrive log');
  });

  it('expands a letter: its organizations appear with no request (from the index)', async () => {
    const wb = ctx.workbench;
    ctx.sandbox.clearLog();
    await wb.expand(wb.treeItem('B'));
    await wb.treeItem('Load more…').waitFor();
    assert.deepStrictEqual(ctx.sandbox.log.map((e) => `${e.method} ${e.path}`), []);
    const labels = await wb.treeLabels();
    const b = labels.indexOf('B');
    const rows = labels.slice(b + 1, b + 1 + PAGE);
    assert.strictEqual(rows.length, PAGE);
    for (const r of rows) assert.match(r, /^B/);
    await wb.screenshot('tree-letter-expanded');
  });

  it('"Load more…" appends the next page with no request', async () => {
    const wb = ctx.workbench;
    ctx.sandbox.clearLog();
    await wb.treeItem('Load more…').click();
    await wb.page.waitForFunction(
      (n) => document.querySelectorAll('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="2"]').length >= n,
      2 * PAGE,
    );
    assert.deepStrictEqual(ctx.sandbox.log.map((e) => `${e.method} ${e.path}`), []);
    await wb.screenshot('tree-load-more');
  });
});
