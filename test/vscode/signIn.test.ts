import * as assert from 'assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { AuthService, TOKEN_KEY, TRUSTED_HOSTS_KEY, type AuthOptions } from '../../src/auth/AuthService';
import { CANCEL } from '../../src/ui/TestUserInput';
import { children, extensionApi, scriptedUi, setSetting, signIn, signOut, until } from './helpers/extension';
import { clearSandboxLog, sandboxInfo, sandboxLog, setSandboxFaults } from './sandbox';

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
    // The silent sign-in of the test before catches its index up in the background: let it finish,
    // so its changes are not taken for this switch.
    await api.index.settled;
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
    // Signed out first, so it does not lean on the test before (a --grep may run it alone).
    await signOut();
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

/** SecretStorage in memory, with the change event AuthService listens to. */
function memorySecrets(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  const secrets = {
    get: async (key: string) => values.get(key),
    store: async (key: string, value: string) => { values.set(key, value); changed.fire({ key }); },
    delete: async (key: string) => { values.delete(key); changed.fire({ key }); },
    onDidChange: changed.event,
    keys: async () => [...values.keys()],
  };
  return { secrets: secrets as unknown as vscode.SecretStorage, values };
}

/** A log channel that keeps every line, to prove none carries the token. */
function memoryLog() {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const log = { info: keep, warn: keep, error: keep, debug: keep, trace: keep, appendLine: keep, append: keep };
  return { log: log as unknown as vscode.LogOutputChannel, lines };
}

function memoryMemento() {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string) => values.get(key) as T, update: async (key: string, value: unknown) => void values.set(key, value) };
}

/** A server that stands for a host outside Pipedrive: it only counts what reaches it. */
async function foreignServer(): Promise<{ url: string; host: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: false, error: 'unauthorized access' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `http://${host}`, host, hits: () => hits, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** The error a failing call threw, with the fields Pipedrive errors carry (all optional). */
type Rejection = Error & { code?: string; kind?: string; error?: string; errorInfo?: string; errorCode?: string | number };

async function rejection(p: Promise<unknown>): Promise<Rejection> {
  try {
    await p;
  } catch (e) {
    return e as Rejection;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

describe('Sign-in: the token stays with Pipedrive', () => {
  const CANDIDATE = 'candidate-token-echo-0123456789';
  afterEach(() => setSandboxFaults([]));

  it('a server that echoes the candidate token during sign-in: not in the notification, the error or the log', async () => {
    const api = await extensionApi();
    await signOut();
    await setSandboxFaults([{ kind: 'status', status: 200, echoToken: true, match: { path: '/v1/users/me' } }]);
    const ui = (await scriptedUi()).queue(CANDIDATE);
    await vscode.commands.executeCommand('pipedrive.signIn');
    assert.strictEqual(api.auth.signedIn, false);
    assert.strictEqual(await api.auth.hasStoredToken(), false);
    assert.strictEqual(ui.errors.length, 1);
    assert.match(ui.errors[0], /refused/);
    assert.ok(!JSON.stringify(ui.prompts).includes(CANDIDATE), JSON.stringify(ui.prompts));

    // The same through an AuthService whose log lines the test can read.
    const { secrets } = memorySecrets();
    const { log, lines } = memoryLog();
    const auth = new AuthService(secrets, log, () => ({ baseUrl: sandboxInfo().url }));
    const e = await rejection(auth.signIn(CANDIDATE));
    for (const text of [e.message, e.error, e.errorInfo, String(e.errorCode), e.stack, ...lines]) {
      assert.ok(!String(text).includes(CANDIDATE), String(text));
    }
    assert.strictEqual(auth.redact(`said ${CANDIDATE}`), 'said [redacted]', 'the candidate is unknown to the redactor');
    auth.dispose();
  });

  it('a host outside Pipedrive that the user declines gets no request, at sign-in or with the stored token', async () => {
    const foreign = await foreignServer();
    const asked: string[] = [];
    const { secrets, values } = memorySecrets({ [TOKEN_KEY]: CANDIDATE });
    const options: AuthOptions = { trustLoopback: false, memento: memoryMemento(), confirmHost: async (host) => (asked.push(host), false) };
    const auth = new AuthService(secrets, memoryLog().log, () => ({ baseUrl: foreign.url }), options);
    try {
      const e = await rejection(auth.signIn(CANDIDATE));
      assert.strictEqual(e.kind, 'validation');
      assert.match(e.message, new RegExp(`not sent to ${foreign.host.replace(/\./g, '\\.')}`));
      const again = await rejection(auth.restore());
      assert.strictEqual(again.kind, 'validation');
      assert.strictEqual(foreign.hits(), 0, 'the declined host received a request');
      assert.deepStrictEqual(asked, [foreign.host, foreign.host]);
      assert.strictEqual(auth.signedIn, false);
      assert.strictEqual(values.get(TOKEN_KEY), CANDIDATE, 'declining must not delete the stored token');
    } finally {
      auth.dispose();
      await foreign.close();
    }
  });

  it('a confirmed host is asked once and remembered in globalState; a changed setting is checked before any request', async () => {
    const foreign = await foreignServer();
    const sandboxHost = new URL(sandboxInfo().url).host;
    const asked: string[] = [];
    let answer = true;
    const memento = memoryMemento();
    let baseUrl = sandboxInfo().url;
    const { secrets } = memorySecrets();
    const options: AuthOptions = { trustLoopback: false, memento, confirmHost: async (host) => (asked.push(host), answer) };
    const auth = new AuthService(secrets, memoryLog().log, () => ({ baseUrl }), options);
    try {
      await auth.signIn(sandboxInfo().token);
      assert.strictEqual(auth.signedIn, true);
      assert.deepStrictEqual(memento.get(TRUSTED_HOSTS_KEY), [sandboxHost]);
      assert.strictEqual(await auth.restore(), true);
      assert.deepStrictEqual(asked, [sandboxHost], 'asked again for a confirmed host');

      // The setting now names another host, which the user declines: no request, signed out, token kept.
      answer = false;
      baseUrl = foreign.url;
      const e = await rejection(auth.restore());
      assert.strictEqual(e.kind, 'validation');
      assert.strictEqual(foreign.hits(), 0);
      assert.strictEqual(auth.signedIn, false);
      assert.strictEqual(await auth.hasStoredToken(), true);
      assert.deepStrictEqual(asked, [sandboxHost, foreign.host]);

      // A second service with the same globalState does not ask for the confirmed host.
      baseUrl = sandboxInfo().url;
      const later = new AuthService(secrets, memoryLog().log, () => ({ baseUrl }), options);
      assert.strictEqual(await later.restore(), true);
      assert.deepStrictEqual(asked, [sandboxHost, foreign.host]);
      later.dispose();
    } finally {
      auth.dispose();
      await foreign.close();
    }
  });

  it('http to a host other than loopback is refused before any request', async () => {
    const { secrets } = memorySecrets({ [TOKEN_KEY]: CANDIDATE });
    const auth = new AuthService(secrets, memoryLog().log, () => ({ baseUrl: 'http://example.org' }));
    const e = await rejection(auth.restore());
    assert.strictEqual(e.kind, 'validation');
    assert.match(e.message, /must use https/);
    auth.dispose();
  });
});
