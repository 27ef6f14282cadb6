// Several Pipedrive accounts (an agency works in several companies): add one, switch between them
// from the view title, the status bar or the Accounts menu, and remove one. Each account has its
// own server, token, index, scope and caches; a switch drops everything of the previous account.
import * as vscode from 'vscode';
import { apiServerOf } from '../api/baseUrl';
import { accountLabel, hostOf, type Account } from '../auth/AccountList';
import { errorMessage } from '../util/errors';
import type { CommandContext } from './CommandContext';
import { askToken } from './signIn';
import { t } from '../util/l10n';

/**
 * pipedrive.addAccount: the server (Enter keeps the setting's, which the account then follows),
 * then the token. The new account becomes the active one. Resolves to it (the Accounts menu's
 * "Sign in" waits for this); undefined when Escape stopped it.
 */
export async function addAccount(ctx: CommandContext): Promise<Account | undefined> {
  const setting = vscode.workspace.getConfiguration('pipedrive').get<string>('apiBaseUrl') ?? 'https://api.pipedrive.com';
  const server = await ctx.ui().showInputBox({
    title: t('Add a Pipedrive Account'),
    step: 1,
    totalSteps: 2,
    prompt: t('The API server of the account. Press Enter for the one in the pipedrive.apiBaseUrl setting, or enter a company domain (acme.pipedrive.com).'),
    value: setting,
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        apiServerOf(v);
        return undefined;
      } catch (e) {
        return errorMessage(e);
      }
    },
  });
  const url = apiServerOf(server);
  const user = await askToken(ctx, { title: t('Add a Pipedrive Account'), step: 2, totalSteps: 2 }, (token, signal) => ctx.auth.signIn(token, signal, url));
  if (!user) return undefined;
  const account = ctx.auth.account;
  if (account) void ctx.ui().showInformationMessage(t('Added and switched to the Pipedrive account {0}.', accountLabel(account)));
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
        description: a.id === active ? t('signed in') : undefined,
        detail: hostOf(a.baseUrl),
        account: a,
      }));
    const items: Item[] = [
      ...accounts,
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: `$(add) ${t('Add Account…')}`, action: 'add' },
      ...(accounts.length ? [{ label: `$(trash) ${t('Remove Account…')}`, action: 'remove' as const }] : []),
    ];
    const picked = await ctx.ui().showQuickPick(items, { title: t('Pipedrive Accounts'), placeHolder: t('Switch to another Pipedrive account') });
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
  await ctx.withProgress(target ? t('Switching to {0}…', accountLabel(target)) : t('Switching accounts…'), (signal) => ctx.auth.switchTo(accountId as string, signal));
}

/** pipedrive.removeAccount: asks which (and confirms, modally); its token is deleted. */
export async function removeAccount(ctx: CommandContext, accountId?: string): Promise<void> {
  let account = typeof accountId === 'string' ? ctx.auth.accounts.find((a) => a.id === accountId) : undefined;
  if (!account) {
    const accounts = ctx.auth.accounts;
    if (!accounts.length) {
      void ctx.ui().showInformationMessage(t('No Pipedrive account is added in VS Code.'));
      return;
    }
    const picked = await ctx.ui().showQuickPick(
      accounts.map((a) => ({ label: accountLabel(a), description: a.id === ctx.auth.account?.id ? t('signed in') : undefined, detail: hostOf(a.baseUrl), account: a })),
      { title: t('Remove a Pipedrive Account'), placeHolder: t('The account to remove from VS Code') },
    );
    account = picked.account;
  }
  const active = account.id === ctx.auth.account?.id;
  await ctx.ui().showWarningMessage(
    t('Remove the Pipedrive account {0} from VS Code?', accountLabel(account)),
    {
      modal: true,
      detail: active
        ? t("Its API token is deleted from VS Code's secret storage and this window signs out of it. Nothing changes in Pipedrive; you can add the account again with its token.")
        : t("Its API token is deleted from VS Code's secret storage. Nothing changes in Pipedrive; you can add the account again with its token."),
    },
    { title: t('Remove') },
  );
  await ctx.auth.removeAccount(account.id);
  if (active) await switchToMostRecent(ctx);
}

/** After the active account is gone: the most recently used other account, when there is one. */
export async function switchToMostRecent(ctx: CommandContext): Promise<void> {
  const next = ctx.auth.otherAccounts[0];
  if (!next || ctx.auth.signedIn) return;
  await ctx.withProgress(t('Switching to {0}…', accountLabel(next)), (signal) => ctx.auth.switchTo(next.id, signal));
}
