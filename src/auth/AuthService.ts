import * as vscode from 'vscode';
import { PipedriveClient, PipedriveError, redact, type ApiMode, type RequestEvent, type RetirableOperation, type User } from '../api';
import { checkBaseUrl, needsTokenConsent } from '../api/baseUrl';
import { Emitter, type Event } from '../util/Emitter';
import type { UserInput } from '../ui/UserInput';
import { errorKind, isCancellation } from '../util/errors';

/** The SecretStorage key of the API token. The token lives there and in memory only. */
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

/**
 * Signs in with a personal API token: checks it (GET /v1/users/me), then keeps it in SecretStorage.
 * Owns the PipedriveClient of the session; its logs go to the output channel with the token redacted.
 */
export class AuthService implements vscode.Disposable {
  private readonly changed = new Emitter<AuthState>();
  readonly onDidChange: Event<AuthState> = this.changed.event;
  private token: string | undefined;
  /** Bumped by signIn/signOut, so a silent restore that started earlier does not undo them. */
  private epoch = 0;
  /** The token being stored by signIn(), so the SecretStorage change event it causes is ignored. */
  private storing: string | undefined;
  private userValue: User | undefined;
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
    // Another window signed in or out: follow it.
    this.secretSub = secrets.onDidChange(async (e) => {
      if (e.key !== TOKEN_KEY) return;
      const stored = await this.secrets.get(TOKEN_KEY);
      // Our own store/delete comes back as this event too: nothing to follow then.
      if (stored === this.token || (stored !== undefined && stored === this.storing)) return;
      if (stored) await this.restore().catch(() => undefined);
      else this.clear();
    });
  }

  get signedIn(): boolean {
    return this.clientValue !== undefined && this.userValue !== undefined;
  }

  get user(): User | undefined {
    return this.userValue;
  }

  /** The client of the signed-in session (undefined when signed out). */
  get client(): PipedriveClient | undefined {
    return this.clientValue;
  }

  /** Whether a token is stored (tests check this; the token itself is never handed out). */
  async hasStoredToken(): Promise<boolean> {
    return (await this.secrets.get(TOKEN_KEY)) !== undefined;
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
   * Checks `token` with GET /v1/users/me and, when Pipedrive accepts it, stores it and signs in.
   * A rejected token throws (kind 'auth') and nothing is stored.
   */
  async signIn(token: string, signal?: AbortSignal): Promise<User> {
    const candidate = token.trim();
    // Known to the redactor before its first use: an error or log line may quote it.
    if (candidate && !this.candidates.includes(candidate)) {
      this.candidates.push(candidate);
      if (this.candidates.length > REMEMBERED_CANDIDATES) this.candidates.shift();
    }
    const baseUrl = await this.approvedBaseUrl('signIn');
    const client = this.createClient(candidate, baseUrl);
    let user: User;
    try {
      user = await client.getCurrentUser({ signal });
    } catch (e) {
      client.dispose();
      throw e;
    }
    this.epoch++;
    this.storing = candidate;
    try {
      await this.secrets.store(TOKEN_KEY, candidate);
    } finally {
      this.storing = undefined;
    }
    this.activate(candidate, client, user);
    this.log.info(`Signed in as user ${user.id} of company ${user.company_id ?? '?'}.`);
    return user;
  }

  /**
   * Signs in silently with the stored token (on activation, after a base URL change). Returns false
   * when no token is stored; a token Pipedrive rejects is deleted. Other failures (offline) throw
   * and leave the token in place for the next try.
   */
  async restore(signal?: AbortSignal): Promise<boolean> {
    const stored = await this.secrets.get(TOKEN_KEY);
    if (!stored) {
      this.clear();
      return false;
    }
    let baseUrl: string;
    try {
      baseUrl = await this.approvedBaseUrl('restore');
    } catch (e) {
      // Not to that host: sign out of the old one too, so the view says why; the token stays stored.
      this.clear();
      throw e;
    }
    const client = this.createClient(stored, baseUrl);
    const epoch = this.epoch;
    try {
      const user = await client.getCurrentUser({ signal });
      // A sign-in or sign-out while this was checking wins over it.
      if (epoch !== this.epoch) {
        client.dispose();
        return this.signedIn;
      }
      this.activate(stored, client, user);
      return true;
    } catch (e) {
      client.dispose();
      if (errorKind(e) === 'auth') {
        await this.secrets.delete(TOKEN_KEY);
        this.clear();
      }
      throw e;
    }
  }

  async signOut(): Promise<void> {
    this.epoch++;
    const host = this.clientValue ? hostOf(this.clientValue.baseUrl) : undefined;
    await this.secrets.delete(TOKEN_KEY);
    this.clear();
    // The account is gone: what legacy mode learnt about its server is probed afresh next time.
    if (host) await this.forgetSwitches(host);
    this.log.info('Signed out; the API token was deleted.');
  }

  dispose(): void {
    this.secretSub.dispose();
    this.clientValue?.dispose();
    this.changed.dispose();
  }

  private activate(token: string, client: PipedriveClient, user: User): void {
    this.clientValue?.dispose();
    this.token = token;
    this.clientValue = client;
    this.userValue = user;
    this.changed.fire({ signedIn: true, user });
  }

  private clear(): void {
    const was = this.signedIn;
    this.clientValue?.dispose();
    this.clientValue = undefined;
    this.userValue = undefined;
    this.token = undefined;
    if (was) this.changed.fire({ signedIn: false });
  }

  /**
   * The checked base URL, once the user has agreed to send the token there (asked once per host
   * outside Pipedrive and loopback). Runs before every sign-in, so a changed setting is checked
   * before any request goes out. Throws kind 'validation' when the URL is bad or the host declined.
   */
  private async approvedBaseUrl(operation: string): Promise<string> {
    const baseUrl = checkBaseUrl(this.settings().baseUrl);
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

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
