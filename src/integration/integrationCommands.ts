// Commands of the VS Code integration: the status bar menu, Copy VS Code Link, and Open Details
// of the tree's selection (the keybinding's target).
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/CommandContext';
import { openDetails } from '../commands/openPanels';
import { organizationsOfSelection } from '../commands/organizationTarget';
import { organizationLink } from './vscodeLink';
import { accountLabel } from '../auth/AccountList';
import { t } from '../util/l10n';

/** The extension's id as VS Code knows it (publisher.name), for links. */
export const EXTENSION_ID = 'pipedrive-orgs.pipedrive-organizations';

/** pipedrive.copyVsCodeLink: a link that opens this organization's Details in VS Code. */
export async function copyVsCodeLink(ctx: CommandContext, node?: unknown, selected?: unknown): Promise<void> {
  const [target] = organizationsOfSelection(ctx, node, selected ?? (node ? undefined : ctx.treeView.selection));
  if (!target) {
    void ctx.ui().showInformationMessage(t('Select an organization in the Pipedrive Organizations view first.'));
    return;
  }
  const link = organizationLink(vscode.env.uriScheme, EXTENSION_ID, target.id);
  await vscode.env.clipboard.writeText(link);
  void ctx.ui().showInformationMessage(t('Copied the VS Code link to "{0}".', target.name));
}

/** pipedrive.openSelectedDetails: the Details of the organization selected in the tree (keybinding). */
export async function openSelectedDetails(ctx: CommandContext): Promise<void> {
  const [target] = organizationsOfSelection(ctx, undefined, ctx.treeView.selection);
  if (!target) return;
  await openDetails(ctx, target.id);
}

/** pipedrive.statusMenu: what the status bar item offers. */
export async function statusMenu(ctx: CommandContext): Promise<void> {
  const account = ctx.auth.account;
  const others = ctx.auth.otherAccounts;
  const items = [
    ...(others.length ? [{ label: `$(account) ${t('Switch Account…')}`, description: others.length === 1 ? t('1 other') : t('{0} others', others.length), command: 'pipedrive.switchAccount' }] : []),
    { label: `$(refresh) ${t('Refresh')}`, command: 'pipedrive.refresh' },
    { label: `$(sync) ${t('Refresh All Organizations')}`, command: 'pipedrive.refreshAll' },
    { label: `$(output) ${t('Show the Pipedrive Log')}`, command: '' },
    ...(others.length ? [] : [{ label: `$(add) ${t('Add Account…')}`, command: 'pipedrive.addAccount' }]),
    { label: `$(sign-out) ${t('Sign Out')}`, description: account ? accountLabel(account) : undefined, command: 'pipedrive.signOut' },
  ];
  // l10n-ignore: the product's name
  const picked = await ctx.ui().showQuickPick(items, { title: 'Pipedrive', placeHolder: account ? accountLabel(account) : 'Pipedrive' });
  if (!picked.command) {
    ctx.log.show(true);
    return;
  }
  await vscode.commands.executeCommand(picked.command);
}
