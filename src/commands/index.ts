// The command table: every command id (ids.ts) mapped to its handler, registered in one place,
// each behind the one error boundary. Handlers live one per concern in this folder and take the
// CommandContext first; arguments VS Code passes (a tree node, the selection) follow.
import * as vscode from 'vscode';
import { addOrganization } from './addOrganization';
import { bulkEdit } from './bulkEdit';
import { chooseFilter, chooseOwnerScope } from './chooseScope';
import { copyId, copyLink, openInPipedrive } from './copyAndOpen';
import { deleteOrganization, deleteSelected } from './deleteOrganizations';
import { exportOrganizationsCommand } from '../export/vscode/exportOrganizationsCommand';
import { openAsJson } from '../documents/openAsJson';
import { follow, unfollow } from './follow';
import { mergeOrganizations } from './mergeOrganizations';
import { copyVsCodeLink, openSelectedDetails, statusMenu } from '../integration/integrationCommands';
import { openDetails, openFlow } from './openPanels';
import { searchOrganizations } from './searchOrganizations';
import { updateOrganization } from './updateOrganization';
import type { CommandContext } from './CommandContext';
import { withErrorBoundary } from './errorBoundary';
import type { CommandArgs, CommandId } from './ids';
import { signIn, signOut } from './signIn';
import { addAccount, removeAccount, switchAccount } from './accounts';
import { loadMore, refresh, refreshAll, retry } from './treeCommands';

export type CommandHandler<K extends CommandId = CommandId> = (ctx: CommandContext, ...args: CommandArgs[K]) => unknown;

/** The type forces one handler per id in ids.ts, taking the arguments CommandArgs gives it. */
export type CommandTable = { readonly [K in CommandId]: CommandHandler<K> };

export const commandTable: CommandTable = {
  'pipedrive.signIn': signIn,
  'pipedrive.signOut': signOut,
  'pipedrive.addAccount': addAccount,
  'pipedrive.switchAccount': switchAccount,
  'pipedrive.removeAccount': removeAccount,
  'pipedrive.refresh': refresh,
  'pipedrive.refreshAll': refreshAll,
  'pipedrive.loadMore': loadMore,
  'pipedrive.retry': retry,
  'pipedrive.chooseOwnerScope': chooseOwnerScope,
  'pipedrive.chooseFilter': chooseFilter,
  'pipedrive.search': searchOrganizations,
  'pipedrive.add': addOrganization,
  'pipedrive.update': updateOrganization,
  'pipedrive.merge': mergeOrganizations,
  'pipedrive.follow': follow,
  'pipedrive.unfollow': unfollow,
  'pipedrive.delete': deleteOrganization,
  'pipedrive.deleteSelected': deleteSelected,
  'pipedrive.copyId': copyId,
  'pipedrive.copyLink': copyLink,
  'pipedrive.openInPipedrive': openInPipedrive,
  'pipedrive.openDetails': openDetails,
  'pipedrive.openFlow': openFlow,
  'pipedrive.copyVsCodeLink': copyVsCodeLink,
  'pipedrive.openSelectedDetails': openSelectedDetails,
  'pipedrive.statusMenu': statusMenu,
  'pipedrive.exportOrganizations': exportOrganizationsCommand,
  'pipedrive.bulkEdit': bulkEdit,
  'pipedrive.openAsJson': openAsJson,
};

/** Registers every command of the table behind the error boundary. */
export function registerCommands(ctx: CommandContext, table: CommandTable = commandTable): vscode.Disposable[] {
  return (Object.keys(table) as CommandId[]).map((id) => vscode.commands.registerCommand(id, withErrorBoundary(id, table[id] as CommandHandler, ctx)));
}

/** Runs one of the extension's commands by id, with the arguments its handler takes. */
export function executeCommand<K extends CommandId>(id: K, ...args: CommandArgs[K]): Thenable<unknown> {
  return vscode.commands.executeCommand(id, ...args);
}
