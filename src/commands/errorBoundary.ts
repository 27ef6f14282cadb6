import { errorDetails, errorMessage, isCancellation } from '../util/errors';
import type { CommandContext } from './CommandContext';
import type { CommandId } from './ids';

export const SHOW_DETAILS = 'Show Details';

/**
 * The one error boundary of every command (azuretools' registerCommand pattern): cancellation
 * (Escape, an aborted request) is silent; any other error is logged with its details (kind,
 * status, operation, stack; token redacted) and shown as a short message whose "Show Details"
 * reveals the output channel. The command itself then resolves: callers never see a rejection.
 */
export function withErrorBoundary<A extends unknown[]>(
  id: string,
  handler: (ctx: CommandContext, ...args: A) => unknown,
  ctx: CommandContext,
): (...args: A) => Promise<unknown> {
  return async (...args: A) => {
    try {
      return await handler(ctx, ...args);
    } catch (e) {
      if (isCancellation(e)) {
        ctx.log.debug(`${id} cancelled`);
        return undefined;
      }
      reportError(ctx, id, e);
      return undefined;
    }
  };
}

/** What the person was doing, in front of the reason: "Deleting failed: …". Ids not listed: the reason alone. */
const DOING: Readonly<Partial<Record<CommandId, string>>> = {
  'pipedrive.signIn': 'Signing in',
  'pipedrive.refresh': 'Refreshing',
  'pipedrive.refreshAll': 'Reading all organizations',
  'pipedrive.loadMore': 'Loading more',
  'pipedrive.retry': 'Loading',
  'pipedrive.chooseOwnerScope': 'Choosing an owner',
  'pipedrive.chooseFilter': 'Choosing a filter',
  'pipedrive.search': 'Searching',
  'pipedrive.add': 'Adding the organization',
  'pipedrive.update': 'Saving the changes',
  'pipedrive.merge': 'Merging',
  'pipedrive.follow': 'Following',
  'pipedrive.unfollow': 'Unfollowing',
  'pipedrive.delete': 'Deleting',
  'pipedrive.deleteSelected': 'Deleting',
  'pipedrive.openDetails': 'Opening the details',
  'pipedrive.openFlow': 'Opening the flow',
  'pipedrive.openAsJson': 'Opening as JSON',
  'pipedrive.bulkEdit': 'Editing the selected organizations',
  'pipedrive.exportOrganizations': 'Exporting',
  'pipedrive.copyId': 'Copying the ID',
  'pipedrive.copyLink': 'Copying the link',
  'pipedrive.openInPipedrive': 'Opening in Pipedrive',
  'pipedrive.copyVsCodeLink': 'Copying the VS Code link',
};

export function reportError(ctx: CommandContext, id: string, e: unknown): void {
  ctx.log.error(ctx.auth.redact(`${id} failed: ${errorDetails(e)}`));
  const doing = DOING[id as CommandId];
  const message = ctx.auth.redact(doing ? `${doing} failed: ${errorMessage(e)}` : errorMessage(e));
  // Not awaited: the notification stays until dismissed, the command must not wait for it.
  void ctx
    .ui()
    .showErrorMessage(message, SHOW_DETAILS)
    .then((action) => {
      if (action === SHOW_DETAILS) ctx.log.show(true);
    });
}
