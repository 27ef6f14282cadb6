// Requests per Details panel action, counted from the sandbox log, through the extension's own
// command: after sign-in the users and organization fields are already read (in the background),
// so opening Details costs the organization's GET alone; a closed panel opens again from the
// last header read (no request) until the organization changes or the sign-in does.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Organization } from '../../src/api';
import type { DetailsPanel } from '../../src/webviews/registerPanels';
import { closePanels, extensionApi, sandboxGet, scriptedUi, signIn, signOut } from './helpers/extension';
import { clearSandboxLog, sandboxLog } from './sandbox';
import { useSignedInSession } from './helpers/session';

const ORG = 1;
/**
 * What opening Details reads in today's API: the organization (with its counters), and its
 * followers because it has some (v2 details carry none; an organization nobody follows costs one).
 */
const DETAIL_READS = [`GET /api/v2/organizations/${ORG}`, `GET /api/v2/organizations/${ORG}/followers`];

/** Opens Details the way a click does; resolves when its header is shown and its webview said ready. */
async function open(id: number): Promise<DetailsPanel> {
  await vscode.commands.executeCommand('pipedrive.openDetails', id);
  const panel = (await extensionApi()).panels.details.get(id);
  assert.ok(panel, `no Details panel for organization ${id}`);
  await panel.whenLoaded();
  if (!panel.ready) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the webview never said ready')), 20_000);
      const sub = panel.onDidReady(() => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
  }
  assert.strictEqual(panel.status, 'active');
  return panel;
}

/**
 * Every request since the last clear except the tree's organization list pages: letters that
 * earlier suites left expanded on screen reload on their own after a sign-in (VS Code asks the
 * tree again), whenever the view gets to it. The Details panel never lists organizations.
 */
async function requests(): Promise<string[]> {
  const treeLists = new Set(['/v1/organizations', '/api/v2/organizations', '/v1/organizations/collection']);
  return (await sandboxLog()).filter((e) => !(e.method === 'GET' && treeLists.has(e.path))).map((e) => `${e.method} ${e.path}`);
}

describe('Details panel requests', function () {
  this.timeout(60_000);

  useSignedInSession({ closePanels: true });
  before(() => closePanels());

  it('after sign-in settles, users and organization fields are already read', async () => {
    const api = await extensionApi();
    assert.strictEqual(api.session.hasUsers, true);
    assert.strictEqual(api.session.hasOrganizationFields, true);
    assert.ok(api.store.knownUsers.size > 0, 'the store has no users');
  });

  it('open details: the organization and its followers (two requests); close and re-open: none', async () => {
    const name = (await sandboxGet<Organization>(`/v1/organizations/${ORG}`)).name;
    await clearSandboxLog();
    const first = await open(ORG);
    assert.deepStrictEqual(await requests(), DETAIL_READS);
    assert.strictEqual(first.panel.title, name);

    await closePanels();
    await clearSandboxLog();
    const again = await open(ORG);
    assert.notStrictEqual(again, first, 'the closed panel was reused');
    assert.deepStrictEqual(await requests(), []);
    assert.strictEqual(again.panel.title, name);
  });

  it('an organization nobody follows opens with one request', async () => {
    await clearSandboxLog();
    await open(9);
    assert.deepStrictEqual(await requests(), ['GET /api/v2/organizations/9']);
  });

  it('an update invalidates: re-open after it reads the organization once, and shows the new name', async () => {
    const api = await extensionApi();
    const org = await sandboxGet<Organization>(`/v1/organizations/${ORG}`);
    await open(ORG);
    await closePanels();
    const node = await api.revealOrganization(org, { select: false, focus: false });
    assert.ok(node, 'no tree node');
    const ui = await scriptedUi();
    ui.queue(['Name'], `${org.name} Updated`);
    await vscode.commands.executeCommand('pipedrive.update', node);
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(ui.pending, 0, 'answers left unused');

    await clearSandboxLog();
    const panel = await open(ORG);
    assert.deepStrictEqual(await requests(), DETAIL_READS);
    assert.strictEqual(panel.panel.title, `${org.name} Updated`);
    // Read again, it is cached again.
    await closePanels();
    await clearSandboxLog();
    await open(ORG);
    assert.deepStrictEqual(await requests(), []);
  });

  it('a new sign-in forgets the cached headers', async () => {
    await open(ORG);
    await closePanels();
    await signOut();
    await signIn();
    await clearSandboxLog();
    await open(ORG);
    assert.deepStrictEqual(await requests(), DETAIL_READS);
  });
});
