import * as vscode from 'vscode';
import { PipedriveClient, redact, type RequestEvent, type User } from '../api';
import { Emitter, type Event } from '../util/Emitter';
import { errorKind } from '../util/errors';

/** The SecretStorage key of the API token. The token lives there and in memory only. */
export const TOKEN_KEY = 'pipedrive.apiToken';

export interface ClientSettings {
  baseUrl: string;
}

export type AuthState = { signedIn: false } | { signedIn: true; user: User };

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

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: () => ClientSettings,
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

  /** Replaces the token in text (for logs and error details). */
  redact(text: string): string {
    return redact(text, this.token);
  }

  /**
   * Checks `token` with GET /v1/users/me and, when Pipedrive accepts it, stores it and signs in.
   * A rejected token throws (kind 'auth') and nothing is stored.
   */
  async signIn(token: string, signal?: AbortSignal): Promise<User> {
    const candidate = token.trim();
    const client = this.createClient(candidate);
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
    const client = this.createClient(stored);
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
    await this.secrets.delete(TOKEN_KEY);
    this.clear();
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

  private createClient(token: string): PipedriveClient {
    return new PipedriveClient({
      token,
      baseUrl: this.settings().baseUrl,
      logger: (line) => this.log.info(redact(line, token)),
      onRequest: (e: RequestEvent) => this.log.debug(`${e.method} ${e.path} → ${e.status || 'no response'} in ${e.ms} ms (${e.operation}, attempt ${e.attempt})`),
      onSwitchToV2: (op, status) => this.log.warn(`${op}: v1 route answered ${status}; using API v2 from now on.`),
    });
  }
}
