// Restricted Mode: the folder is not trusted (workspace trust on, code-server without
// --disable-workspace-trust). The extension declares untrusted workspaces supported, so the view,
// sign-in and the tree work there as anywhere: the only setting that could send the token elsewhere
// (pipedrive.apiBaseUrl) is application-scoped, out of a workspace's reach.
import * as assert from 'assert';
import { Session } from '../harness/session';
import { letterCount } from './letterCount';
import { Workbench } from './workbench';

describe('Restricted Mode (e2e)', function () {
  this.timeout(180_000);
  let session: Session | undefined;
  let wb: Workbench;

  before(async () => {
    session = await Session.start({ name: 'untrusted', untrusted: true });
    wb = new Workbench(await session.openWorkbench());
  });
  after(async () => {
    await wb?.page.context().close().catch(() => undefined);
    await session?.dispose();
  });

  it('in an untrusted folder the Pipedrive view signs in and lists organizations by letter', async () => {
    // The workbench says it is in Restricted Mode.
    await wb.page.locator('.statusbar-item', { hasText: /Restricted Mode/ }).first().waitFor();
    await wb.signInFromWelcome(session!.sandbox.token);
    const b = await letterCount(session!.sandbox.url, session!.sandbox.token, 'B');
    await wb.treeItem('B').locator('.label-description', { hasText: new RegExp(`^${b}$`) }).waitFor();
    await wb.expand(wb.treeItem('B'));
    await wb.page.waitForFunction(() => document.querySelectorAll('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="2"]').length > 0);
    assert.ok((await wb.treeLabels()).some((l) => /^B/i.test(l) && l !== 'B'), 'organizations under B');
    await wb.screenshot('untrusted-tree');
  });

  it('VS Code\'s Accounts menu lists the Pipedrive account, with Sign Out there', async () => {
    // Signed in by the test before: the account is a session of the `pipedrive` authentication provider.
    await wb.page.locator('.activitybar [aria-label^="Accounts"]').first().click();
    const account = wb.page.locator('.monaco-menu .action-label', { hasText: 'Ada Admin · Sandbox Co (Pipedrive)' }).first();
    await account.waitFor();
    await account.hover();
    await wb.page.locator('.monaco-menu .action-label', { hasText: /^Sign Out$/ }).first().waitFor();
    await wb.screenshot('accounts-menu');
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Escape');
  });
});
