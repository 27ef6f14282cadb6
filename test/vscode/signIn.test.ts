import * as assert from 'assert';
import * as vscode from 'vscode';
import { CANCEL } from '../../src/ui/TestUserInput';
import { children, extensionApi, scriptedUi, setSetting, signIn, signOut, until } from './helpers/extension';
import { clearSandboxLog, sandboxInfo, sandboxLog } from './sandbox';

describe('Sign-in', () => {
  before(async () => {
    await extensionApi();
    await signOut();
  });
  after(async () => {
    (await extensionApi()).setUserInput(undefined);
  });

  it('signed out: no token stored, the tree is empty so the welcome view shows', async () => {
    const api = await extensionApi();
    assert.strictEqual(api.auth.signedIn, false);
    assert.strictEqual(await api.auth.hasStoredToken(), false);
    assert.deepStrictEqual(await children(), []);
    assert.strictEqual(api.treeView.description, undefined);
  });

  it('signs in with the sandbox token: stored in SecretStorage, not in settings, user and company shown', async () => {
    const api = await extensionApi();
    const ui = await signIn();
    const prompt = ui.prompts.find((p) => p.kind === 'inputBox');
    assert.ok(prompt, 'no token prompt');
    assert.strictEqual(prompt.password, true, 'the token prompt is not a password box');
    assert.strictEqual(prompt.ignoreFocusOut, true);
    assert.strictEqual(await api.auth.hasStoredToken(), true);
    assert.match(api.treeView.description ?? '', /Ada Admin · Sandbox Co/);

    const { token } = sandboxInfo();
    const config = vscode.workspace.getConfiguration('pipedrive');
    for (const key of ['apiBaseUrl', 'pageSize', 'sort', 'apiToken', 'token']) {
      const inspected = JSON.stringify(config.inspect(key) ?? {});
      assert.ok(!inspected.includes(token), `the token is in setting pipedrive.${key}`);
    }
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration()).includes(token), 'the token is in some setting');

    // What activation does with a stored token: sign in silently from SecretStorage.
    assert.strictEqual(await api.auth.restore(), true);
    assert.strictEqual(api.auth.signedIn, true);
    assert.ok((await children()).length > 0, 'the tree shows after a silent sign-in');
  });

  it('a new pipedrive.apiBaseUrl signs in again there with the stored token', async () => {
    const api = await extensionApi();
    const { url } = sandboxInfo();
    await clearSandboxLog();
    let reset = false;
    const sub = api.store.onDidChange((c) => (reset ||= c.kind === 'root'));
    try {
      // The same sandbox spelled with a trailing slash: a different setting value, the same server.
      await setSetting('apiBaseUrl', `${url}/`);
      await until(() => reset && api.auth.signedIn, 'the store to switch to the new client');
      assert.ok((await sandboxLog()).some((e) => e.path === '/v1/users/me' && e.status === 200));
      reset = false;
      await setSetting('apiBaseUrl', url);
      await until(() => reset && api.auth.signedIn, 'the store to switch back');
    } finally {
      sub.dispose();
      await setSetting('apiBaseUrl', url);
    }
  });

  it('sign out deletes the token', async () => {
    const api = await extensionApi();
    await signOut();
    assert.strictEqual(api.auth.signedIn, false);
    assert.strictEqual(await api.auth.hasStoredToken(), false);
    assert.strictEqual(await api.auth.restore(), false);
  });

  it('a wrong token gets a clear message and nothing is stored', async () => {
    const api = await extensionApi();
    const ui = (await scriptedUi()).queue('not-a-valid-token-123456');
    await vscode.commands.executeCommand('pipedrive.signIn');
    assert.strictEqual(api.auth.signedIn, false);
    assert.strictEqual(await api.auth.hasStoredToken(), false);
    assert.strictEqual(ui.errors.length, 1);
    assert.match(ui.errors[0], /rejected this API token/);
    assert.ok(!ui.errors[0].includes('not-a-valid-token-123456'), 'the message repeats the token');
    const error = ui.prompts.find((p) => p.kind === 'error');
    assert.deepStrictEqual(error?.choices, ['Show Details']);
  });

  it('escape on the token prompt is silent', async () => {
    const api = await extensionApi();
    const ui = (await scriptedUi()).queue(CANCEL);
    await vscode.commands.executeCommand('pipedrive.signIn');
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(api.auth.signedIn, false);
  });
});
