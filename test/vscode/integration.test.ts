// VS Code integration: keybindings, the walkthrough, Restricted Mode and remote declarations, the
// status bar item, links into VS Code and Copy VS Code Link, each against the real workbench.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/integration/integrationCommands';
import { closePanels, extensionApi, scriptedUi, signIn, signOut } from './helpers/extension';
import { CANCEL } from '../../src/ui/TestUserInput';
import { sandboxInfo } from './sandbox';
import { useSignedInSession } from './helpers/session';

interface Manifest {
  publisher: string;
  name: string;
  extensionKind?: string[];
  capabilities?: { untrustedWorkspaces?: { supported?: boolean | string } };
  contributes: {
    keybindings: Array<{ command: string; key: string; mac?: string; when?: string }>;
    walkthroughs: Array<{ steps: Array<{ id: string; completionEvents: string[]; media: { markdown?: string } }> }>;
    configuration: { properties: Record<string, { scope?: string }> };
  };
}

const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;

describe('VS Code integration', function () {
  this.timeout(60_000);

  useSignedInSession();
  after(() => closePanels());

  it('the extension id the links use is the manifest\'s publisher.name', () => {
    const m = manifest();
    assert.ok(m, `no extension ${EXTENSION_ID}`);
    assert.strictEqual(`${m.publisher}.${m.name}`, EXTENSION_ID);
  });

  it('keybindings for search, refresh and open details apply only while the Organizations view has focus, and their commands exist', async () => {
    const keys = manifest().contributes.keybindings;
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const command of ['pipedrive.search', 'pipedrive.refresh', 'pipedrive.openSelectedDetails']) {
      const k = keys.find((b) => b.command === command);
      assert.ok(k, `no keybinding for ${command}`);
      assert.match(k.when ?? '', /focusedView == pipedrive\.organizations/);
      assert.match(k.when ?? '', /!inputFocus/);
      assert.ok(commands.has(command), `${command} is not registered`);
    }
    assert.strictEqual(new Set(keys.map((k) => k.key)).size, keys.length, 'two commands share a key');
  });

  it('Restricted Mode and remote: supported in untrusted folders, runs on the UI side; the token\'s host is application-scoped', () => {
    const m = manifest();
    assert.strictEqual(m.capabilities?.untrustedWorkspaces?.supported, true);
    assert.deepStrictEqual(m.extensionKind, ['ui', 'workspace']);
    assert.strictEqual(m.contributes.configuration.properties['pipedrive.apiBaseUrl'].scope, 'application');
    assert.strictEqual(m.contributes.configuration.properties['pipedrive.apiMode'].scope, 'application');
  });

  it('the walkthrough has three steps that complete on real events: the signed-in context, a letter browsed, Details opened', async () => {
    const [walkthrough] = manifest().contributes.walkthroughs;
    assert.deepStrictEqual(walkthrough.steps.map((s) => s.id), ['signIn', 'browse', 'search']);
    assert.deepStrictEqual(walkthrough.steps.map((s) => s.completionEvents), [['onContext:pipedrive.signedIn'], ['onContext:pipedrive.browsedLetter'], ['onCommand:pipedrive.openDetails']]);
    const commands = new Set(await vscode.commands.getCommands(true));
    assert.ok(commands.has('pipedrive.openDetails'));
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    for (const s of walkthrough.steps) {
      const media = vscode.Uri.joinPath(ext.extensionUri, s.media.markdown!);
      assert.ok((await vscode.workspace.fs.stat(media)).size > 0, `${s.media.markdown} is missing`);
    }
  });

  it('the status bar names the signed-in user and company, hides when signed out, and its menu offers refresh, log, another account and sign out', async () => {
    const api = await extensionApi();
    assert.strictEqual(api.statusBar.visible, true);
    assert.match(api.statusBar.text, /Ada Admin · Sandbox Co/);
    assert.match(api.statusBar.tooltip, /Tokens spent today by this window: \d/);
    const ui = await scriptedUi();
    ui.queue('$(refresh) Refresh');
    await vscode.commands.executeCommand('pipedrive.statusMenu');
    const menu = ui.prompts.find((p) => p.kind === 'quickPick');
    assert.deepStrictEqual(menu?.choices, ['$(refresh) Refresh', '$(sync) Refresh All Organizations', '$(output) Show the Pipedrive Log', '$(add) Add Account…', '$(sign-out) Sign Out']);
    await api.index.settled;
    await signOut();
    assert.strictEqual(api.statusBar.visible, false);
    await signIn();
    assert.strictEqual(api.statusBar.visible, true);
  });

  it('a link vscode://…/organization/<id> opens that organization\'s Details; a malformed link says why and opens nothing', async () => {
    const api = await extensionApi();
    await closePanels();
    await api.handleUri(vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/organization/1`));
    const panel = api.panels.details.get(1);
    assert.ok(panel, 'no Details panel for organization 1');
    assert.strictEqual(panel.status, 'active');
    const ui = await scriptedUi();
    await api.handleUri(vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/organization/drop-table`));
    await api.handleUri(vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/organization/5/delete`));
    assert.deepStrictEqual(ui.errors.length, 2);
    assert.match(ui.errors[0], /"drop-table" is not an organization id/);
    assert.match(ui.errors[1], /does not point to a Pipedrive organization/);
    assert.strictEqual(api.panels.details.get(5), undefined, 'a link never acts on what it cannot read');
  });

  it('a link followed while signed out asks to sign in first: Escape stops there, the token opens the organization', async () => {
    const api = await extensionApi();
    await closePanels();
    await signOut();
    const link = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/organization/9`);
    let ui = await scriptedUi();
    ui.queue(CANCEL);
    await api.handleUri(link);
    assert.strictEqual(api.auth.signedIn, false);
    assert.strictEqual(api.panels.details.get(9), undefined);
    assert.match(ui.prompts.at(-1)?.text ?? '', /Sign in to Pipedrive to open organization 9/);
    ui = await scriptedUi();
    ui.queue(sandboxInfo().token);
    await api.handleUri(link);
    assert.strictEqual(api.auth.signedIn, true);
    assert.strictEqual(api.panels.details.get(9)?.status, 'active');
    await api.index.settled;
    await api.session.settled();
  });

  it('Copy VS Code Link puts the link to the selected organization on the clipboard', async () => {
    const api = await extensionApi();
    const node = await api.revealOrganization(api.index.view!.get(1)!, { select: true, focus: false });
    assert.ok(node);
    const ui = await scriptedUi();
    await vscode.commands.executeCommand('pipedrive.copyVsCodeLink', node);
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(await vscode.env.clipboard.readText(), `${vscode.env.uriScheme}://${EXTENSION_ID}/organization/1`);
  });
});
