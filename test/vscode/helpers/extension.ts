// Helpers for in-host suites: the extension's API, signing in the way a person does (the
// pipedrive.signIn command, the token typed into the scripted prompt), reading the tree, and
// waiting on events instead of sleeping.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PipedriveExtensionApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/tree/nodes';
import { TestUserInput } from '../../../src/ui/TestUserInput';
import { fixtureHeaders, sandboxInfo } from '../sandbox';

export const EXTENSION_ID = 'pipedrive-orgs.pipedrive-organizations';

/** Activates the extension and waits for its silent sign-in on activation to finish. */
export async function extensionApi(): Promise<PipedriveExtensionApi> {
  const ext = vscode.extensions.getExtension<PipedriveExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

/** Installs a fresh scripted UserInput and returns it. */
export async function scriptedUi(): Promise<TestUserInput> {
  const ui = new TestUserInput();
  (await extensionApi()).setUserInput(ui);
  return ui;
}

/** Signs in through the command, answering the token prompt (default: the sandbox admin token). */
/**
 * Signs in with the sandbox token and waits for the background reads. `fresh` (default) then reads
 * every organization again (Refresh All): the sandbox is re-seeded between suites, which no
 * recents call can report, so the index kept on disk by an earlier suite would be stale.
 */
export async function signIn(token = sandboxInfo().token, options: { fresh?: boolean } = {}): Promise<TestUserInput> {
  const api = await extensionApi();
  const ui = await scriptedUi();
  ui.queue(token);
  await vscode.commands.executeCommand('pipedrive.signIn');
  assert.deepStrictEqual(ui.errors, [], 'sign-in showed an error');
  assert.ok(api.auth.signedIn, 'not signed in after pipedrive.signIn');
  // The users and fields read in the background after sign-in: answered before the test counts requests.
  await api.session.settled();
  await api.index.settled;
  if (options.fresh !== false && api.index.view) {
    await vscode.commands.executeCommand('pipedrive.refreshAll');
    await api.index.settled;
    // Refresh All reads the users and fields again too.
    await api.session.settled();
  }
  return ui;
}

export async function signOut(): Promise<void> {
  await vscode.commands.executeCommand('pipedrive.signOut');
}

/** Sets a user setting and resolves once the extension saw the change. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('pipedrive');
  if (config.get(key) === value) return;
  const seen = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`pipedrive.${key}`)) {
        sub.dispose();
        resolve();
      }
    });
  });
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  await seen;
}

export interface Row {
  node: TreeNode;
  label: string;
  description?: string;
  contextValue?: string;
  item: vscode.TreeItem;
}

/** The children of a node (the root when undefined) as the tree would show them. */
export async function children(node?: TreeNode): Promise<Row[]> {
  const api = await extensionApi();
  const nodes = await api.tree.getChildren(node);
  return nodes.map((n) => {
    const item = api.tree.getTreeItem(n);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    return { node: n, label, description: typeof item.description === 'string' ? item.description : undefined, contextValue: item.contextValue, item };
  });
}

/** The root row with this label. */
export async function rootRow(label: string): Promise<Row> {
  const row = (await children()).find((r) => r.label === label);
  assert.ok(row, `no root node "${label}"`);
  return row;
}

/** Resolves when `predicate()` is true, re-checking on every store change (no sleeping). */
export async function until(predicate: () => boolean, what = 'condition'): Promise<void> {
  const api = await extensionApi();
  if (predicate()) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, 15_000);
    const sub = api.store.onDidChange(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** GET from the sandbox with a token, as the tests' own view of the data. */
export async function sandboxGet<T>(path: string, token = sandboxInfo().token): Promise<T> {
  const res = await fetch(`${sandboxInfo().url}${path}`, { headers: fixtureHeaders(token) });
  assert.strictEqual(res.status, 200, `GET ${path} answered ${res.status}`);
  return ((await res.json()) as { data: T }).data;
}

/**
 * Closes every panel the extension opened, once each visible one has loaded its webview: closing a
 * webview that is still loading its font stops code-server from loading later ones.
 */
export async function closePanels(): Promise<void> {
  const api = await extensionApi();
  const open = [...api.panels.details.values(), ...api.panels.flow.values()];
  await Promise.all(
    open.map((p) => {
      if (p.ready || !p.panel.visible) return undefined;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, 10_000);
        const sub = p.onDidReady(done);
        function done() {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    }),
  );
  for (const p of open) p.dispose();
}
