// "Edit Selected Organizations…" run as the tree runs it (executeCommand with the clicked node
// and the selected nodes), prompts answered by TestUserInput, in today's API (the default): the
// requests on the sandbox's log, the records in the sandbox, and what the tree shows.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Organization, User } from '../../src/api';
import { letterKey } from '../../src/model/OrganizationStore';
import type { OrganizationNode } from '../../src/tree/nodes';
import type { TestUserInput } from '../../src/ui/TestUserInput';
import { children, extensionApi, sandboxGet} from './helpers/extension';
import { clearSandboxLog, sandboxInfo, sandboxLog, setSandboxFaults } from './sandbox';
import { useSignedInSession } from './helpers/session';

/** Sets labels straight in the sandbox, as someone in Pipedrive's web app would (the tree does not know). */
async function setLabelsInPipedrive(id: number, labelIds: number[]): Promise<void> {
  const res = await fetch(`${sandboxInfo().url}/api/v2/organizations/${id}`, {
    method: 'PATCH',
    headers: { 'x-api-token': sandboxInfo().token, 'content-type': 'application/json' },
    body: JSON.stringify({ label_ids: labelIds }),
  });
  assert.strictEqual(res.status, 200);
}

async function labelsInPipedrive(id: number): Promise<number[]> {
  return (await sandboxGet<Organization>(`/v1/organizations/${id}`)).label_ids ?? [];
}

async function patches(): Promise<Array<[string, unknown, number]>> {
  return (await sandboxLog()).filter((e) => e.method === 'PATCH').map((e) => [e.path, e.body, e.status]);
}

describe('Bulk edit (Edit Selected Organizations…)', function () {
  this.timeout(60_000);
  let ui: TestUserInput;
  let nodes: OrganizationNode[];
  let picks: Array<{ id: number; name: string }>;
  let used = 0;

  /** Three organizations of letter C not used by an earlier test, their nodes as the tree has them. */
  async function selectThree(): Promise<void> {
    const api = await extensionApi();
    await api.store.ensureLoaded(letterKey('C'));
    picks = api.store.organizations(letterKey('C')).slice(used, used + 3).map((o) => ({ id: o.id, name: o.name }));
    used += 3;
    assert.strictEqual(picks.length, 3);
    nodes = [];
    for (const o of picks) {
      const node = await api.revealOrganization(o.id, { select: false, focus: false });
      assert.ok(node && node.type === 'organization');
      nodes.push(node);
    }
  }

  const session = useSignedInSession();
  beforeEach(async () => {
    ui = session.ui();
    await selectThree();
    await clearSandboxLog();
  });
  afterEach(async () => {
    await setSandboxFaults([]);
  });

  it('add a label to 3 selected: one confirm with the count, 3 PATCHes each with its own labels plus the new one; the store and tree have it', async () => {
    const api = await extensionApi();
    // Labels someone set in Pipedrive meanwhile: they must stay.
    await setLabelsInPipedrive(picks[0].id, [1]);
    await setLabelsInPipedrive(picks[1].id, []);
    await setLabelsInPipedrive(picks[2].id, [2, 3]);
    await clearSandboxLog();
    // The label list says how many of them have each label, as the tree has them.
    const known = picks.filter((o) => api.store.summaryOf(o.id)?.record?.label_ids?.includes(4)).length;
    let hint: string | undefined;
    ui.queue('Add labels', (item) => {
      if ((item as vscode.QuickPickItem).label === 'Hot lead') hint = (item as vscode.QuickPickItem).description;
      return (item as vscode.QuickPickItem).label === 'Hot lead';
    }, 'Apply');
    await vscode.commands.executeCommand('pipedrive.bulkEdit', nodes[1], nodes);
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(ui.pending, 0);
    const confirm = ui.prompts.filter((p) => p.kind === 'warning');
    assert.deepStrictEqual(confirm.map((p) => p.text), ['Edit 3 organizations: add the label "Hot lead"?']);
    assert.strictEqual(hint, `${known} of 3 have it`);
    assert.deepStrictEqual(await patches(), [
      [`/api/v2/organizations/${picks[0].id}`, { label_ids: [1, 4] }, 200],
      [`/api/v2/organizations/${picks[1].id}`, { label_ids: [4] }, 200],
      [`/api/v2/organizations/${picks[2].id}`, { label_ids: [2, 3, 4] }, 200],
    ]);
    assert.deepStrictEqual(ui.prompts.find((p) => p.kind === 'info')?.text, 'Changed 3 organizations: added the label "Hot lead".');
    for (const o of picks) {
      assert.ok((await labelsInPipedrive(o.id)).includes(4));
      assert.ok(api.store.summaryOf(o.id)?.record?.label_ids?.includes(4), `the store's ${o.name} has no Hot lead label`);
    }
  });

  it('set the owner: the tree rows show the new owner at once', async () => {
    const users = await sandboxGet<User[]>('/v1/users');
    const api = await extensionApi();
    const current = new Set(picks.map((o) => api.store.summaryOf(o.id)?.ownerId));
    const owner = users.find((u) => u.active_flag && !current.has(u.id) && u.id !== api.auth.user?.id)!;
    ui.queue('Set owner', owner.name, 'Apply');
    await vscode.commands.executeCommand('pipedrive.bulkEdit', nodes[0], nodes);
    assert.deepStrictEqual(ui.errors, []);
    assert.deepStrictEqual((await patches()).map((p) => p[1]), [{ owner_id: owner.id }, { owner_id: owner.id }, { owner_id: owner.id }]);
    const rows = await children(api.tree.letterNode('C'));
    for (const o of picks) {
      const row = rows.find((r) => r.node.type === 'organization' && r.node.orgId === o.id);
      assert.ok(row?.description?.startsWith(owner.name), `${o.name} shows "${row?.description}"`);
    }
  });

  it('one refused: the message names it and why, the others are applied; Retry sends only that one', async () => {
    const refused = picks[1];
    await setSandboxFaults([{ kind: 'status', status: 403, times: 1, match: { method: 'PATCH', path: `^/api/v2/organizations/${refused.id}$` } }]);
    const api = await extensionApi();
    ui.queue('Set visibility', 'Owner & followers', 'Apply');
    ui.notificationActions.push('Retry');
    const shown = ui.next('error');
    await vscode.commands.executeCommand('pipedrive.bulkEdit', nodes[0], nodes);
    const error = await shown;
    const head = `Changed 2 of 3 organizations (visibility set to "Owner & followers"). Failed: "${refused.name}" (Your Pipedrive user may not do this (403 Forbidden)`;
    assert.ok(error.text.startsWith(head), error.text);
    assert.ok(!picks.filter((o) => o !== refused).some((o) => error.text.includes(o.name)), 'only the refused one is named');
    assert.deepStrictEqual(error.choices, ['Retry']);
    assert.strictEqual(ui.prompts.filter((p) => p.kind === 'warning').length, 1, 'Retry asks no second confirm');
    const sent = await patches();
    assert.deepStrictEqual(sent.map(([path, , status]) => [path, status]), [
      [`/api/v2/organizations/${picks[0].id}`, 200],
      [`/api/v2/organizations/${refused.id}`, 403],
      [`/api/v2/organizations/${picks[2].id}`, 200],
      [`/api/v2/organizations/${refused.id}`, 200],
    ]);
    assert.strictEqual(ui.prompts.filter((p) => p.kind === 'info').at(-1)?.text, 'Changed 1 organization: visibility set to "Owner & followers".');
    for (const o of picks) {
      assert.strictEqual(Number((await sandboxGet<Organization>(`/v1/organizations/${o.id}`)).visible_to), 1);
      assert.strictEqual(Number(api.store.summaryOf(o.id)?.record?.visible_to), 1);
    }
  });

  it('Cancel part-way: the message says how many were done and which were not; those stay as they were', async () => {
    const api = await extensionApi();
    const controller = new AbortController();
    // Cancel as soon as the first organization's change reaches the store.
    const sub = api.store.onDidChangeOrganization((e) => {
      if (e.id === picks[0].id) controller.abort();
    });
    try {
      ui.queue('Remove labels', ['Customer', 'Prospect', 'Partner', 'Hot lead', 'Churned'], 'Apply');
      for (const o of picks) await setLabelsInPipedrive(o.id, [1, 5]);
      await clearSandboxLog();
      await vscode.commands.executeCommand('pipedrive.bulkEdit', nodes[0], nodes, { signal: controller.signal });
    } finally {
      sub.dispose();
    }
    assert.deepStrictEqual(ui.errors, []);
    const info = ui.prompts.find((p) => p.kind === 'info');
    assert.strictEqual(info?.text, `Stopped: changed 1 of 3 organizations (removed the labels "Customer", "Prospect", "Partner", "Hot lead", "Churned"). Not done: "${picks[1].name}", "${picks[2].name}".`);
    assert.deepStrictEqual(info?.choices, ['Continue']);
    assert.deepStrictEqual((await patches()).map((p) => p[0]), [`/api/v2/organizations/${picks[0].id}`]);
    assert.deepStrictEqual(await labelsInPipedrive(picks[0].id), []);
    assert.deepStrictEqual(await labelsInPipedrive(picks[1].id), [1, 5]);
    assert.deepStrictEqual(await labelsInPipedrive(picks[2].id), [1, 5]);
  });

  it('from the palette: picks organizations by search, then follows them (me); the tree marks them followed', async () => {
    const api = await extensionApi();
    const [a, b] = picks;
    // Not following them yet (the seed gives some organizations followers).
    for (const o of [a, b]) {
      await fetch(`${sandboxInfo().url}/api/v2/organizations/${o.id}/followers/${api.auth.user!.id}`, { method: 'DELETE', headers: { 'x-api-token': sandboxInfo().token } });
    }
    await clearSandboxLog();
    ui.queue(a.name, a.name, 'Add another organization…', b.name, b.name, 'Edit these 2 organizations', 'Follow', /^Me \(/, 'Apply');
    await vscode.commands.executeCommand('pipedrive.bulkEdit');
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(ui.pending, 0);
    const posts = (await sandboxLog()).filter((e) => e.method === 'POST');
    assert.deepStrictEqual(posts.map((e) => [e.path, e.body]), [
      [`/api/v2/organizations/${a.id}/followers`, { user_id: api.auth.user!.id }],
      [`/api/v2/organizations/${b.id}/followers`, { user_id: api.auth.user!.id }],
    ]);
    const rows = await children(api.tree.letterNode('C'));
    for (const o of [a, b]) assert.strictEqual(rows.find((r) => r.node.type === 'organization' && r.node.orgId === o.id)?.contextValue, 'organization.followed');
  });
});
