// The panels as the extension wires them: opened from a tree click, the context menu, search and the
// palette; their buttons run the extension's commands for this organization, and the panel shows
// the result (new name, following, deleted, merged away) whichever way the change was made.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Organization, OrganizationFollower } from '../../src/api';
import type { OrganizationNode } from '../../src/tree/nodes';
import type { TestUserInput } from '../../src/ui/TestUserInput';
import type { DetailsHostMessage, HeaderView } from '../../src/webviews/details/protocol';
import type { DetailsPanel } from '../../src/webviews/registerPanels';
import { children, extensionApi, sandboxGet} from './helpers/extension';
import { clearSandboxLog, sandboxLog } from './sandbox';
import { useSignedInSession } from './helpers/session';

async function orgNode(id: number): Promise<OrganizationNode> {
  const api = await extensionApi();
  const org = await sandboxGet<Organization>(`/v1/organizations/${id}`);
  const node = await api.revealOrganization(org, { select: false, focus: false });
  assert.ok(node && node.type === 'organization', `organization ${id} has no node`);
  return node;
}

async function detailsPanel(id: number): Promise<DetailsPanel> {
  const panel = (await extensionApi()).panels.details.get(id);
  assert.ok(panel, `no Details panel for organization ${id}`);
  return panel;
}

/** Records what a panel posts from now on; `header()` is the last header posted. */
function watch(panel: DetailsPanel): { posts: DetailsHostMessage[]; header(): HeaderView | undefined; dispose(): void } {
  const posts: DetailsHostMessage[] = [];
  const sub = panel.onDidPost((m) => posts.push(m));
  return {
    posts,
    header: () => posts.filter((m): m is Extract<DetailsHostMessage, { type: 'header' }> => m.type === 'header').at(-1)?.header,
    dispose: () => sub.dispose(),
  };
}

async function writes(): Promise<string[]> {
  return (await sandboxLog()).filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);
}

function noErrors(ui: TestUserInput): void {
  assert.deepStrictEqual(
    ui.prompts.filter((p) => p.kind === 'error').map((p) => p.text),
    [],
  );
  assert.strictEqual(ui.pending, 0, 'answers left unused');
}

describe('Panels wired into the extension', function () {
  this.timeout(30_000);
  let ui: TestUserInput;

  const session = useSignedInSession({ closePanels: true });
  beforeEach(() => {
    ui = session.ui();
  });

  it('an organization row opens its Details on click (the twistie still expands: the row stays collapsible)', async () => {
    const api = await extensionApi();
    const node = await orgNode(1);
    const item = api.tree.getTreeItem(node);
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.strictEqual(item.command?.command, 'pipedrive.openDetails');
    assert.deepStrictEqual(item.command?.arguments, [node]);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const panel = await detailsPanel(1);
    assert.strictEqual(panel.status, 'active');
    assert.strictEqual(panel.panel.title, 'Acme Technologies');
    // Its groups still come as children of the row.
    assert.deepStrictEqual((await children(node)).map((r) => r.label), ['Persons', 'Deals', 'Activities', 'Files', 'Followers']);
    noErrors(ui);
  });

  it('from the palette without an argument, Details and Flow ask with the search picker', async () => {
    const api = await extensionApi();
    ui.queue('Acme', 'Acme Technologies');
    await vscode.commands.executeCommand('pipedrive.openDetails');
    assert.strictEqual((await detailsPanel(1)).status, 'active');
    ui.queue('Dealmakers', 'Dealmakers Tech Group');
    await vscode.commands.executeCommand('pipedrive.openFlow');
    assert.ok(api.panels.flow.get(6), 'no Flow panel for organization 6');
    assert.deepStrictEqual(
      ui.prompts.filter((p) => p.kind === 'quickPick').map((p) => p.text),
      ['Search organizations by name, address, notes or custom fields', 'Search organizations by name, address, notes or custom fields'],
    );
    noErrors(ui);
  });

  it('the search command opens the Details of the picked organization', async () => {
    ui.queue('Acme', 'Acme Technologies');
    await vscode.commands.executeCommand('pipedrive.search');
    const panel = await detailsPanel(1);
    assert.strictEqual(panel.status, 'active');
    noErrors(ui);
  });

  it('Update: the edit prompts for this organization, then the panel shows the new name', async () => {
    const node = await orgNode(16);
    const api = await extensionApi();
    const before = api.store.summaryOf(16)!.name;
    await vscode.commands.executeCommand('pipedrive.openDetails', node);
    const panel = await detailsPanel(16);
    const seen = watch(panel);
    await clearSandboxLog();
    ui.queue(['Name'], `${before} Renamed`);
    assert.strictEqual(await panel.handleMessage({ type: 'action', action: 'update' }), true);
    assert.deepStrictEqual(await writes(), ['PATCH /api/v2/organizations/16']);
    assert.strictEqual(seen.header()?.name, `${before} Renamed`);
    assert.strictEqual(panel.panel.title, `${before} Renamed`);
    assert.deepStrictEqual(
      seen.posts.filter((m) => m.type === 'busy').map((m) => m.type === 'busy' && m.busy),
      [true, false],
    );
    // The edit reads the record fresh when it starts and just before saving (without followers);
    // after the save the panel reads its header once, not once more for the store's change event.
    const log = await sandboxLog();
    const patchAt = log.findIndex((e) => e.method === 'PATCH');
    const readsBefore = log.slice(0, patchAt).filter((e) => e.method === 'GET' && e.path.startsWith('/api/v2/organizations/16'));
    assert.deepStrictEqual(readsBefore.map((e) => e.path), ['/api/v2/organizations/16', '/api/v2/organizations/16'], JSON.stringify(log));
    const readsAfter = log.slice(patchAt + 1).filter((e) => e.method === 'GET' && e.path === '/api/v2/organizations/16');
    assert.strictEqual(readsAfter.length, 1, JSON.stringify(log));
    seen.dispose();
    noErrors(ui);
  });

  it('an update made elsewhere (the tree) shows in the open panel', async () => {
    const node = await orgNode(17);
    await vscode.commands.executeCommand('pipedrive.openDetails', node);
    const panel = await detailsPanel(17);
    const seen = watch(panel);
    const header = new Promise<void>((resolve) => {
      const sub = panel.onDidPost((m) => {
        if (m.type === 'header' && m.header.name === 'Renamed From The Tree') {
          sub.dispose();
          resolve();
        }
      });
    });
    ui.queue(['Name'], 'Renamed From The Tree');
    await vscode.commands.executeCommand('pipedrive.update', node);
    await header;
    assert.ok(seen.posts.some((m) => m.type === 'invalidate'), 'open sections were not reloaded');
    seen.dispose();
    noErrors(ui);
  });

  it('a follower added and removed in the panel shows in the tree\'s Followers group (through the store)', async () => {
    const api = await extensionApi();
    const id = 12;
    await orgNode(id);
    const group = `org:${id}/followers` as const;
    const followerIds = async () => {
      await api.store.ensureLoaded(group);
      return api.store.list<OrganizationFollower>(group).items.map((f) => f.user_id);
    };
    const before = await followerIds();
    await vscode.commands.executeCommand('pipedrive.openDetails', id);
    const panel = await detailsPanel(id);
    const seen = watch(panel);
    // The host answers a section request before handleMessage resolves.
    await panel.handleMessage({ type: 'loadSection', section: 'followers', requestId: 1 });
    const section = seen.posts.find((m) => m.type === 'section' && m.section === 'followers');
    const candidate = section?.type === 'section' ? section.candidates?.find((c) => c.id !== api.auth.user?.id) : undefined;
    assert.ok(candidate, 'someone to add');
    assert.strictEqual(await panel.handleMessage({ type: 'addFollower', userId: candidate.id }), true);
    assert.deepStrictEqual((await followerIds()).sort(), [...before, candidate.id].sort(), 'the tree\'s Followers group shows the new follower');
    assert.ok(((await sandboxGet<OrganizationFollower[] | null>(`/v1/organizations/${id}/followers`)) ?? []).some((f) => f.user_id === candidate.id));
    await panel.handleMessage({ type: 'loadSection', section: 'followers', requestId: 2 });
    // Today's API names a follower by its user id.
    assert.strictEqual(await panel.handleMessage({ type: 'removeFollower', followerId: candidate.id }), true);
    assert.deepStrictEqual((await followerIds()).sort(), [...before].sort());
    seen.dispose();
  });

  it('Follow: I follow when I do not, the button then says Unfollow; pressed again I stop following', async () => {
    const api = await extensionApi();
    const me = api.auth.user!.id;
    const orgId = 9;
    await vscode.commands.executeCommand('pipedrive.openDetails', orgId);
    const panel = await detailsPanel(orgId);
    const seen = watch(panel);
    await panel.handleMessage({ type: 'action', action: 'follow' });
    assert.deepStrictEqual(await writes(), [`POST /api/v2/organizations/${orgId}/followers`]);
    assert.ok((await sandboxGet<OrganizationFollower[]>(`/v1/organizations/${orgId}/followers`)).some((f) => f.user_id === me));
    assert.strictEqual(seen.header()?.following, true);

    await clearSandboxLog();
    await panel.handleMessage({ type: 'action', action: 'follow' });
    assert.deepStrictEqual((await writes()).map((w) => w.replace(/\d+$/, 'N')), [`DELETE /api/v2/organizations/${orgId}/followers/N`]);
    assert.ok(!((await sandboxGet<OrganizationFollower[] | null>(`/v1/organizations/${orgId}/followers`)) ?? []).some((f) => f.user_id === me));
    assert.strictEqual(seen.header()?.following, false);
    assert.deepStrictEqual(
      ui.prompts.filter((p) => p.kind === 'info').map((p) => p.text),
      ['You now follow "Quiet Empty Holdings".', 'You no longer follow "Quiet Empty Holdings".'],
    );
    seen.dispose();
    noErrors(ui);
  });

  it('Open flow opens the Flow panel of this organization', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('pipedrive.openDetails', 1);
    await (await detailsPanel(1)).handleMessage({ type: 'action', action: 'openFlow' });
    assert.ok(api.panels.flow.get(1), 'no Flow panel for organization 1');
  });

  it('Delete: the modal confirm names it, one DELETE, and the panel says it was deleted', async () => {
    const node = await orgNode(18);
    const api = await extensionApi();
    const name = api.store.summaryOf(18)!.name;
    await vscode.commands.executeCommand('pipedrive.openDetails', node);
    const panel = await detailsPanel(18);
    const seen = watch(panel);
    ui.queue('Delete');
    await panel.handleMessage({ type: 'action', action: 'delete' });
    assert.strictEqual(ui.prompts.find((p) => p.kind === 'warning')?.text, `Delete the organization "${name}"?`);
    assert.deepStrictEqual(await writes(), ['DELETE /api/v2/organizations/18']);
    assert.strictEqual(panel.status, 'deleted');
    assert.ok(seen.posts.some((m) => m.type === 'status' && m.status === 'deleted' && /deleted/.test(m.message)));
    // Its buttons now refuse: nothing reaches the API.
    await clearSandboxLog();
    await panel.handleMessage({ type: 'action', action: 'update' });
    assert.deepStrictEqual(await writes(), []);
    assert.ok(seen.posts.some((m) => m.type === 'notice' && m.level === 'error'));
    seen.dispose();
    noErrors(ui);
  });

  it('a click in the tree opens Details as a preview: the next click shows the next organization in the same panel', async () => {
    const api = await extensionApi();
    const first = await orgNode(24);
    const second = await orgNode(25);
    await vscode.commands.executeCommand('pipedrive.openDetails', first);
    const panel = await detailsPanel(24);
    await vscode.commands.executeCommand('pipedrive.openDetails', second);
    assert.strictEqual(api.panels.details.get(25), panel, 'the second click opened another panel');
    assert.strictEqual(api.panels.details.get(24), undefined);
    assert.strictEqual(panel.orgId, 25);
    panel.dispose();
  });

  it('a bulk delete from the tree marks every open panel of the deleted organizations', async () => {
    const a = await orgNode(19);
    const b = await orgNode(20);
    // By id (as search opens them): two panels; a second click in the tree would move a preview panel on.
    await vscode.commands.executeCommand('pipedrive.openDetails', 19);
    const panelA = await detailsPanel(19);
    await vscode.commands.executeCommand('pipedrive.openDetails', 20);
    const panelB = await detailsPanel(20);
    ui.queue('Delete');
    await vscode.commands.executeCommand('pipedrive.delete', a, [a, b]);
    assert.deepStrictEqual((await writes()).sort(), ['DELETE /api/v2/organizations/19', 'DELETE /api/v2/organizations/20']);
    assert.strictEqual(panelA.status, 'deleted');
    assert.strictEqual(panelB.status, 'deleted');
    noErrors(ui);
  });

  it('a merge: the merged-away organization\'s panel says so, the survivor\'s panel reads it again', async () => {
    const gone = await sandboxGet<Organization>('/v1/organizations/21');
    const survivor = await sandboxGet<Organization>('/v1/organizations/23');
    const node = await orgNode(21);
    await vscode.commands.executeCommand('pipedrive.openDetails', node);
    const goneP = await detailsPanel(21);
    await vscode.commands.executeCommand('pipedrive.openDetails', 23);
    const survivorP = await detailsPanel(23);
    const seen = watch(survivorP);
    const reread = new Promise<void>((resolve) => {
      const sub = survivorP.onDidPost((m) => {
        if (m.type === 'header') {
          sub.dispose();
          resolve();
        }
      });
    });
    ui.queue(survivor.name, survivor.name, (item) => (item as vscode.QuickPickItem).label.startsWith(`Keep "${survivor.name}"`), 'Merge');
    // From the panel of the one that goes away.
    await goneP.handleMessage({ type: 'action', action: 'merge' });
    assert.deepStrictEqual(
      (await sandboxLog()).filter((e) => e.method === 'PUT').map((e) => [e.path, e.body]),
      [[`/v1/organizations/${gone.id}/merge`, { merge_with_id: survivor.id }]],
    );
    assert.strictEqual(goneP.status, 'merged');
    await reread;
    assert.strictEqual(survivorP.status, 'active');
    assert.ok(seen.posts.some((m) => m.type === 'invalidate'));
    seen.dispose();
    noErrors(ui);
  });

  it('a panel restored for an organization the store has not seen runs its actions after one GET', async () => {
    const api = await extensionApi();
    api.store.clear();
    assert.strictEqual(api.store.summaryOf(24), undefined);
    const name = (await sandboxGet<Organization>('/v1/organizations/24')).name;
    await vscode.commands.executeCommand('pipedrive.openDetails', 24);
    const panel = await detailsPanel(24);
    ui.queue(['Name'], `${name} Again`);
    await panel.handleMessage({ type: 'action', action: 'update' });
    assert.deepStrictEqual(await writes(), ['PATCH /api/v2/organizations/24']);
    assert.strictEqual(panel.panel.title, `${name} Again`);
    assert.strictEqual(api.store.summaryOf(24)?.name, `${name} Again`);
    noErrors(ui);
  });

  it('links: the panel opens only http(s) URLs, through the host', async () => {
    await vscode.commands.executeCommand('pipedrive.openDetails', 1);
    const panel = await detailsPanel(1);
    for (const url of ['javascript:alert(1)', 'command:workbench.action.reloadWindow', 'file:///etc/passwd', 'vscode://settings']) {
      assert.strictEqual(await panel.handleMessage({ type: 'openExternal', url }), false, url);
    }
    // An http(s) URL the host never gave this page (a script in a record could post any) is refused too.
    assert.strictEqual(await panel.handleMessage({ type: 'openExternal', url: 'https://evil.example/steal' }), false);
  });
});
