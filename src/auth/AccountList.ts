// The Pipedrive accounts this VS Code knows: who, which company, which API server. No tokens here:
// each account's token is in SecretStorage under its own key (tokenKeyOf), so nothing in
// globalState can sign anyone in. An agency adds one account per company and switches between them.
import type * as vscode from 'vscode';
import type { User } from '../api';

export interface Account {
  /** Stable per user, company and API server (see accountIdOf); also the token's SecretStorage key suffix. */
  readonly id: string;
  /** The API server it last signed in to. */
  readonly baseUrl: string;
  /**
   * True when the account uses the pipedrive.apiBaseUrl setting (the usual case: it moves with the
   * setting); false when it was added with a server of its own, which it keeps.
   */
  readonly followsSetting: boolean;
  readonly userId: number;
  readonly userName: string;
  readonly companyId: number;
  readonly companyName?: string;
  readonly companyDomain?: string;
  /** When it was last the active account (ms): the next one after a sign-out is the most recent. */
  readonly lastUsed: number;
}

/** globalState: the accounts (no tokens). */
export const ACCOUNTS_KEY = 'pipedrive.accounts';
/** globalState: the id of the account the window signs in with. */
export const ACTIVE_ACCOUNT_KEY = 'pipedrive.activeAccount';

/** The SecretStorage key of one account's API token. */
export function tokenKeyOf(accountId: string): string {
  return `pipedrive.apiToken:${accountId}`;
}

/** The account id a token's owner gets: the same person in the same company on the same server is one account. */
export function accountIdOf(user: Pick<User, 'id' | 'company_id'>, baseUrl: string): string {
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // checkBaseUrl ran before; keep the text as it is.
  }
  return `${user.id}@${user.company_id ?? 0}/${host}`;
}

export function accountOf(user: User, baseUrl: string, followsSetting: boolean, lastUsed: number): Account {
  return {
    id: accountIdOf(user, baseUrl),
    baseUrl,
    followsSetting,
    userId: user.id,
    userName: user.name,
    companyId: user.company_id ?? 0,
    companyName: user.company_name || undefined,
    companyDomain: user.company_domain || undefined,
    lastUsed,
  };
}

/** "Ada Admin · Sandbox Co": how menus, the status bar and the Accounts menu name an account. */
export function accountLabel(account: Pick<Account, 'userName' | 'companyName'>): string {
  return account.companyName ? `${account.userName} · ${account.companyName}` : account.userName;
}

/**
 * Labels that tell every account apart: the same person and company name on two servers get the
 * server added ("Ada Admin · Acme (eu.example.com)"). VS Code's Accounts menu merges equal labels.
 */
export function distinctLabels(accounts: readonly Account[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const a of accounts) count.set(accountLabel(a), (count.get(accountLabel(a)) ?? 0) + 1);
  return new Map(accounts.map((a) => [a.id, (count.get(accountLabel(a)) ?? 0) > 1 ? `${accountLabel(a)} (${hostOf(a.baseUrl)})` : accountLabel(a)]));
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

function isAccount(v: unknown): v is Account {
  const a = v as Account;
  return !!a && typeof a === 'object' && typeof a.id === 'string' && typeof a.baseUrl === 'string' && typeof a.followsSetting === 'boolean' && typeof a.userId === 'number' && typeof a.userName === 'string' && typeof a.companyId === 'number';
}

/** The list in globalState (or in memory, when no memento is given: unit tests). */
export class AccountList {
  private memory: Account[] = [];
  private activeMemory: string | undefined;

  constructor(private readonly memento?: Pick<vscode.Memento, 'get' | 'update'>) {}

  all(): Account[] {
    const stored = this.memento ? this.memento.get<unknown>(ACCOUNTS_KEY) : this.memory;
    return Array.isArray(stored) ? stored.filter(isAccount) : [];
  }

  get(id: string): Account | undefined {
    return this.all().find((a) => a.id === id);
  }

  get activeId(): string | undefined {
    const id = this.memento ? this.memento.get<unknown>(ACTIVE_ACCOUNT_KEY) : this.activeMemory;
    return typeof id === 'string' && this.get(id) ? id : undefined;
  }

  /** The others, most recently used first. */
  others(id: string | undefined): Account[] {
    return this.all()
      .filter((a) => a.id !== id)
      .sort((a, b) => b.lastUsed - a.lastUsed);
  }

  /** Adds the account or replaces the one with its id, and makes it the active one. */
  async activate(account: Account): Promise<void> {
    await this.write([...this.all().filter((a) => a.id !== account.id), account]);
    await this.writeActive(account.id);
  }

  async remove(id: string): Promise<void> {
    await this.write(this.all().filter((a) => a.id !== id));
    if ((this.memento ? this.memento.get<unknown>(ACTIVE_ACCOUNT_KEY) : this.activeMemory) === id) await this.writeActive(undefined);
  }

  async clearActive(): Promise<void> {
    await this.writeActive(undefined);
  }

  private async write(accounts: Account[]): Promise<void> {
    if (this.memento) await this.memento.update(ACCOUNTS_KEY, accounts);
    else this.memory = accounts;
  }

  private async writeActive(id: string | undefined): Promise<void> {
    if (this.memento) await this.memento.update(ACTIVE_ACCOUNT_KEY, id);
    else this.activeMemory = id;
  }
}
