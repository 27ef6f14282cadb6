// Every command id of the extension, in one list that loads without vscode, so the manifest test
// (test/unit/commands/commandManifest.test.ts) can check package.json against it. Add new ids here; the
// table in index.ts then fails to compile until it has a handler for each.

import type { ExportRunOptions } from '../export/vscode/exportOrganizationsCommand';
import type { TreeNode } from '../tree/nodes';
import type { BulkEditRunOptions } from './bulkEdit';

export const COMMAND_IDS = [
  'pipedrive.signIn',
  'pipedrive.signOut',
  'pipedrive.addAccount',
  'pipedrive.switchAccount',
  'pipedrive.removeAccount',
  'pipedrive.refresh',
  'pipedrive.refreshAll',
  'pipedrive.loadMore',
  'pipedrive.retry',
  'pipedrive.chooseOwnerScope',
  'pipedrive.chooseFilter',
  'pipedrive.search',
  'pipedrive.add',
  'pipedrive.update',
  'pipedrive.merge',
  'pipedrive.follow',
  'pipedrive.unfollow',
  'pipedrive.delete',
  'pipedrive.deleteSelected',
  'pipedrive.copyId',
  'pipedrive.copyLink',
  'pipedrive.openInPipedrive',
  'pipedrive.openDetails',
  'pipedrive.openFlow',
  'pipedrive.exportOrganizations',
  'pipedrive.copyVsCodeLink',
  'pipedrive.openSelectedDetails',
  'pipedrive.statusMenu',
  'pipedrive.bulkEdit',
  'pipedrive.openAsJson',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/**
 * What each command takes after the CommandContext, as VS Code or the extension passes it: a tree
 * node or an organization id where a command acts on one organization (`target`), the view's
 * selection after it where the command acts on many. Palette runs pass nothing. The command table
 * and `executeCommand` (index.ts) are typed by it, so a caller cannot pass what a handler does not read.
 */
export interface CommandArgs {
  'pipedrive.signIn': [];
  'pipedrive.signOut': [];
  'pipedrive.addAccount': [];
  /** An account id (the status bar and tests); none: pick one. */
  'pipedrive.switchAccount': [accountId?: string];
  'pipedrive.removeAccount': [accountId?: string];
  'pipedrive.refresh': [];
  'pipedrive.refreshAll': [];
  'pipedrive.loadMore': [node?: TreeNode];
  'pipedrive.retry': [node?: TreeNode];
  'pipedrive.chooseOwnerScope': [];
  'pipedrive.chooseFilter': [];
  'pipedrive.search': [];
  'pipedrive.add': [];
  'pipedrive.update': [target?: unknown];
  'pipedrive.merge': [target?: unknown];
  'pipedrive.follow': [target?: unknown];
  'pipedrive.unfollow': [target?: unknown];
  'pipedrive.delete': [target?: unknown, selected?: unknown];
  'pipedrive.deleteSelected': [target?: unknown, selected?: unknown];
  'pipedrive.copyId': [target?: unknown];
  'pipedrive.copyLink': [target?: unknown];
  'pipedrive.openInPipedrive': [target?: unknown];
  'pipedrive.openDetails': [target?: unknown];
  'pipedrive.openFlow': [target?: unknown];
  'pipedrive.exportOrganizations': [target?: TreeNode, selected?: readonly TreeNode[], run?: ExportRunOptions];
  'pipedrive.copyVsCodeLink': [target?: unknown, selected?: unknown];
  'pipedrive.openSelectedDetails': [];
  'pipedrive.statusMenu': [];
  'pipedrive.bulkEdit': [target?: unknown, selected?: unknown, run?: BulkEditRunOptions];
  'pipedrive.openAsJson': [target?: unknown];
}
