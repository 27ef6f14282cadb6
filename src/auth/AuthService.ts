import * as vscode from 'vscode';
import { PipedriveClient, PipedriveError, redact, type ApiMode, type RequestEvent, type RetirableOperation, type User } from '../api';
import { checkBaseUrl, needsTokenConsent } from '../api/baseUrl';
import { Emitter, type Event } from '../util/Emitter';
import type { UserInput } from '../ui/UserInput';
import { errorKind, isCancellation } from '../util/errors';
import { AccountList, accountLabel, accountOf, tokenKeyOf, type Account } from './AccountList';

/**
 * The SecretStorage key where versions before accounts kept the one API token. A token found there
 * becomes the first account (see migrate). Each account's token has its own key (tokenKeyOf).
 */
export const TOKEN_KEY = 'pipedrive.apiToken';

export interface ClientSettings {
  baseUrl: string;
  /** `current` (default): today's API; `legacy-v1`: the seed's v1 routes, for servers that still serve them. */
  apiMode?: ApiMode;
}

/** globalState key: per API host, the operations legacy mode found retired (410 / 404) and runs on v2. */
export const V2_SWITCHES_KEY = 'pipedrive.v2Operations';

export type AuthState = { signedIn: false } | { signedIn: true; user: User };

/** globalState key: the hosts outside Pipedrive the user agreed to send the token to. */
export const TRUSTED_HOSTS_KEY = 'pipedrive.trustedApiHosts';

export interface AuthOptions {
  /**
   * Asks whether the token may go to `host` (outside Pipedrive); resolves true to send it.
   * Default: a modal warning with Continue (and the modal's own Cancel).
   */
  confirmHost?: (host: string, baseUrl: string) => PromiseLike<boolean>;
  /** The extension's prompts (scriptable in tests); used for the default question when given. */
  ui?: () => Pick<UserInput, 'showWarningMessage'>;
  /** Where confirmed hosts are remembered (the extension's globalState). Default: this session only. */
  memento?: Pick<vscode.Memento, 'get' | 'update'>;
  /** Whether loopback hosts need no confirmation (default true; tests turn it off to play a foreign host). */
  trustLoopback?: boolean;
}

/** Failed sign-in tokens remembered for redaction, so a late error message cannot show them. */
const REMEMBERED_CANDIDATES = 5;

/** The modal question, through the extension's prompts when given, else VS Code's. */
async function askHost(host: string, baseUrl: string, ui: Pick<UserInput, 'showWarningMessage'> | undefined): Promise<boolean> {
  const message = `Send your Pipedrive API token to ${host}?`;
  const options = {
    modal: true as const,
    detail:
      `The setting pipedrive.apiBaseUrl is ${baseUrl}, which is not a Pipedrive server. Whoever runs ${host} can use ` +
      `your token to read and change your Pipedrive data. Continue only if you trust it.`,
  };
  if (!ui) return (await vscode.window.showWarningMessage(message, options, 'Continue')) === 'Continue';
  try {
    return (await ui.showWarningMessage(message, options, { title: 'Continue' })).title === 'Continue';
  } catch (e) {
    if (isCancellation(e)) return false;
    throw e;
  }
}

/** What a sign-in, restore or switch found: the checked client and who the token belongs to. */
interface Checked {
  client: PipedriveClient;
  user: User;
}

/**
 * The Pipedrive accounts of this VS Code and the one this window is signed in with. Each account's
 * API token is in SecretStorage under its own key and in memory only while its account is active;
 * the list itself (who, which company, which server) is in globalState (AccountList).
 * Owns the PipedriveClient of the active account; its logs go to the output channel with the token redacted.
 */
export class AuthService implements vscode.Disposable {
  private readonly changed = new Emitter<AuthState>();
  /** Signed in, out, or to another account: listeners drop everything of the previous one. */
  readonly onDidChange: Event<AuthState> = this.changed.event;
  private readonly accountsChanged = new Emitter<void>();
  /** An account was added, removed or renamed (the Accounts menu and the switch list follow). */
  readonly onDidChangeAccounts: Event<void> = this.accountsChanged.event;
  private readonly list: AccountList;
  private token: string | undefined;
  /** Bumped by every sign-in, switch and sign-out, so a silent restore that started earlier does not undo them. */
  private epoch = 0;
  /** The token being stored by signIn(), so the SecretStorage change event it causes is ignored. */
  private storing: string | undefined;
  private userValue: User | undefined;
  private accountValue: Account | undefined;
  private clientValue: PipedriveClient | undefined;
  private readonly secretSub: vscode.Disposable;
  /** Tokens tried in signIn(); known to redact() before (and after) one is stored. */
  private readonly candidates: string[] = [];
  /** One question per host at a time, however many sign-ins wait on it. */
  private readonly asking = new Map<string, Promise<boolean>>();
  private sessionHosts: string[] = [];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: () => ClientSettings,
    private readonly options: AuthOptions = {},
  ) {
    this.list = new AccountList(options.memento);
    this.secretSub = secrets.onDidChange(async (e) => {
      if (e.key === TOKEN_KEY || !e.key.startsWith(tokenKeyOf(''))) return;
      const stored = await this.secrets.get(e.key);
      // Our own store/delete comes back as this event too: nothing to follow then.
      if (stored !== undefined && (stored === this.token || stored === this.storing)) return;
      this.accountsChanged.fire();
      if (this.accountValue && e.key === tokenKeyOf(this.accountValue.id)) {
        // Another window signed out of this account (or replaced its token): follow it.
        if (stored) await this.restore().catch(() => undefined);
        else this.clear();
      } else if (stored && !this.signedIn) {
        // Another window signed in while this one is signed out: follow it.
        await this.restore().catch(() => undefined);
      }
    });
  }

  get signedIn(): boolean {
    return this.clientValue !== undefined && this.userValue !== undefined;
  }

  get user(): User | undefined {
    return this.userValue;
  }

  /** The account this window is signed in with. */
  get account(): Account | undefined {
    return this.signedIn ? this.accountValue : undefined;
  }

  /** Every account added in this VS Code (tokens stay in SecretStorage). */
  get accounts(): Account[] {
    return this.list.all();
  }

  /** The client of the signed-in session (undefined when signed out). */
  get client(): PipedriveClient | undefined {
    return this.clientValue;
  }

  /** Whether a token is stored (tests check this; the token itself is never handed out). */
  async hasStoredToken(): Promise<boolean> {
    if ((await this.secrets.get(TOKEN_KEY)) !== undefined) return true;
    for (const account of this.list.all()) if ((await this.secrets.get(tokenKeyOf(account.id))) !== undefined) return true;
    return false;
  }

  /** One account's token, for VS Code's authentication API (the Accounts menu's sessions). */
  async tokenOf(accountId: string): Promise<string | undefined> {
    return this.list.get(accountId) ? this.secrets.get(tokenKeyOf(accountId)) : undefined;
  }

  /** Replaces the token, and any token tried in sign-in, in text (for logs and error details). */
  redact(text: string): string {
    let out = text;
    for (const secret of [this.token, ...this.candidates]) {
      if (secret) out = redact(redact(out, secret), encodeURIComponent(secret));
    }
    return out;
  }

  /**
   * Checks `token` with GET /v1/users/me and, when Pipedrive accepts it, stores it as an account
   * (a new one, or the same person's in the same company again) and makes it the active one.
   * `server`: the new account's own API server; default the pipedrive.apiBaseUrl setting, which the
   * account then follows. A rejected token throws (kind 'auth') and nothing is stored.
   */
  async signIn(token: string, signal?: AbortSignal, server?: string): Promise<User> {
    const candidate = token.trim();
    // Known to the redactor before its first use: an error or log line may quote it.
    if (candidate && !this.candidates.includes(candidate)) {
      this.candidates.push(candidate);
      if (this.candidates.length > REMEMBERED_CANDIDATES) this.candidates.shift();
    }
    const followsSetting = server === undefined || sameServer(server, this.settings().baseUrl);
    const baseUrl = await this.approvedBaseUrl('signIn', followsSetting ? this.settings().baseUrl : server);
    const { client, user } = await this.check(candidate, baseUrl, signal);
    this.epoch++;
    const account = accountOf(user, baseUrl, followsSetting, Date.now());
    this.storing = candidate;
    try {
      await this.secrets.store(tokenKeyOf(account.id), candidate);
    } finally {
      this.storing = undefined;
    }
    await this.list.activate(account);
    this.activate(candidate, client, user, account);
    this.accountsChanged.fire();
    this.log.info(`Signed in as user ${user.id} of company ${user.company_id ?? '?'}.`);
    return user;
  }

  /**
   * Signs in silently with the active account's stored token (on activation, after a base URL
   * change), or the most recently used account's. Returns false when no token is stored; a token
   * Pipedrive rejects is deleted with its account. Other failures (offline) throw and leave the token
   * in place for the next try.
   */
  async restore(signal?: AbortSignal): Promise<boolean> {
    const account = this.list.get(this.accountValue?.id ?? '') ?? this.list.get(this.list.activeId ?? '') ?? this.list.others(undefined)[0];
    if (!account) return this.migrate(signal);
    const stored = await this.secrets.get(tokenKeyOf(account.id));
    if (!stored) {
      // Its token was deleted (another window signed out of it): the account is gone.
      await this.list.remove(account.id);
      this.accountsChanged.fire();
      this.clear();
      return this.list.all().length ? this.restore(signal) : false;
    }
    await this.open(account, stored, 'restore', signal);
    return true;
  }

  /** Makes another account the active one: its own server, token, index and caches. */
  async switchTo(accountId: string, signal?: AbortSignal): Promise<User> {
    const account = this.list.get(accountId);
    if (!account) throw new PipedriveError({ kind: 'validation', operation: 'switchAccount', message: 'That Pipedrive account is no longer added in VS Code.' });
    const stored = await this.secrets.get(tokenKeyOf(account.id));
    if (!stored) {
      await this.list.remove(account.id);
      this.accountsChanged.fire();
      throw new PipedriveError({ kind: 'auth', operation: 'switchAccount', message: `The API token of ${accountLabel(account)} is no longer stored. Add the account again.` });
    }
    await this.open(account, stored, 'switchAccount', signal);
    return this.userValue as User;
  }

  /** Signs out of the active account: its token is deleted and it leaves the list. */
  async signOut(): Promise<void> {
    const account = this.accountValue ?? this.list.get(this.list.activeId ?? '');
    if (!account) {
      // Nothing active: whatever an older version stored goes too.
      await this.secrets.delete(TOKEN_KEY);
      this.clear();
      return;
    }
    await this.removeAccount(account.id);
  }

  /** Removes an account: its token is deleted; removing the active one signs this window out. */
  async removeAccount(accountId: string): Promise<void> {
    const account = this.list.get(accountId);
    const active = this.accountValue?.id === accountId;
    if (active) this.epoch++;
    await this.secrets.delete(tokenKeyOf(accountId));
    await this.list.remove(accountId);
    if (active) this.clear();
    this.accountsChanged.fire();
    // What legacy mode learnt about a server is probed afresh once no account uses it.
    const host = account ? hostOf(account.baseUrl) : undefined;
    if (host && !this.list.all().some((a) => hostOf(a.baseUrl) === host)) await this.forgetSwitches(host);
    this.log.info(active ? 'Signed out; the API token was deleted.' : 'An account was removed; its API token was deleted.');
  }

  dispose(): void {
    this.secretSub.dispose();
    this.clientValue?.dispose();
    this.changed.dispose();
    this.accountsChanged.dispose();
  }

  /** The server an account signs in to now: the setting's, or its own. */
  private serverOf(account: Account): string {
    return account.followsSetting ? this.settings().baseUrl : account.baseUrl;
  }

  /** Checks the stored token of `account` and makes it the active one (a restore or a switch). */
  private async open(account: Account, token: string, operation: string, signal?: AbortSignal): Promise<void> {
    let baseUrl: string;
    try {
      baseUrl = await this.approvedBaseUrl(operation, this.serverOf(account));
    } catch (e) {
      // Not to that host: when it is the active account, sign out of it, so the view says why; the token stays stored.
      if (operation === 'restore') this.clear();
      throw e;
    }
    const epoch = this.epoch;
    let checked: Checked;
    try {
      checked = await this.check(token, baseUrl, signal);
    } catch (e) {
      if (errorKind(e) === 'auth') {
        // Pipedrive no longer takes this token: the account cannot sign in again without a new one.
        await this.secrets.delete(tokenKeyOf(account.id));
        await this.list.remove(account.id);
        this.accountsChanged.fire();
        if (this.accountValue?.id === account.id || operation === 'restore') this.clear();
      }
      throw e;
    }
    // A sign-in, switch or sign-out while this was checking wins over it.
    if (epoch !== this.epoch) {
      checked.client.dispose();
      return;
    }
    this.epoch++;
    const next = { ...accountOf(checked.user, baseUrl, account.followsSetting, Date.now()), id: account.id };
    await this.list.activate(next);
    this.activate(token, checked.client, checked.user, next);
    // The names may have changed in Pipedrive since the account was added.
    if (accountLabel(next) !== accountLabel(account)) this.accountsChanged.fire();
  }

  /** Before accounts: one token under TOKEN_KEY. It becomes the first account (following the setting). */
  private async migrate(signal?: AbortSignal): Promise<boolean> {
    const stored = await this.secrets.get(TOKEN_KEY);
    if (!stored) {
      this.clear();
      return false;
    }
    let baseUrl: string;
    try {
      baseUrl = await this.approvedBaseUrl('restore', this.settings().baseUrl);
    } catch (e) {
      this.clear();
      throw e;
    }
    const epoch = this.epoch;
    let checked: Checked;
    try {
      checked = await this.check(stored, baseUrl, signal);
    } catch (e) {
      if (errorKind(e) === 'auth') {
        await this.secrets.delete(TOKEN_KEY);
        this.clear();
      }
      throw e;
    }
    if (epoch !== this.epoch) {
      checked.client.dispose();
      return this.signedIn;
    }
    this.epoch++;
    const account = accountOf(checked.user, baseUrl, true, Date.now());
    this.storing = stored;
    try {
      await this.secrets.store(tokenKeyOf(account.id), stored);
    } finally {
      this.storing = undefined;
    }
    await this.secrets.delete(TOKEN_KEY);
    await this.list.activate(account);
    this.activate(stored, checked.client, checked.user, account);
    this.accountsChanged.fire();
    return true;
  }

  /** GET /v1/users/me with `token` on `baseUrl`: the client to keep, or the error (the client is disposed). */
  private async check(token: string, baseUrl: string, signal?: AbortSignal): Promise<Checked> {
    const client = this.createClient(token, baseUrl);
    try {
      return { client, user: await client.getCurrentUser({ signal }) };
    } catch (e) {
      client.dispose();
      throw e;
    }
  }

  private activate(token: string, client: PipedriveClient, user: User, account: Account): void {
    this.clientValue?.dispose();
    this.token = token;
    this.clientValue = client;
    this.userValue = user;
    this.accountValue = account;
    this.changed.fire({ signedIn: true, user });
  }

  private clear(): void {
    const was = this.signedIn;
    this.clientValue?.dispose();
    this.clientValue = undefined;
    this.userValue = undefined;
    this.accountValue = undefined;
    this.token = undefined;
    if (was) this.changed.fire({ signedIn: false });
  }

  /**
   * The checked base URL, once the user has agreed to send the token there (asked once per host
   * outside Pipedrive and loopback). Runs before every sign-in, so a changed setting is checked
   * before any request goes out. Throws kind 'validation' when the URL is bad or the host declined.
   */
  private async approvedBaseUrl(operation: string, server: string): Promise<string> {
    const baseUrl = checkBaseUrl(server);
    const host = new URL(baseUrl).host;
    if (!needsTokenConsent(baseUrl, this.confirmedHosts(), this.options.trustLoopback ?? true)) return baseUrl;
    let question = this.asking.get(host);
    if (!question) {
      const ask = this.options.confirmHost ?? ((h: string, u: string) => askHost(h, u, this.options.ui?.()));
      question = Promise.resolve(ask(host, baseUrl)).finally(() => this.asking.delete(host));
      this.asking.set(host, question);
    }
    if (!(await question)) {
      this.log.warn(`The API token was not sent to ${host}: not confirmed.`);
      throw new PipedriveError({
        kind: 'validation',
        operation,
        field: 'apiBaseUrl',
        rule: 'confirmed-host',
        message:
          `Your Pipedrive API token was not sent to ${host}: you did not confirm that host. ` +
          `Set pipedrive.apiBaseUrl back to https://api.pipedrive.com, or sign in again and choose Continue.`,
      });
    }
    if (!this.confirmedHosts().includes(host)) {
      const hosts = [...this.confirmedHosts(), host];
      this.sessionHosts = hosts;
      await this.options.memento?.update(TRUSTED_HOSTS_KEY, hosts);
      this.log.info(`Sending the API token to ${host} was confirmed.`);
    }
    return baseUrl;
  }

  private confirmedHosts(): string[] {
    const stored = this.options.memento?.get<unknown>(TRUSTED_HOSTS_KEY);
    const fromMemento = Array.isArray(stored) ? stored.filter((h): h is string => typeof h === 'string') : [];
    return [...new Set([...fromMemento, ...this.sessionHosts])];
  }

  private createClient(token: string, baseUrl: string): PipedriveClient {
    const host = hostOf(baseUrl);
    const apiMode = this.settings().apiMode ?? 'current';
    return new PipedriveClient({
      token,
      baseUrl,
      apiMode,
      // Legacy mode: what an earlier session found retired on this host starts on v2 (no probe again).
      v2Operations: apiMode === 'legacy-v1' ? this.switchedOperations(host) : undefined,
      logger: (line) => this.log.info(this.redact(redact(line, token))),
      onRequest: (e: RequestEvent) => this.log.debug(`${e.method} ${e.path} → ${e.status || "no response"} in ${e.ms} ms, ${e.tokens} tokens (${e.operation}, attempt ${e.attempt})`),
      onSwitchToV2: (op, status) => {
        this.log.warn(`${op}: v1 route answered ${status}; using API v2 from now on.`);
        void this.rememberSwitch(host, op);
      },
    });
  }

  private switchedOperations(host: string): RetirableOperation[] {
    const all = this.options.memento?.get<Record<string, unknown>>(V2_SWITCHES_KEY);
    const ops = all && typeof all === 'object' ? all[host] : undefined;
    return Array.isArray(ops) ? ops.filter((o): o is RetirableOperation => typeof o === 'string') : [];
  }

  private async forgetSwitches(host: string): Promise<void> {
    const memento = this.options.memento;
    const all = memento?.get<Record<string, string[]>>(V2_SWITCHES_KEY);
    if (!memento || !all || !(host in all)) return;
    const rest = { ...all };
    delete rest[host];
    await memento.update(V2_SWITCHES_KEY, rest);
  }

  private async rememberSwitch(host: string, op: RetirableOperation): Promise<void> {
    const memento = this.options.memento;
    if (!memento) return;
    const all = { ...(memento.get<Record<string, string[]>>(V2_SWITCHES_KEY) ?? {}) };
    all[host] = [...new Set([...(all[host] ?? []), op])];
    await memento.update(V2_SWITCHES_KEY, all);
  }
}

/** Whether two spellings of a server are the same one (a trailing slash or case makes no difference). */
function sameServer(a: string, b: string): boolean {
  try {
    return checkBaseUrl(a) === checkBaseUrl(b);
  } catch {
    return a.trim() === b.trim();
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
