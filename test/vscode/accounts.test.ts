// Several accounts: a second company on a server of its own (a second sandbox with another seed
// and token). The proof the issue asks for: after a switch, no request carries the other account's
// token (each sandbox answers an unknown token with 401, so one would show in its log), the account
// left behind gets no request at all, and the tree shows only the active company's organizations.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSandbox } from '../../src/sandbox/server';
import type { Sandbox } from '../../src/sandbox/types';
import type { OrganizationNode, TreeNode } from '../../src/tree/nodes';
import { children, extensionApi, scriptedUi, until } from './helpers/extension';
import { useSignedInSession } from './helpers/session';
import { fixtureHeaders, sandboxInfo, sandboxLog } from './sandbox';

const SECOND_TOKEN = 'second-company-token-0123456789abcdef';

/** id → name of every organization a sandbox holds (read with the uncharged fixture header). */
async function namesOf(url: string, token: string): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (let start = 0; ; start += 500) {
    const res = await fetch(`${url}/v1/organizations?start=${start}&limit=500`, { headers: fixtureHeaders(token) });
    const body = (await res.json()) as { data: { id: number; name: string }[] | null; additional_data?: { pagination?: { more_items_in_collection?: boolean } } };
    for (const o of body.data ?? []) names.set(o.id, o.name);
    if (!body.additional_data?.pagination?.more_items_in_collection) return names;
  }
}

/** The organizations under the first letter of the tree, as (id, name). */
async function firstLetterRows(): Promise<{ id: number; name: string }[]> {
  const letters = (await children()).filter((r) => r.node.type === 'letter');
  assert.ok(letters.length > 0, 'the tree shows no letter');
  const rows = await children(letters[0].node as TreeNode);
  return rows.filter((r) => r.node.type === 'organization').map((r) => ({ id: (r.node as OrganizationNode).orgId, name: r.label }));
}

describe('Accounts', function () {
  this.timeout(60_000);
  const session = useSignedInSession();
  let second: Sandbox;
  let firstAccount: string | undefined;
  /** A JSON document of the first company's organization 1, edited and not saved before the switch. */
  let doc: vscode.TextDocument | undefined;

  before(async () => {
    second = await startSandbox({ seed: 77, size: 80, token: SECOND_TOKEN, regularUserToken: 'second-regular-token-0123456789abcdef' });
    firstAccount = (await extensionApi()).auth.accountId;
  });

  after(async () => {
    const api = await extensionApi();
    const ui = await scriptedUi();
    // Back to the harness account, with the second one removed: later suites expect one account.
    for (const a of api.auth.accounts.filter((x) => x.id !== firstAccount)) {
      ui.queue('Remove');
      await vscode.commands.executeCommand('pipedrive.removeAccount', a.id);
    }
    if (api.auth.accountId !== firstAccount && firstAccount) await vscode.commands.executeCommand('pipedrive.switchAccount', firstAccount);
    await api.index.settled;
    api.setUserInput(undefined);
    await second.close();
  });

  it('Add Account on a server of its own: the second company becomes active, and nothing crosses between the accounts', async () => {
    const api = await extensionApi();
    const ours = await namesOf(sandboxInfo().url, sandboxInfo().token);
    const theirs = await namesOf(second.url, SECOND_TOKEN);
    // What the first account has open: a Details panel and an edited JSON document.
    const panel = api.panels.openDetails(1);
    await panel.whenLoaded();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('pipedrive.openAsJson', 1);
    doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(doc);
    const json = JSON.parse(doc.getText()) as { name: string };
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), JSON.stringify({ ...json, name: `${json.name} (edited)` }, null, 2) + '\n');
    assert.ok(await vscode.workspace.applyEdit(edit));

    second.clearLog();
    session.ui().queue(second.url, SECOND_TOKEN);
    await vscode.commands.executeCommand('pipedrive.addAccount');
    assert.deepStrictEqual(session.ui().errors, []);
    const [serverPrompt, tokenPrompt] = session.ui().prompts.filter((p) => p.kind === 'inputBox');
    assert.match(serverPrompt.text, /API server/);
    assert.strictEqual(tokenPrompt.password, true);
    assert.strictEqual(api.auth.accounts.length, 2);
    assert.notStrictEqual(api.auth.accountId, firstAccount, 'the new account is not the active one');
    assert.match(session.ui().prompts.find((p) => p.kind === 'info')?.text ?? '', /Added and switched to the Pipedrive account Ada Admin · Sandbox Co/);
    const switchedAt = Date.now();
    await api.index.settled;
    await api.session.settled();

    const rows = await firstLetterRows();
    assert.ok(rows.length > 0);
    for (const r of rows) assert.strictEqual(theirs.get(r.id), r.name, `row ${r.id} "${r.name}" is not the second company's`);
    assert.ok(rows.some((r) => ours.get(r.id) !== r.name), 'the rows look like the first company\'s');

    assert.deepStrictEqual(second.log.filter((e) => e.status === 401).map((e) => e.path), [], 'the second server got a token it does not know');
    assert.ok(second.log.some((e) => e.path === '/v1/users/me' && e.status === 200));
    const leftBehind = (await sandboxLog()).filter((e) => e.at >= switchedAt);
    assert.deepStrictEqual(leftBehind.map((e) => `${e.method} ${e.path}`), [], 'the account left behind got requests after the switch');

    // The first company's panel is closed; its document cannot be saved into the second company.
    assert.strictEqual(api.panels.details.size, 0, 'a panel of the first account stayed open');
    assert.strictEqual(await doc.save(), false, 'the first account\'s document was saved while the second is active');
    assert.ok(doc.isDirty, 'the edit was lost');
    assert.deepStrictEqual(second.log.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`), [], 'a write reached the second company');
  });

  it('Switch Account from the view title\'s list: back to the first company; its tree, and no request to the other server', async () => {
    const api = await extensionApi();
    const ours = await namesOf(sandboxInfo().url, sandboxInfo().token);
    const ui = session.ui();
    ui.queue(/\$\(account\) Ada Admin · Sandbox Co/);
    await vscode.commands.executeCommand('pipedrive.switchAccount');
    const pick = ui.prompts.find((p) => p.kind === 'quickPick');
    assert.ok(pick?.choices?.some((c) => c.startsWith('$(check)')), 'the active account is not marked');
    assert.ok(pick?.choices?.includes('$(add) Add Account…'));
    assert.strictEqual(api.auth.accountId, firstAccount);
    const switchedAt = Date.now();
    await api.index.settled;
    await until(() => api.statusBar.visible, 'the status bar');
    const rows = await firstLetterRows();
    for (const r of rows) assert.strictEqual(ours.get(r.id), r.name, `row ${r.id} "${r.name}" is not the first company's`);
    assert.deepStrictEqual(second.log.filter((e) => e.at >= switchedAt).map((e) => `${e.method} ${e.path}`), []);
    assert.deepStrictEqual((await sandboxLog()).filter((e) => e.status === 401).map((e) => e.path), [], 'the first server got a token it does not know');
    assert.match(api.statusBar.tooltip, /switch account/i);

    // Back in the account it was opened with, the document saves (one PATCH to the first company).
    assert.ok(doc);
    assert.strictEqual(await doc.save(), true, 'the document does not save in its own account');
    assert.ok((await sandboxLog()).some((e) => e.method === 'PATCH' && e.path === '/api/v2/organizations/1' && e.status === 200));
    assert.deepStrictEqual(second.log.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`), []);
  });

  it('the Accounts menu: VS Code lists both accounts as Pipedrive sessions; signing out of one there removes it', async () => {
    const api = await extensionApi();
    const other = api.auth.accounts.find((a) => a.id !== firstAccount);
    assert.ok(other);
    const sessions = await vscode.authentication.getAccounts('pipedrive');
    assert.deepStrictEqual(sessions.map((s) => s.id).sort(), api.auth.accounts.map((a) => a.id).sort());
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id !== 'pipedrive') return;
        sub.dispose();
        resolve();
      });
    });
    const ui = session.ui();
    ui.queue('Remove');
    await vscode.commands.executeCommand('pipedrive.removeAccount', other.id);
    await changed;
    const modal = ui.prompts.find((p) => p.kind === 'warning');
    assert.match(modal?.text ?? '', /Remove the Pipedrive account/);
    assert.deepStrictEqual((await vscode.authentication.getAccounts('pipedrive')).map((s) => s.id), [firstAccount]);
    assert.strictEqual(api.auth.accountId, firstAccount, 'removing another account signed this one out');
  });
});
