// The organization commands run the way the palette and the tree run them (executeCommand with
// the node VS Code would pass), prompts answered by TestUserInput, effects checked on the tree,
// the store and the sandbox's request log.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Organization, OrganizationFollower } from '../../src/api';
import { letterKey } from '../../src/model/OrganizationStore';
import type { OrganizationNode, TreeNode } from '../../src/tree/nodes';
import { BACK, CANCEL, type TestUserInput } from '../../src/ui/TestUserInput';
import type { RequestLogEntry } from '../../src/sandbox/types';
import { children, extensionApi, sandboxGet, setSetting, signIn, signOut } from './helpers/extension';
import { clearSandboxLog, fixtureHeaders, sandboxInfo, sandboxLog, setSandboxFaults } from './sandbox';
import { useSignedInSession } from './helpers/session';

/** Requests other than the ones the tree makes to show letters (GET list pages). */
async function writes(): Promise<RequestLogEntry[]> {
  return (await sandboxLog()).filter((e) => e.method !== 'GET');
}

async function status(path: string): Promise<number> {
  const res = await fetch(`${sandboxInfo().url}${path}`, { headers: fixtureHeaders() });
  return res.status;
}

/** The organization's node in the tree (its letter loaded, the organization pinned there if needed). */
async function orgNode(id: number): Promise<OrganizationNode> {
  const api = await extensionApi();
  const org = await sandboxGet<Organization>(`/v1/organizations/${id}`);
  const node = await api.revealOrganization(org, { select: false, focus: false });
  assert.ok(node && node.type === 'organization', `organization ${id} has no node`);
  return node;
}

async function inLetter(letter: string, id: number): Promise<boolean> {
  const api = await extensionApi();
  return api.store.organizations(letterKey(letter)).some((o) => o.id === id);
}

async function run(ui: TestUserInput, command: string, ...args: unknown[]): Promise<void> {
  await vscode.commands.executeCommand(command, ...args);
  assert.deepStrictEqual(ui.errors, [], `${command} showed an error`);
  assert.strictEqual(ui.pending, 0, `${command} left answers unused`);
}

describe('Commands', function () {
  this.timeout(30_000);
  // Search opens the Details panel of the pick: panels are closed after each test.
  const session = useSignedInSession({ closePanels: true });
  let ui: TestUserInput;
  beforeEach(() => {
    ui = session.ui();
  });

  describe('delete', () => {
    it('asks modally naming the organization; confirmed: one DELETE, gone from its letter and the sandbox', async () => {
      const node = await orgNode(964);
      assert.ok(await inLetter('B', 964));
      await clearSandboxLog();
      ui.queue('Delete');
      await run(ui, 'pipedrive.delete', node);
      const confirm = ui.prompts.find((p) => p.kind === 'warning');
      assert.strictEqual(confirm?.text, 'Delete the organization "Bar Foods"?');
      assert.deepStrictEqual(confirm?.choices, ['Delete']);
      const log = await sandboxLog();
      assert.deepStrictEqual(log.map((e) => `${e.method} ${e.path}`), ['DELETE /api/v2/organizations/964']);
      assert.strictEqual(await inLetter('B', 964), false);
      assert.ok(!(await children((await extensionApi()).tree.letterNode('B'))).some((r) => r.node.id === 'org:964'));
      assert.strictEqual(await status('/api/v2/organizations/964'), 404);
    });

    it('a failure goes through the error boundary: a short message with "Show Details"; the organization stays', async () => {
      const node = await orgNode(1595);
      await setSandboxFaults([{ kind: 'status', status: 500, match: { method: 'DELETE' } }]);
      try {
        ui.queue('Delete');
        const shown = ui.next('error');
        await vscode.commands.executeCommand('pipedrive.delete', node);
        const error = await shown;
        assert.deepStrictEqual(error.choices, ['Show Details']);
        assert.ok(!error.text.includes(sandboxInfo().token));
        assert.ok(await inLetter('B', 1595));
      } finally {
        await setSandboxFaults([]);
      }
    });

    it('cancel at the confirm makes no request', async () => {
      const node = await orgNode(1541);
      await clearSandboxLog();
      ui.queue(CANCEL);
      await run(ui, 'pipedrive.delete', node);
      assert.strictEqual((await sandboxLog()).length, 0);
      assert.ok(await inLetter('B', 1541));
    });

    it('bulk: 3 selected organizations, the count in the confirm, one DELETE each (v2 has no bulk route)', async () => {
      const nodes = [await orgNode(1541), await orgNode(457), await orgNode(510)];
      await clearSandboxLog();
      ui.queue('Delete');
      await run(ui, 'pipedrive.delete', nodes[1], nodes);
      assert.strictEqual(ui.prompts.find((p) => p.kind === 'warning')?.text, 'Delete 3 organizations?');
      const log = await sandboxLog();
      assert.deepStrictEqual(log.map((e) => `${e.method} ${e.path}`).sort(), ['DELETE /api/v2/organizations/1541', 'DELETE /api/v2/organizations/457', 'DELETE /api/v2/organizations/510']);
      for (const id of [1541, 457, 510]) assert.strictEqual(await inLetter('B', id), false);
    });

    it('bulk, partly refused: the deleted ones leave the tree at once, the message names the one that stayed and why; Retry sends only that one', async () => {
      const api = await extensionApi();
      await api.store.ensureLoaded(letterKey('B'));
      const used = new Set([964, 1595, 604, 1541, 457, 510, 826, 2288]);
      const picks = api.store.organizations(letterKey('B')).filter((o) => !used.has(o.id)).slice(0, 3);
      assert.strictEqual(picks.length, 3);
      const nodes = await Promise.all(picks.map((o) => orgNode(o.id)));
      const refused = picks[1];
      await setSandboxFaults([{ kind: 'status', status: 403, times: 1, match: { method: 'DELETE', path: `^/api/v2/organizations/${refused.id}$` } }]);
      try {
        ui.queue('Delete');
        const shown = ui.next('error');
        const stayedShown = new Promise<boolean>((resolve) => {
          void shown.then(async () => resolve(await inLetter('B', refused.id)));
        });
        ui.notificationActions.push('Retry');
        await vscode.commands.executeCommand('pipedrive.delete', nodes[0], nodes);
        const error = await shown;
        assert.match(error.text, /^Deleted 2 of 3 organizations\. Not deleted: "/);
        assert.ok(error.text.includes(`"${refused.name}"`), error.text);
        assert.doesNotMatch(error.text, /deleteOrganizations|\/api\/v2/, 'no internal names');
        assert.deepStrictEqual(error.choices, ['Retry']);
        assert.strictEqual(await stayedShown, true, 'while the message shows, the refused one is still in the tree');
        assert.strictEqual(ui.prompts.filter((p) => p.kind === 'warning').length, 1, 'Retry asks no second confirm');
        const deletes = (await writes()).filter((e) => e.method === 'DELETE');
        assert.deepStrictEqual(deletes.filter((e) => e.path.endsWith(`/${refused.id}`)).map((e) => e.status), [403, 200], 'the refused one, sent again once');
        assert.strictEqual(deletes.length, 4);
        for (const o of picks) {
          assert.strictEqual(await inLetter('B', o.id), false, `${o.name} still shown`);
          assert.strictEqual(await status(`/api/v2/organizations/${o.id}`), 404);
        }
      } finally {
        await setSandboxFaults([]);
      }
    });

    it('deleteSelected from the palette takes the tree selection', async () => {
      const nodes = [await orgNode(826), await orgNode(2288)];
      await clearSandboxLog();
      ui.queue('Delete');
      await run(ui, 'pipedrive.deleteSelected', undefined, nodes);
      assert.strictEqual(ui.prompts.find((p) => p.kind === 'warning')?.text, 'Delete 2 organizations?');
      assert.deepStrictEqual((await writes()).map((e) => e.path).sort(), ['/api/v2/organizations/2288', '/api/v2/organizations/826']);
    });
  });

  describe('add', () => {
    it('steps with Back, then one POST; the organization shows under its letter', async () => {
      const api = await extensionApi();
      ui.queue('Wrong name', /^Me \(/, BACK, BACK, 'Zyx Commands Test', /^Me \(/, ['Customer', 'Partner'], 'Entire company', '2024-05-17 09:30:00');
      await run(ui, 'pipedrive.add');
      const name = ui.prompts.filter((p) => p.kind === 'inputBox');
      assert.strictEqual(name.length, 3, 'name, name again after Back, add time');
      const posts = (await writes()).filter((e) => e.method === 'POST');
      assert.strictEqual(posts.length, 1);
      assert.strictEqual(posts[0].path, '/api/v2/organizations');
      assert.deepStrictEqual(posts[0].body, { name: 'Zyx Commands Test', owner_id: 1, label_ids: [1, 3], visible_to: 3, add_time: '2024-05-17T09:30:00Z' });
      const created = api.store.organizations(letterKey('Z')).find((o) => o.name === 'Zyx Commands Test');
      assert.ok(created, 'not under Z');
      const rows = await children(api.tree.letterNode('Z'));
      assert.ok(rows.some((r) => r.label === 'Zyx Commands Test'));
      assert.strictEqual((api.treeView.selection[0] as OrganizationNode | undefined)?.orgId, created.id);
    });

    it('a failed add keeps the answers: the message says it was not created and Retry sends the same organization once', async () => {
      const api = await extensionApi();
      await setSandboxFaults([{ kind: 'status', status: 500, times: 1, match: { method: 'POST', path: '^/api/v2/organizations$' } }]);
      try {
        ui.queue('Zyx Retried Add', /^Me \(/, ['Prospect'], 'Entire company', '');
        ui.notificationActions.push('Retry');
        await vscode.commands.executeCommand('pipedrive.add');
        const error = ui.prompts.find((p) => p.kind === 'error');
        assert.ok(error, 'no error shown');
        assert.match(error.text, /^Adding "Zyx Retried Add" failed: Pipedrive had an error before it could answer \(500\)\. Pipedrive said: Internal server error\. It was not created\.$/);
        assert.deepStrictEqual(error.choices, ['Retry', 'Show Details']);
        assert.strictEqual(ui.pending, 0, 'no prompt asked twice');
        const posts = (await writes()).filter((e) => e.method === 'POST');
        assert.deepStrictEqual(posts.map((e) => e.status), [500, 200]);
        assert.deepStrictEqual(posts[0].body, posts[1].body, 'the same answers');
        assert.ok(api.store.organizations(letterKey('Z')).some((o) => o.name === 'Zyx Retried Add'));
      } finally {
        await setSandboxFaults([]);
      }
    });

    it('a lost answer to an add: Pipedrive is asked, the organization was created, it shows; no duplicate', async () => {
      const api = await extensionApi();
      await setSandboxFaults([{ kind: 'reset', afterProcessing: true, times: 1, match: { method: 'POST', path: '^/api/v2/organizations$' } }]);
      try {
        ui.queue('Zyx Lost Answer', /^Me \(/, [], 'Entire company', '');
        const told = ui.next('info');
        await vscode.commands.executeCommand('pipedrive.add');
        assert.deepStrictEqual(ui.errors, []);
        assert.match((await told).text, /answer was lost, but "Zyx Lost Answer" was created/);
        assert.strictEqual((await writes()).filter((e) => e.method === 'POST').length, 1);
        assert.ok((await sandboxLog()).some((e) => e.path === '/v1/recents'), 'asked Pipedrive what changed');
        assert.strictEqual(api.store.organizations(letterKey('Z')).filter((o) => o.name === 'Zyx Lost Answer').length, 1);
      } finally {
        await setSandboxFaults([]);
      }
    });

    it('an empty name is refused inline: no request', async () => {
      ui.queue('   ');
      await vscode.commands.executeCommand('pipedrive.add');
      assert.strictEqual(ui.prompts[0].validation, 'Enter a name for the organization.');
      assert.strictEqual((await sandboxLog()).length, 0);
    });

    it('a malformed add time is refused inline: no POST', async () => {
      ui.queue('Zyx Bad Time', /^Me \(/, [], 'Default visibility', '17.05.2024');
      await vscode.commands.executeCommand('pipedrive.add');
      assert.match(ui.prompts.at(-2)?.validation ?? ui.prompts.at(-1)?.validation ?? '', /YYYY-MM-DD HH:MM:SS/);
      assert.strictEqual((await writes()).length, 0);
    });
  });

  describe('update', () => {
    it('sends only the changed fields; a rename moves the organization to its new letter', async () => {
      const api = await extensionApi();
      const node = await orgNode(604); // Barmisu Media, visible_to 3, owner 2
      await api.store.ensureLoaded(letterKey('Q'));
      await clearSandboxLog();
      ui.queue(['Name', 'Owner', 'Visibility'], 'Quokka Media', 'Rita Regular', 'Owner & followers');
      await run(ui, 'pipedrive.update', node);
      const patches = (await writes()).filter((e) => e.method === 'PATCH');
      assert.strictEqual(patches.length, 1);
      assert.strictEqual(patches[0].path, '/api/v2/organizations/604');
      assert.deepStrictEqual(patches[0].body, { name: 'Quokka Media', visible_to: 1 });
      assert.strictEqual(await inLetter('B', 604), false);
      assert.strictEqual(await inLetter('Q', 604), true);
      assert.strictEqual((await sandboxGet<Organization>('/v1/organizations/604')).name, 'Quokka Media');
    });

    it('a refused save keeps the answers: Retry sends the same change again, without the prompts', async () => {
      const api = await extensionApi();
      await api.store.ensureLoaded(letterKey('D'));
      const target = api.store.organizations(letterKey('D'))[0];
      const node = await orgNode(target.id);
      await clearSandboxLog();
      await setSandboxFaults([{ kind: 'status', status: 403, times: 1, match: { method: 'PATCH' } }]);
      try {
        ui.queue(['Name'], 'Dretried Name GmbH');
        ui.notificationActions.push('Retry');
        await vscode.commands.executeCommand('pipedrive.update', node);
        const error = ui.prompts.find((p) => p.kind === 'error');
        assert.ok(error?.text.startsWith(`Saving the changes to "${target.name}" failed: Your Pipedrive user may not do this (403 Forbidden)`), error?.text);
        assert.deepStrictEqual(error?.choices, ['Retry', 'Show Details']);
        assert.strictEqual(ui.pending, 0);
        const patches = (await writes()).filter((e) => e.method === 'PATCH');
        assert.deepStrictEqual(patches.map((e) => [e.status, e.body]), [[403, { name: 'Dretried Name GmbH' }], [200, { name: 'Dretried Name GmbH' }]]);
        assert.strictEqual(api.store.summaryOf(target.id)?.name, 'Dretried Name GmbH');
      } finally {
        await setSandboxFaults([]);
      }
    });

    it('nothing changed: no request', async () => {
      const node = await orgNode(1595);
      await clearSandboxLog();
      ui.queue(['Name'], 'Barroga GmbH');
      await run(ui, 'pipedrive.update', node);
      assert.strictEqual((await writes()).length, 0);
      assert.match(ui.prompts.at(-1)?.text ?? '', /Nothing changed/);
    });
  });

  describe('merge', () => {
    it('shows what moves, swaps the survivor, confirms modally; the merged-away organization disappears', async () => {
      const api = await extensionApi();
      const a = await sandboxGet<Organization>('/v1/organizations/21');
      const node = await orgNode(21);
      await orgNode(23);
      await clearSandboxLog();
      let detail: string | undefined;
      const labels: string[] = [];
      ui.queue('Qlo Logistics', 'Qlo Logistics', (item) => {
        const pick = item as vscode.QuickPickItem;
        labels.push(pick.label);
        if (!pick.label.startsWith('Keep "Qlo Logistics"')) return false;
        detail = pick.detail;
        return true;
      }, 'Merge');
      await run(ui, 'pipedrive.merge', node);
      assert.deepStrictEqual(labels.slice(0, 2), ['Keep "Psuta Logistics" (merge "Qlo Logistics" into "Psuta Logistics")', 'Keep "Qlo Logistics" (merge "Psuta Logistics" into "Qlo Logistics")']);
      const deals = (a.open_deals_count ?? 0) + (a.closed_deals_count ?? 0);
      assert.ok(detail?.includes(`${a.people_count} person`) && detail.includes(`${deals} deal`) && detail.includes(`${a.followers_count} follower`), detail);
      assert.strictEqual(ui.prompts.find((p) => p.kind === 'warning')?.text, 'Merge "Psuta Logistics" into "Qlo Logistics"?');
      const merges = (await writes()).filter((e) => e.method === 'PUT');
      assert.deepStrictEqual(merges.map((e) => [e.path, e.body]), [['/v1/organizations/21/merge', { merge_with_id: 23 }]]);
      assert.strictEqual(await inLetter('P', 21), false);
      assert.strictEqual(api.store.summaryOf(21), undefined);
      assert.strictEqual(await inLetter('Q', 23), true);
      assert.strictEqual(await status('/v1/organizations/23'), 200);
    });
  });

  describe('merge with a lost answer', () => {
    it('the connection drops after Pipedrive merged: one PUT, both read again, the user told it went through, the tree updated', async () => {
      const api = await extensionApi();
      const a = await sandboxGet<Organization>('/v1/organizations/31');
      const b = await sandboxGet<Organization>('/v1/organizations/32');
      const node = await orgNode(a.id);
      await clearSandboxLog();
      await setSandboxFaults([{ kind: 'reset', afterProcessing: true, times: 1, match: { method: 'PUT', path: '/merge' } }]);
      try {
        ui.queue(b.name, b.name, (item) => (item as vscode.QuickPickItem).label.startsWith(`Keep "${b.name}"`), 'Merge');
        const told = ui.next('info');
        await vscode.commands.executeCommand('pipedrive.merge', node);
        assert.deepStrictEqual(ui.errors, []);
        assert.match((await told).text, /answer was lost, but the merge went through/);
        const merges = (await sandboxLog()).filter((e) => e.method === 'PUT');
        assert.strictEqual(merges.length, 1, 'the merge is never sent twice');
        assert.strictEqual(api.store.summaryOf(a.id), undefined, 'the merged-away organization left the tree');
        assert.strictEqual(await status(`/api/v2/organizations/${b.id}`), 200);
      } finally {
        await setSandboxFaults([]);
      }
    });

    it('a failed merge keeps the choices: Pipedrive is read, the message says it did not happen, Retry merges once without asking again', async () => {
      const api = await extensionApi();
      const a = await sandboxGet<Organization>('/v1/organizations/33');
      const b = await sandboxGet<Organization>('/v1/organizations/34');
      const node = await orgNode(a.id);
      await clearSandboxLog();
      await setSandboxFaults([{ kind: 'status', status: 503, times: 1, match: { method: 'PUT', path: '/merge' } }]);
      try {
        ui.queue(b.name, b.name, (item) => (item as vscode.QuickPickItem).label.startsWith(`Keep "${b.name}"`), 'Merge');
        ui.notificationActions.push('Retry');
        await vscode.commands.executeCommand('pipedrive.merge', node);
        const error = ui.prompts.find((p) => p.kind === 'error');
        assert.ok(error, 'no error shown');
        assert.match(error.text, new RegExp(`^Merging "${a.name}" into "${b.name}" failed: .*\\(503\\).* The merge did not happen: Pipedrive shows both organizations as before\\.$`));
        assert.doesNotMatch(error.text, /may or may not/);
        assert.deepStrictEqual(error.choices, ['Retry', 'Show Details']);
        assert.strictEqual(ui.pending, 0, 'no prompt asked twice');
        assert.strictEqual(ui.prompts.filter((p) => p.kind === 'warning').length, 1, 'confirmed once');
        const merges = (await sandboxLog()).filter((e) => e.method === 'PUT');
        assert.deepStrictEqual(merges.map((e) => [e.status, e.body]), [[503, { merge_with_id: b.id }], [200, { merge_with_id: b.id }]]);
        assert.strictEqual(api.store.summaryOf(a.id), undefined, 'the merged-away organization left the tree');
      } finally {
        await setSandboxFaults([]);
      }
    });
  });

  describe('follow / unfollow', () => {
    it('me, a duplicate (no request), another user, then unfollow that user', async () => {
      const api = await extensionApi();
      const node = await orgNode(9);
      await clearSandboxLog();
      ui.queue(/^Me \(/);
      await run(ui, 'pipedrive.follow', node);
      const posts = (await writes()).filter((e) => e.method === 'POST');
      assert.deepStrictEqual(posts.map((e) => [e.path, e.body]), [['/api/v2/organizations/9/followers', { user_id: 1 }]]);
      assert.strictEqual(api.store.summaryOf(9)?.followed, true);
      assert.match(ui.prompts.at(-1)?.text ?? '', /You now follow "Quiet Empty Holdings"/);

      await clearSandboxLog();
      ui.queue(/^Me \(/);
      await run(ui, 'pipedrive.follow', node);
      assert.strictEqual((await writes()).length, 0);
      assert.match(ui.prompts.at(-1)?.text ?? '', /You already follow "Quiet Empty Holdings"/);

      ui.queue('Rita Regular');
      await run(ui, 'pipedrive.follow', node);
      let followers = await sandboxGet<OrganizationFollower[]>('/v1/organizations/9/followers');
      assert.deepStrictEqual(followers.map((f) => f.user_id).sort(), [1, 2]);

      await clearSandboxLog();
      ui.queue('Rita Regular');
      await run(ui, 'pipedrive.unfollow', node);
      const deletes = (await writes()).filter((e) => e.method === 'DELETE');
      assert.strictEqual(deletes.length, 1);
      assert.strictEqual(deletes[0].path, '/api/v2/organizations/9/followers/2', 'v2 names the follower by its user id');
      followers = await sandboxGet<OrganizationFollower[]>('/v1/organizations/9/followers');
      assert.deepStrictEqual(followers.map((f) => f.user_id), [1]);

      ui.queue(/^Me \(/);
      await run(ui, 'pipedrive.unfollow', node);
      assert.strictEqual(api.store.summaryOf(9)?.followed, false);
      assert.strictEqual(await sandboxGet<OrganizationFollower[] | null>('/v1/organizations/9/followers'), null);
    });
  });

  describe('unfollow from a follower row', () => {
    it('removes that follower without a prompt', async () => {
      const node = await orgNode(25);
      const groups = await children(node);
      const followers = (await children(groups.find((g) => g.label === 'Followers')!.node)).filter((r) => r.contextValue === 'follower');
      assert.ok(followers.length > 0);
      const follower = (followers[0].node as { item: OrganizationFollower }).item;
      await clearSandboxLog();
      await run(ui, 'pipedrive.unfollow', followers[0].node);
      assert.deepStrictEqual((await writes()).map((e) => `${e.method} ${e.path}`), [`DELETE /api/v2/organizations/25/followers/${follower.user_id}`]);
      assert.strictEqual(ui.prompts.filter((p) => p.kind === 'quickPick').length, 0);
      const after = (await children(groups.find((g) => g.label === 'Followers')!.node)).filter((r) => r.contextValue === 'follower');
      assert.strictEqual(after.length, followers.length - 1);
    });
  });

  describe('search', () => {
    it('searches name, address, notes and custom fields; the pick is revealed and selected in the tree', async () => {
      const api = await extensionApi();
      api.store.clear();
      await clearSandboxLog();
      ui.queue('Acme', 'Acme Technologies');
      await run(ui, 'pipedrive.search');
      const searches = (await sandboxLog()).filter((e) => e.path === '/api/v2/organizations/search');
      assert.strictEqual(searches.length, 1);
      assert.strictEqual(searches[0].query.term, 'Acme');
      assert.deepStrictEqual(String(searches[0].query.fields).split(',').sort(), ['address', 'custom_fields', 'name', 'notes']);
      const picked = ui.prompts.find((p) => p.kind === 'quickPick');
      assert.ok(picked?.choices?.includes('Acme Technologies'));
      const selected = api.treeView.selection[0] as TreeNode | undefined;
      assert.strictEqual(selected?.type === 'organization' && selected.orgId, 1);
      assert.ok(await inLetter('A', 1));
      assert.strictEqual(api.panels.details.get(1)?.status, 'active', 'the Details panel of the pick is not open');
    });

    it('a one-letter term is not searched', async () => {
      ui.queue('A');
      await vscode.commands.executeCommand('pipedrive.search');
      assert.match(ui.prompts[0].validation ?? '', /at least 2 characters/);
      assert.strictEqual((await sandboxLog()).length, 0);
    });
  });

  describe('copy and open', () => {
    it('copies the id and the Pipedrive link', async () => {
      const node = await orgNode(1);
      await run(ui, 'pipedrive.copyId', node);
      assert.strictEqual(await vscode.env.clipboard.readText(), '1');
      await run(ui, 'pipedrive.copyLink', node);
      assert.strictEqual(await vscode.env.clipboard.readText(), 'https://sandbox-co.pipedrive.com/organization/1');
    });

    it('from the palette, asks with the search picker', async () => {
      ui.queue('Acme', 'Acme Technologies');
      await run(ui, 'pipedrive.copyId');
      assert.strictEqual(await vscode.env.clipboard.readText(), '1');
    });
  });

  describe('request counts', () => {
    it('per action, from the sandbox log (written to test-artifacts/vscode/command-requests.json)', async () => {
      const api = await extensionApi();
      const counts: Record<string, string[]> = {};
      const measure = async (name: string, answers: Parameters<TestUserInput['queue']>, command: string, ...args: unknown[]) => {
        await clearSandboxLog();
        ui.queue(...answers);
        await run(ui, command, ...args);
        counts[name] = (await sandboxLog()).map((e) => `${e.method} ${e.path}${e.query.first_char ? `?first_char=${e.query.first_char}` : ''}`);
      };
      // Cold: a fresh sign-in knows no users and has no letter loaded.
      await signOut();
      ui = await signIn();
      // Letters other suites expanded would reload as the view shows them: collapse, then forget.
      await vscode.commands.executeCommand('workbench.actions.treeView.pipedrive.organizations.collapseAll');
      api.store.clear();
      await measure('add (palette, cold)', ['Xq Count Org', /^Me \(/, [], 'Default visibility', ''], 'pipedrive.add');
      const added = api.store.organizations(letterKey('X')).find((o) => o.name === 'Xq Count Org')!;
      const node = api.tree.organizationNode(added.id);
      await measure('update name (tree)', [['Name'], 'Xq Count Org 2'], 'pipedrive.update', node);
      await measure('follow another user (tree)', ['Rita Regular'], 'pipedrive.follow', node);
      await measure('unfollow (tree)', ['Rita Regular'], 'pipedrive.unfollow', node);
      await measure('search and pick (palette)', ['Acme', 'Acme Technologies'], 'pipedrive.search');
      await measure('delete (tree)', ['Delete'], 'pipedrive.delete', node);
      const b = (await children(api.tree.letterNode('B'))).filter((r) => r.contextValue?.startsWith('organization')).slice(0, 3).map((r) => r.node);
      await measure('bulk delete 3 (tree)', ['Delete'], 'pipedrive.delete', b[0], b);
      const file = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'vscode', 'command-requests.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(counts, null, 2));
      const writesOf = (name: string) => counts[name].filter((r) => !r.startsWith('GET'));
      assert.deepStrictEqual(writesOf('add (palette, cold)'), ['POST /api/v2/organizations']);
      assert.deepStrictEqual(writesOf('update name (tree)'), [`PATCH /api/v2/organizations/${added.id}`]);
      assert.deepStrictEqual(writesOf('follow another user (tree)'), [`POST /api/v2/organizations/${added.id}/followers`]);
      assert.deepStrictEqual(counts['delete (tree)'], [`DELETE /api/v2/organizations/${added.id}`]);
      assert.strictEqual(counts['bulk delete 3 (tree)'].length, 3);
      assert.ok(counts['bulk delete 3 (tree)'].every((r) => /^DELETE \/api\/v2\/organizations\/\d+$/.test(r)), counts['bulk delete 3 (tree)'].join(', '));
      // One pick, one read of the organization (the Details panel's); the reveal uses the index.
      assert.strictEqual(counts['search and pick (palette)'].filter((r) => r === 'GET /api/v2/organizations/1').length, 1, counts['search and pick (palette)'].join(', '));
      // The tree's letters come from the index: no action lists organizations.
      for (const [name, reqs] of Object.entries(counts)) assert.ok(!reqs.some((r) => r.startsWith('GET /api/v2/organizations?') || r === 'GET /api/v2/organizations' || r.startsWith('GET /v1/organizations?')), `${name}: ${reqs.join(', ')}`);
      assert.ok(counts['add (palette, cold)'].length <= 4, counts['add (palette, cold)'].join(', '));
    });
  });

  describe('in legacy v1 mode, with the v1 routes retired', () => {
    before(async () => {
      // A fresh legacy client: it starts on v1 and switches per operation when a route answers 410.
      await setSetting('apiMode', 'legacy-v1');
      await signOut();
      await signIn();
      await setSandboxFaults([{ kind: 'retire-v1' }]);
    });
    after(async () => {
      await setSandboxFaults([]);
      await setSetting('apiMode', undefined);
      await signOut();
      await signIn();
    });

    it('add goes through POST /api/v2/organizations', async () => {
      const api = await extensionApi();
      ui.queue('Zyx Retired Add', /^Me \(/, ['Prospect'], 'Entire company', '');
      await run(ui, 'pipedrive.add');
      const posts = (await writes()).filter((e) => e.method === 'POST');
      assert.deepStrictEqual(posts.map((e) => [e.path, e.status]), [['/v1/organizations', 410], ['/api/v2/organizations', 200]]);
      assert.deepStrictEqual(posts[1].body, { name: 'Zyx Retired Add', owner_id: 1, label_ids: [2], visible_to: 3 });
      assert.ok(api.store.organizations(letterKey('Z')).some((o) => o.name === 'Zyx Retired Add'));
    });

    it('update goes through PATCH with only the changed fields', async () => {
      const api = await extensionApi();
      const created = api.store.organizations(letterKey('Z')).find((o) => o.name === 'Zyx Retired Add');
      assert.ok(created);
      await clearSandboxLog();
      ui.queue(['Name'], 'Yak Retired Update');
      await run(ui, 'pipedrive.update', api.tree.organizationNode(created.id));
      const patches = (await writes()).filter((e) => e.method === 'PATCH');
      assert.deepStrictEqual(patches.map((e) => [e.path, e.body]), [[`/api/v2/organizations/${created.id}`, { name: 'Yak Retired Update' }]]);
      assert.strictEqual(await inLetter('Z', created.id), false);
      assert.strictEqual(await inLetter('Y', created.id), true);
    });

    it('delete goes through DELETE /api/v2/organizations/{id}', async () => {
      const api = await extensionApi();
      const org = api.store.organizations(letterKey('Y')).find((o) => o.name === 'Yak Retired Update');
      assert.ok(org);
      await clearSandboxLog();
      ui.queue('Delete');
      await run(ui, 'pipedrive.delete', api.tree.organizationNode(org.id));
      const deletes = (await writes()).filter((e) => e.method === 'DELETE');
      assert.deepStrictEqual(deletes.map((e) => [e.path, e.status]), [[`/v1/organizations/${org.id}`, 410], [`/api/v2/organizations/${org.id}`, 200]]);
      assert.strictEqual(await inLetter('Y', org.id), false);
      assert.strictEqual(await status(`/api/v2/organizations/${org.id}`), 404);
    });
  });
});
