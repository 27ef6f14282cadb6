// Commands of the VS Code integration: the status bar menu, Copy VS Code Link, and Open Details
// of the tree's selection (the keybinding's target).
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/CommandContext';
import { openDetails } from '../commands/openPanels';
import { organizationsOfSelection } from '../commands/organizationTarget';
import { organizationLink } from './vscodeLink';
import { accountLabel } from '../auth/AccountList';

/** The extension's id as VS Code knows it (publisher.name), for links. */
export const EXTENSION_ID = 'pipedrive-orgs.pipedrive-organizations';

/** pipedrive.copyVsCodeLink: a link that opens this organization's Details in VS Code. */
export async function copyVsCodeLink(ctx: CommandContext, node?: unknown, selected?: unknown): Promise<void> {
  const [target] = organizationsOfSelection(ctx, node, selected ?? (node ? undefined : ctx.treeView.selection));
  if (!target) {
    void ctx.ui().showInformationMessage('Select an organization in the Pipedrive Organizations view first.');
    return;
  }
  const link = organizationLink(vscode.env.uriScheme, EXTENSION_ID, target.id);
  await vscode.env.clipboard.writeText(link);
  void ctx.ui().showInformationMessage(`Copied the VS Code link to "${target.name}".`);
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
  const others = ctx.auth.accounts.filter((a) => a.id !== account?.id);
  const items = [
    ...(others.length ? [{ label: '$(account) Switch Account…', description: `${others.length} other${others.length === 1 ? '' : 's'}`, command: 'pipedrive.switchAccount' }] : []),
    { label: '$(refresh) Refresh', command: 'pipedrive.refresh' },
    { label: '$(sync) Refresh All Organizations', command: 'pipedrive.refreshAll' },
    { label: '$(output) Show the Pipedrive Log', command: '' },
    ...(others.length ? [] : [{ label: '$(add) Add Account…', command: 'pipedrive.addAccount' }]),
    { label: '$(sign-out) Sign Out', description: account ? accountLabel(account) : undefined, command: 'pipedrive.signOut' },
  ];
  const picked = await ctx.ui().showQuickPick(items, { title: 'Pipedrive', placeHolder: account ? accountLabel(account) : 'Pipedrive' });
  if (!picked.command) {
    ctx.log.show(true);
    return;
  }
  await vscode.commands.executeCommand(picked.command);
}
