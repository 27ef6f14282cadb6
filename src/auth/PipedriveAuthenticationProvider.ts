// The accounts in VS Code's Accounts menu: an AuthenticationProvider (id `pipedrive`) over the
// AuthService. Sign in there adds an account (the same prompts as the command), sign out there
// removes one. The tokens stay in SecretStorage: a session's accessToken is read from there when VS
// Code asks, and VS Code hands it only to extensions the person allowed.
import * as vscode from 'vscode';
import { distinctLabels, type Account } from './AccountList';
import type { AuthService } from './AuthService';

export const AUTH_PROVIDER_ID = 'pipedrive';
export const AUTH_PROVIDER_LABEL = 'Pipedrive';

export class PipedriveAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  /** The sessions VS Code was last told of, to report what was added, removed or renamed. */
  private known = new Map<string, string>();
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly auth: AuthService,
    /** Runs the Add Account prompts; resolves to the new account, or undefined when the person stopped. */
    private readonly addAccount: () => Promise<Account | undefined>,
  ) {
    this.known = this.snapshot();
    this.sub = { dispose: auth.onDidChangeAccounts(() => this.report()).dispose };
  }

  async getSessions(_scopes?: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    const wanted = options?.account?.id;
    const sessions: vscode.AuthenticationSession[] = [];
    for (const account of this.auth.accounts) {
      if (wanted !== undefined && account.id !== wanted) continue;
      const session = await this.sessionOf(account);
      if (session) sessions.push(session);
    }
    return sessions;
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const account = await this.addAccount();
    const session = account && (await this.sessionOf(account));
    if (!session) throw new vscode.CancellationError();
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.auth.removeAccount(sessionId);
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }

  private async sessionOf(account: Account): Promise<vscode.AuthenticationSession | undefined> {
    const accessToken = await this.auth.tokenOf(account.id);
    if (!accessToken) return undefined;
    const label = distinctLabels(this.auth.accounts).get(account.id) ?? account.userName;
    return { id: account.id, accessToken, account: { id: account.id, label }, scopes: [] };
  }

  private snapshot(): Map<string, string> {
    return distinctLabels(this.auth.accounts);
  }

  /** Tells VS Code what changed since the last report (sessions carry no token in this event). */
  private report(): void {
    const now = this.snapshot();
    const stub = (id: string, label: string): vscode.AuthenticationSession => ({ id, accessToken: '', account: { id, label }, scopes: [] });
    const added = [...now].filter(([id]) => !this.known.has(id)).map(([id, label]) => stub(id, label));
    const removed = [...this.known].filter(([id]) => !now.has(id)).map(([id, label]) => stub(id, label));
    const changed = [...now].filter(([id, label]) => this.known.has(id) && this.known.get(id) !== label).map(([id, label]) => stub(id, label));
    this.known = now;
    if (added.length || removed.length || changed.length) this.changed.fire({ added, removed, changed });
  }
}
