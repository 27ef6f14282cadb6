// The command table: every command id (ids.ts) mapped to its handler. It is loaded on the first
// command (dist/lazy.js, through src/lazyModules.ts), not at activation; index.ts registers the ids.
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
import { signIn, signOut } from './signIn';
import { addAccount, removeAccount, switchAccount } from './accounts';
import { loadMore, refresh, refreshAll, retry } from './treeCommands';
import type { CommandTable } from './index';

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
