// Every command id of the extension, in one list that loads without vscode, so the manifest test
// (test/unit/commandManifest.test.ts) can check package.json against it. Add new ids here; the
// table in index.ts then fails to compile until it has a handler for each.

export const COMMAND_IDS = [
  'pipedrive.signIn',
  'pipedrive.signOut',
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
  'pipedrive.openAsJson',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
