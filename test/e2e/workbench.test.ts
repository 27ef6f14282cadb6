import * as assert from 'assert';
import { useWorkbench } from './fixture';

describe('Workbench', () => {
  const ctx = useWorkbench();

  it('loads with the extension under development', async () => {
    const { page } = ctx.workbench;
    await page.locator('.part.activitybar').waitFor();
    assert.match(await page.title(), /Extension Development Host/);
  });

  it('shows the Pipedrive icon in the activity bar and opens the Organizations view', async () => {
    await ctx.workbench.openPipedriveView();
    await ctx.workbench.sideBar.locator('.composite.title', { hasText: /organizations/i }).waitFor();
  });

  it('offers "Sign in with API token" when no token is stored', async () => {
    const wb = ctx.workbench;
    await wb.openPipedriveView();
    await wb.welcomeButton('Sign in with API token').waitFor();
    assert.match((await wb.welcome().textContent()) ?? '', /Sign in to browse your Pipedrive organizations/);
    await wb.screenshot('sign-in-welcome');
  });
});
