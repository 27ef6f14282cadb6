// Several Pipedrive accounts (an agency works in several companies): add one, switch between them
// from the view title, the status bar or the Accounts menu, and remove one. Each account has its
// own server, token, index, scope and caches; a switch drops everything of the previous account.
import * as vscode from 'vscode';
import { checkBaseUrl } from '../api/baseUrl';
import { accountLabel, type Account } from '../auth/AccountList';
import { errorMessage } from '../util/errors';
import type { CommandContext } from './CommandContext';
import { askToken } from './signIn';

/** "acme" → https://acme.pipedrive.com, "acme.example.com" → https://acme.example.com, URLs as they are. */
export function serverOf(input: string): string {
  const v = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return checkBaseUrl(v);
  if (/^[a-z0-9-]+$/i.test(v)) return checkBaseUrl(`https://${v}.pipedrive.com`);
  return checkBaseUrl(`https://${v}`);
}

/**
 * pipedrive.addAccount: the server (Enter keeps the setting's, which the account then follows),
 * then the token. The new account becomes the active one. Resolves to it (the Accounts menu's
 * "Sign in" waits for this); undefined when Escape stopped it.
 */
export async function addAccount(ctx: CommandContext): Promise<Account | undefined> {
  const setting = vscode.workspace.getConfiguration('pipedrive').get<string>('apiBaseUrl') ?? 'https://api.pipedrive.com';
  const server = await ctx.ui().showInputBox({
    title: 'Add a Pipedrive Account',
    step: 1,
    totalSteps: 2,
    prompt: 'The API server of the account. Press Enter for the one in the pipedrive.apiBaseUrl setting, or enter a company domain (acme.pipedrive.com).',
    value: setting,
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        serverOf(v);
        return undefined;
      } catch (e) {
        return errorMessage(e).replace(/^pipedrive\.apiBaseUrl/, 'The server');
      }
    },
  });
  const url = serverOf(server);
  const user = await askToken(ctx, { title: 'Add a Pipedrive Account', step: 2, totalSteps: 2 }, (token, signal) => ctx.auth.signIn(token, signal, url));
  if (!user) return undefined;
  const account = ctx.auth.account;
  if (account) void ctx.ui().showInformationMessage(`Added and switched to the Pipedrive account ${accountLabel(account)}.`);
  return account;
}

/** pipedrive.switchAccount: the accounts (the active one marked), Add Account… and Remove Account…. */
export async function switchAccount(ctx: CommandContext, accountId?: string): Promise<void> {
  const active = ctx.auth.account?.id;
  if (typeof accountId !== 'string') {
    type Item = vscode.QuickPickItem & { account?: Account; action?: 'add' | 'remove' };
    const accounts: Item[] = ctx.auth.accounts
      .sort((a, b) => accountLabel(a).localeCompare(accountLabel(b)))
      .map((a) => ({
        label: `${a.id === active ? '$(check)' : '$(account)'} ${accountLabel(a)}`,
        description: a.id === active ? 'signed in' : undefined,
        detail: hostOfAccount(a),
        account: a,
      }));
    const items: Item[] = [
      ...accounts,
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(add) Add Account…', action: 'add' },
      ...(accounts.length ? [{ label: '$(trash) Remove Account…', action: 'remove' as const }] : []),
    ];
    const picked = await ctx.ui().showQuickPick(items, { title: 'Pipedrive Accounts', placeHolder: 'Switch to another Pipedrive account' });
    if (picked.action === 'add') {
      await addAccount(ctx);
      return;
    }
    if (picked.action === 'remove') {
      await removeAccount(ctx);
      return;
    }
    if (!picked.account) return;
    accountId = picked.account.id;
  }
  if (accountId === active) return;
  const target = ctx.auth.accounts.find((a) => a.id === accountId);
  const label = target ? accountLabel(target) : 'the account';
  await ctx.withProgress(`Switching to ${label}…`, (signal) => ctx.auth.switchTo(accountId as string, signal));
}

/** pipedrive.removeAccount: asks which (and confirms, modally); its token is deleted. */
export async function removeAccount(ctx: CommandContext, accountId?: string): Promise<void> {
  let account = typeof accountId === 'string' ? ctx.auth.accounts.find((a) => a.id === accountId) : undefined;
  if (!account) {
    const accounts = ctx.auth.accounts;
    if (!accounts.length) {
      void ctx.ui().showInformationMessage('No Pipedrive account is added in VS Code.');
      return;
    }
    const picked = await ctx.ui().showQuickPick(
      accounts.map((a) => ({ label: accountLabel(a), description: a.id === ctx.auth.account?.id ? 'signed in' : undefined, detail: hostOfAccount(a), account: a })),
      { title: 'Remove a Pipedrive Account', placeHolder: 'The account to remove from VS Code' },
    );
    account = picked.account;
  }
  const active = account.id === ctx.auth.account?.id;
  await ctx.ui().showWarningMessage(
    `Remove the Pipedrive account ${accountLabel(account)} from VS Code?`,
    { modal: true, detail: `Its API token is deleted from VS Code's secret storage${active ? ' and this window signs out of it' : ''}. Nothing changes in Pipedrive; you can add the account again with its token.` },
    { title: 'Remove' },
  );
  await ctx.auth.removeAccount(account.id);
  if (active) await switchToMostRecent(ctx);
}

/** After the active account is gone: the most recently used other account, when there is one. */
export async function switchToMostRecent(ctx: CommandContext): Promise<void> {
  const next = ctx.auth.accounts.sort((a, b) => b.lastUsed - a.lastUsed)[0];
  if (!next || ctx.auth.signedIn) return;
  await ctx.withProgress(`Switching to ${accountLabel(next)}…`, (signal) => ctx.auth.switchTo(next.id, signal));
}

function hostOfAccount(a: Account): string {
  try {
    return new URL(a.baseUrl).host;
  } catch {
    return a.baseUrl;
  }
}
