import * as vscode from 'vscode';
import type { ApiMode, Organization, PipedriveClient, User } from './api';
import type { Account } from './auth/AccountList';
import { AuthService } from './auth/AuthService';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, PipedriveAuthenticationProvider } from './auth/PipedriveAuthenticationProvider';
import { addAccount } from './commands/accounts';
import { AccountIndex } from './host/AccountIndex';
import { PipedriveStatusBar } from './integration/StatusBar';
import { createUriHandler } from './integration/uriHandler';
import type { OrganizationIndexView } from './model/orgIndex/types';
import type { CommandContext } from './commands/CommandContext';
import { withErrorBoundary } from './commands/errorBoundary';
import { registerCommands } from './commands/index';
import { registerDocuments } from './documents/registerDocuments';
import { OrganizationStore, type OwnerScope } from './model/OrganizationStore';
import { OrganizationActions } from './model/OrganizationActions';
import { SessionCatalog } from './model/SessionCatalog';
import { SessionSnapshot } from './model/SessionSnapshot';
import type { TreeNode } from './tree/nodes';
import { OrganizationTreeProvider } from './tree/OrganizationTreeProvider';
import { revealOrganization } from './tree/reveal';
import { viewDescription } from './tree/viewDescription';
import { VIEW_ID, withProgress } from './ui/progress';
import type { UserInput } from './ui/UserInput';
import { VsCodeUserInput } from './ui/VsCodeUserInput';
import { errorMessage } from './util/errors';
import { setTranslator, t } from './util/l10n';
import type { Panels } from './webviews/registerPanels';
import { lazyModules } from './util/lazy';
import { registerLazyPanels } from './util/lazyPanels';

/** globalState: the owner scope and saved filter, per account (`pipedrive.scope:<account id>`). */
const SCOPE_KEY = 'pipedrive.scope';
const SIGNED_IN_CONTEXT = 'pipedrive.signedIn';
const HAS_ACCOUNTS_CONTEXT = 'pipedrive.hasAccounts';

/**
 * What activate() returns. It exists so tests (and scripts) can observe the extension and answer
 * its prompts; it grants nothing a person could not do: signing in still goes through the
 * `pipedrive.signIn` command and the API base URL comes from the settings. The token is never exposed.
 */
export interface PipedriveExtensionApi {
  readonly store: OrganizationStore;
  readonly tree: OrganizationTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** The open Details and Flow panels (tests wait for them to load and close them). */
  readonly panels: Panels;
  readonly auth: {
    readonly signedIn: boolean;
    readonly user: User | undefined;
    /** The accounts added in VS Code (no tokens) and the active one's id. */
    readonly accounts: readonly Account[];
    readonly accountId: string | undefined;
    hasStoredToken(): Promise<boolean>;
    /** Silent sign-in with the stored token, as on activation. */
    restore(): Promise<boolean>;
  };
  /** Resolves when the silent sign-in on activation has finished (successfully or not). */
  readonly ready: Promise<void>;
  /** Set by src/boot.ts: whether this start took V8's code cache (the bench reports it). */
  startup?: { fromCodeCache: boolean; codeCacheWritten: Promise<void> };
  /**
   * The session's users and organization fields; `settled()` resolves once the reads started so
   * far (the warm-up after sign-in) have answered.
   */
  readonly session: Pick<SessionCatalog, 'settled' | 'hasUsers' | 'hasOrganizationFields'>;
  /** The signed-in account's organization index (today's API); `settled` resolves when its last sync ended. */
  readonly index: {
    readonly view: OrganizationIndexView | undefined;
    readonly settled: Promise<unknown>;
  };
  /** The status bar item as shown (text, tooltip, visible). */
  readonly statusBar: Pick<PipedriveStatusBar, 'text' | 'tooltip' | 'visible' | 'onDidChange'>;
  /** The UriHandler VS Code calls for vscode://<publisher>.<name>/… links. */
  handleUri(uri: vscode.Uri): Promise<void>;
  /** Replaces the prompts (a TestUserInput); undefined restores the real ones. */
  setUserInput(ui: UserInput | undefined): void;
  revealOrganization(org: Organization | number, options?: { select?: boolean; focus?: boolean; expand?: boolean | number }): Promise<TreeNode | undefined>;
}

export function activate(context: vscode.ExtensionContext): PipedriveExtensionApi {
  // Every word shown from here on is in VS Code's display language (bundles in l10n/).
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args), vscode.env.language);
  const log = vscode.window.createOutputChannel('Pipedrive', { log: true });
  context.subscriptions.push(log);

  const config = () => vscode.workspace.getConfiguration('pipedrive');
  const realUi = new VsCodeUserInput();
  let ui: UserInput = realUi;

  const store = new OrganizationStore({ pageSize: config().get<number>('pageSize'), sort: config().get<string>('sort') });
  const auth = new AuthService(context.secrets, log, () => ({ baseUrl: config().get<string>('apiBaseUrl') ?? 'https://api.pipedrive.com', apiMode: apiModeSetting(config().get<string>('apiMode')) }), {
    memento: context.globalState,
    ui: () => ui,
  });
  // The status bar item: the signed-in account, and a spinner while organizations load.
  const statusBar = new PipedriveStatusBar({
    get user() {
      return auth.user;
    },
    get client() {
      return auth.client;
    },
    get accounts() {
      return auth.accounts.length;
    },
  });
  // Each account keeps its own scope (a saved filter id means nothing in another company).
  const scopeKey = (accountId = auth.account?.id) => `${SCOPE_KEY}:${accountId}`;
  const savedScope = () => (auth.account ? context.globalState.get<OwnerScope>(scopeKey()) : undefined) ?? {};
  // Before accounts, one scope for all: not carried over, since it cannot tell which company it was for.
  void context.globalState.update(SCOPE_KEY, undefined);
  let knownAccounts = new Set(auth.accounts.map((a) => a.id));
  // Tree loads show in the view and spin the status bar item.
  const withViewProgress = <T>(task: (signal: AbortSignal) => Promise<T>) => statusBar.track(withProgress(t('Loading organizations…'), task, 'view'));
  const tree = new OrganizationTreeProvider(store, () => auth.signedIn, withViewProgress);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  context.subscriptions.push(auth, tree, treeView, { dispose: () => store.dispose() });
  // Users (kept in the store) and organization fields: one read per sign-in, shared by the tree,
  // the prompts and the panels.
  const session = new SessionCatalog(store, () => auth.client, (m) => log.warn(auth.redact(m)));
  // The account's organization index (today's API): letters, counts and scope cost no request.
  const accountIndex = new AccountIndex({
    store,
    storageDir: context.globalStorageUri.fsPath,
    log,
    ui: () => ui,
    setMessage: (text) => {
      treeView.message = text;
    },
  });
  context.subscriptions.push(accountIndex);

  const updateView = () => {
    treeView.description = auth.user ? viewDescription(auth.user, store.scope) : undefined;
  };
  const setSignedIn = (signedIn: boolean) => vscode.commands.executeCommand('setContext', SIGNED_IN_CONTEXT, signedIn);
  void setSignedIn(false);
  const setHasAccounts = () => vscode.commands.executeCommand('setContext', HAS_ACCOUNTS_CONTEXT, auth.accounts.length > 0);
  void setHasAccounts();
  /** The account the views last showed: a sign-in to another one closes what belonged to the previous. */
  let shownAccount: string | undefined;

  context.subscriptions.push(
    auth.onDidChange((state) => {
      treeView.message = undefined;
      session.reset();
      if (state.signedIn && auth.account && auth.account.id !== shownAccount) {
        // Another account: its panels would read the other company's records of the same ids.
        if (shownAccount !== undefined) panels.closeAll();
        shownAccount = auth.account.id;
      }
      // The account's own scope, before the store reads anything with it.
      store.setScope(state.signedIn ? savedScope() : {});
      store.setBackend(state.signedIn ? auth.client : undefined);
      if (state.signedIn && auth.client) accountIndex.attach(auth.client, state.user);
      else void accountIndex.detach();
      updateView();
      void setSignedIn(state.signedIn);
      tree.refreshAll();
      // In the background: sign-in neither waits for these nor fails with them (a failed read is
      // logged and tried again by whoever needs it next).
      if (state.signedIn) warmSession(state.user, false);
    }),
  );

  /** Users and fields from the last session of this account when fresh (no request), else read and saved. */
  const warmSession = (user: User, fresh: boolean) => {
    const client = auth.client;
    if (!client) return;
    const snapshot = new SessionSnapshot(context.globalStorageUri.fsPath, { baseUrl: client.baseUrl, companyId: user.company_id ?? 0, userId: user.id }, (line) => log.info(line));
    session.warmFrom(fresh ? Promise.resolve(undefined) : snapshot.load(), (s) => snapshot.save(s.users, s.fields));
  };

  const requireClient = (): PipedriveClient => {
    const client = auth.client;
    if (!client) throw new Error(t('Sign in to Pipedrive first (Pipedrive: Sign In with API Token).'));
    return client;
  };
  // Every change goes through here: the client call, then the store (tree, index, panels).
  const actions = new OrganizationActions(store, requireClient, () => auth.user?.id);
  const signInSettled = deferred();
  const panels = registerLazyPanels(context, {
    getClient: () => auth.client,
    companyDomain: () => auth.user?.company_domain,
    myUserId: () => auth.user?.id,
    // The panel's buttons run the commands (their prompts, store updates, error boundary).
    runAction: async (action, orgId) => {
      await withErrorBoundary(`pipedrive.${action}`, lazyModules().runPanelAction, ctx)(action, orgId);
    },
    // Followers changed in the panel reach the tree through the store, like every other change.
    followers: actions,
    // Every command that changes an organization goes through the store's apply* methods.
    onDidChangeOrganization: store.onDidChangeOrganization,
    log,
    session,
    // Panels restored after a reload wait for the silent sign-in below.
    ready: signInSettled.promise,
  });
  context.subscriptions.push(auth.onDidChange(() => panels.clearCaches()));

  const ctx: CommandContext = {
    auth,
    store,
    session,
    tree,
    treeView,
    log,
    panels,
    ui: () => ui,
    index: () => accountIndex.view,
    async refreshAll() {
      // Users and custom fields too: added ones show without waiting for the saved copy to age.
      session.reset();
      if (auth.user) warmSession(auth.user, true);
      if (!accountIndex.view) {
        store.refresh();
        return;
      }
      await accountIndex.run('refreshAll');
    },
    actions,
    requireClient,
    withProgress: (title, task) => withProgress(title, task, 'notification'),
    withViewProgress,
    reveal: (org, options) => revealOrganization(store, tree, treeView, org, options),
    async setScope(scope) {
      store.setScope(scope);
      updateView();
      if (auth.account) await context.globalState.update(scopeKey(), scope);
    },
  };
  context.subscriptions.push(...registerCommands(ctx));

  // The accounts in VS Code's Accounts menu: sign in there adds one, sign out there removes one.
  const authProvider = new PipedriveAuthenticationProvider(auth, async () => {
    let added: Account | undefined;
    await withErrorBoundary('pipedrive.addAccount', async (c) => void (added = await addAccount(c)), ctx)();
    return added;
  });
  context.subscriptions.push(
    authProvider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, authProvider, { supportsMultipleAccounts: true }),
    auth.onDidChangeAccounts(() => {
      void setHasAccounts();
      // A removed account's scope goes with it: added again, it starts with every organization.
      const now = new Set(auth.accounts.map((a) => a.id));
      for (const id of knownAccounts) if (!now.has(id)) void context.globalState.update(scopeKey(id), undefined);
      knownAccounts = now;
      statusBar.update();
    }),
  );
  registerDocuments(context, ctx);

  // VS Code integration: the status bar item, links into VS Code, the walkthrough's "browsed" step.
  const uriHandler = createUriHandler(ctx);
  context.subscriptions.push(
    statusBar,
    auth.onDidChange(() => statusBar.update()),
    auth.onDidWait((e) => statusBar.onWait(e)),
    accountIndex.onDidRun((run) => void statusBar.track(run)),
    vscode.window.registerUriHandler(uriHandler),
    treeView.onDidExpandElement((e) => {
      if (e.element.type === 'letter') void vscode.commands.executeCommand('setContext', 'pipedrive.browsedLetter', true);
    }),
  );

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pipedrive.apiBaseUrl') || e.affectsConfiguration('pipedrive.apiMode')) {
        // A new server or API mode: sign in there with the stored token (or fall back to the welcome view).
        void restore();
      } else if (e.affectsConfiguration('pipedrive.pageSize') || e.affectsConfiguration('pipedrive.sort')) {
        store.configure({ pageSize: config().get<number>('pageSize'), sort: config().get<string>('sort') });
      }
    }),
  );

  async function restore(): Promise<boolean> {
    try {
      const ok = await withViewProgress((signal) => auth.restore(signal));
      if (!ok) await setSignedIn(false);
      return ok;
    } catch (e) {
      log.error(auth.redact(`Signing in with the stored token failed: ${errorMessage(e)}`));
      await setSignedIn(auth.signedIn);
      if (!auth.signedIn) treeView.message = t('Could not sign in to Pipedrive: {0}', auth.redact(errorMessage(e)));
      return false;
    }
  }

  const ready = restore().then(() => undefined);
  void ready.then(signInSettled.resolve);
  log.info('Pipedrive Organizations activated');

  return {
    store,
    tree,
    treeView,
    panels,
    auth: {
      get signedIn() {
        return auth.signedIn;
      },
      get user() {
        return auth.user;
      },
      get accounts() {
        return auth.accounts;
      },
      get accountId() {
        return auth.account?.id;
      },
      hasStoredToken: () => auth.hasStoredToken(),
      restore,
    },
    ready,
    session,
    index: {
      get view() {
        return accountIndex.view;
      },
      get settled() {
        return accountIndex.settled;
      },
    },
    statusBar,
    handleUri: (uri) => uriHandler.handleUri(uri),
    setUserInput(next) {
      ui = next ?? realUi;
    },
    revealOrganization: (org, options) => ctx.reveal(org, options),
  };
}

/** The setting's value, or today's API for anything else. */
function apiModeSetting(value: string | undefined): ApiMode {
  return value === 'legacy-v1' ? 'legacy-v1' : 'current';
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export function deactivate(): void {
  // Nothing to flush: every resource is owned by context.subscriptions.
}
