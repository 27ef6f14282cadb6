import * as vscode from 'vscode';
import { PipedriveClient, PipedriveError, redact, type ApiMode, type RequestEvent, type User, type WaitEvent } from '../api';
import { sameServer } from '../api/baseUrl';
import { Emitter, type Event } from '../util/Emitter';
import { errorKind } from '../util/errors';
import { AccountList, accountLabel, accountOf, hostOf, tokenKeyOf, type Account } from './AccountList';
import { HostConsent, type AuthOptions } from './HostConsent';
import { V2Switches } from './V2Switches';
import { t } from '../util/l10n';

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

export type AuthState = { signedIn: false } | { signedIn: true; user: User };

export { TRUSTED_HOSTS_KEY, type AuthOptions } from './HostConsent';
export { V2_SWITCHES_KEY } from './V2Switches';

/** Failed sign-in tokens remembered for redaction, so a late error message cannot show them. */
const REMEMBERED_CANDIDATES = 5;

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
  private readonly waits = new Emitter<WaitEvent>();
  /** The active client waits before a request (rate limit, retry back-off), and when it stops waiting. */
  readonly onDidWait: Event<WaitEvent> = this.waits.event;
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
  /** Asks before the token goes to a host outside Pipedrive (once per host). */
  private readonly consent: HostConsent;
  /** Legacy mode: per server, the operations found retired there (run on v2 from the start). */
  private readonly switches: V2Switches;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: () => ClientSettings,
    options: AuthOptions = {},
  ) {
    this.list = new AccountList(options.memento);
    this.consent = new HostConsent(options, log);
    this.switches = new V2Switches(options.memento);
    this.secretSub = secrets.onDidChange(async (e) => {
      if (e.key === TOKEN_KEY || !e.key.startsWith(tokenKeyOf(''))) return;
      const epoch = this.epoch;
      const stored = await this.secrets.get(e.key);
      // This window signed in, out or switched since: the event is (most likely) of its own doing,
      // e.g. the delete of a sign-out arriving after the same account was added again.
      if (epoch !== this.epoch) return;
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

  /** The accounts other than the signed-in one, most recently used first. */
  get otherAccounts(): Account[] {
    return this.list.others(this.account?.id);
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
    const baseUrl = await this.consent.approve('signIn', followsSetting ? this.settings().baseUrl : server);
    const { client, user } = await this.check(candidate, baseUrl, signal);
    this.epoch++;
    const account = accountOf(user, baseUrl, followsSetting, Date.now());
    // Until it is active, the change event of this store is ours (not another window signing in).
    this.storing = candidate;
    try {
      await this.secrets.store(tokenKeyOf(account.id), candidate);
      await this.list.activate(account);
      this.activate(candidate, client, user, account);
    } finally {
      this.storing = undefined;
    }
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
    // A sign-in, switch or sign-out that starts while this runs wins: nothing here undoes it.
    const epoch = this.epoch;
    const account = this.list.get(this.accountValue?.id ?? '') ?? this.list.get(this.list.activeId ?? '') ?? this.list.others(undefined)[0];
    if (!account) return this.migrate(epoch, signal);
    const stored = await this.secrets.get(tokenKeyOf(account.id));
    if (epoch !== this.epoch) return this.signedIn;
    if (!stored) {
      // Its token was deleted (another window signed out of it): the account is gone.
      await this.list.remove(account.id);
      this.accountsChanged.fire();
      this.clearIf(epoch);
      return this.list.all().length && epoch === this.epoch ? this.restore(signal) : this.signedIn;
    }
    await this.open(account, stored, 'restore', signal, epoch);
    return this.signedIn;
  }

  /** Makes another account the active one: its own server, token, index and caches. */
  async switchTo(accountId: string, signal?: AbortSignal): Promise<User> {
    const account = this.list.get(accountId);
    if (!account) throw new PipedriveError({ kind: 'validation', operation: 'switchAccount', message: t('That Pipedrive account is no longer added in VS Code.') });
    const stored = await this.secrets.get(tokenKeyOf(account.id));
    if (!stored) {
      await this.list.remove(account.id);
      this.accountsChanged.fire();
      throw new PipedriveError({ kind: 'auth', operation: 'switchAccount', message: t('The API token of {0} is no longer stored. Add the account again.', accountLabel(account)) });
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
    if (host && !this.list.all().some((a) => hostOf(a.baseUrl) === host)) await this.switches.forget(host);
    this.log.info(active ? 'Signed out; the API token was deleted.' : 'An account was removed; its API token was deleted.');
  }

  dispose(): void {
    this.secretSub.dispose();
    this.clientValue?.dispose();
    this.changed.dispose();
    this.accountsChanged.dispose();
    this.waits.dispose();
  }

  /** The server an account signs in to now: the setting's, or its own. */
  private serverOf(account: Account): string {
    return account.followsSetting ? this.settings().baseUrl : account.baseUrl;
  }

  /** Checks the stored token of `account` and makes it the active one (a restore or a switch). */
  private async open(account: Account, token: string, operation: string, signal?: AbortSignal, epoch = this.epoch): Promise<void> {
    let baseUrl: string;
    try {
      baseUrl = await this.consent.approve(operation, this.serverOf(account));
    } catch (e) {
      // Not to that host: when it is the active account, sign out of it, so the view says why; the token stays stored.
      if (operation === 'restore') this.clearIf(epoch);
      throw e;
    }
    let checked: Checked;
    try {
      checked = await this.check(token, baseUrl, signal);
    } catch (e) {
      if (errorKind(e) === 'auth') {
        // Pipedrive no longer takes this token: the account cannot sign in again without a new one.
        await this.secrets.delete(tokenKeyOf(account.id));
        await this.list.remove(account.id);
        this.accountsChanged.fire();
        if (this.accountValue?.id === account.id || operation === 'restore') this.clearIf(epoch);
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
  private async migrate(epoch: number, signal?: AbortSignal): Promise<boolean> {
    const stored = await this.secrets.get(TOKEN_KEY);
    if (!stored) {
      this.clearIf(epoch);
      return this.signedIn;
    }
    let baseUrl: string;
    try {
      baseUrl = await this.consent.approve('restore', this.settings().baseUrl);
    } catch (e) {
      this.clearIf(epoch);
      throw e;
    }
    let checked: Checked;
    try {
      checked = await this.check(stored, baseUrl, signal);
    } catch (e) {
      if (errorKind(e) === 'auth') {
        await this.secrets.delete(TOKEN_KEY);
        this.clearIf(epoch);
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
      await this.secrets.delete(TOKEN_KEY);
      await this.list.activate(account);
      this.activate(stored, checked.client, checked.user, account);
    } finally {
      this.storing = undefined;
    }
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

  /** Signs out, unless a sign-in, switch or sign-out since `epoch` decided otherwise. */
  private clearIf(epoch: number): void {
    if (epoch === this.epoch) this.clear();
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

  private createClient(token: string, baseUrl: string): PipedriveClient {
    const host = hostOf(baseUrl);
    const apiMode = this.settings().apiMode ?? 'current';
    return new PipedriveClient({
      token,
      baseUrl,
      apiMode,
      // Legacy mode: what an earlier session found retired on this host starts on v2 (no probe again).
      v2Operations: apiMode === 'legacy-v1' ? this.switches.of(host) : undefined,
      logger: (line) => this.log.info(this.redact(redact(line, token))),
      // Only the active client's waits reach the status bar (a client being checked is not it yet).
      onWait: (e) => {
        if (this.clientValue?.baseUrl === baseUrl && this.token === token) this.waits.fire(e);
      },
      onRequest: (e: RequestEvent) => this.log.debug(`${e.method} ${e.path} → ${e.status || "no response"} in ${e.ms} ms, ${e.tokens} tokens (${e.operation}, attempt ${e.attempt})`),
      onSwitchToV2: (op, status) => {
        this.log.warn(`${op}: v1 route answered ${status}; using API v2 from now on.`);
        void this.switches.remember(host, op);
      },
    });
  }

}
