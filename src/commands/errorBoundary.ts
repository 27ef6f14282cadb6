import { errorDetails, errorMessage, isCancellation } from '../util/errors';
import type { CommandContext } from './CommandContext';
import type { CommandId } from './ids';
import { t } from '../util/l10n';

/** The button of an error message that reveals the output channel. */
export const showDetailsAction = (): string => t('Show Details');

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

/**
 * What the person was doing, in front of the reason: "Deleting failed: …". Ids not listed: the reason
 * alone. Functions, so the words are looked up when shown, in the display language.
 */
const DOING: Readonly<Partial<Record<CommandId, () => string>>> = {
  'pipedrive.signIn': () => t('Signing in'),
  'pipedrive.refresh': () => t('Refreshing'),
  'pipedrive.refreshAll': () => t('Reading all organizations'),
  'pipedrive.loadMore': () => t('Loading more'),
  'pipedrive.retry': () => t('Loading'),
  'pipedrive.chooseOwnerScope': () => t('Choosing an owner'),
  'pipedrive.chooseFilter': () => t('Choosing a filter'),
  'pipedrive.search': () => t('Searching'),
  'pipedrive.add': () => t('Adding the organization'),
  'pipedrive.update': () => t('Saving the changes'),
  'pipedrive.merge': () => t('Merging'),
  'pipedrive.follow': () => t('Following'),
  'pipedrive.unfollow': () => t('Unfollowing'),
  'pipedrive.delete': () => t('Deleting'),
  'pipedrive.deleteSelected': () => t('Deleting'),
  'pipedrive.openDetails': () => t('Opening the details'),
  'pipedrive.openFlow': () => t('Opening the flow'),
  'pipedrive.openAsJson': () => t('Opening as JSON'),
  'pipedrive.bulkEdit': () => t('Editing the selected organizations'),
  'pipedrive.exportOrganizations': () => t('Exporting'),
  'pipedrive.copyId': () => t('Copying the ID'),
  'pipedrive.copyLink': () => t('Copying the link'),
  'pipedrive.openInPipedrive': () => t('Opening in Pipedrive'),
  'pipedrive.copyVsCodeLink': () => t('Copying the VS Code link'),
};

export function reportError(ctx: CommandContext, id: string, e: unknown): void {
  ctx.log.error(ctx.auth.redact(`${id} failed: ${errorDetails(e)}`));
  const doing = DOING[id as CommandId]?.();
  // The reason stays as the client wrote it (src/api is English, see src/util/l10n.ts); the frame is translated.
  const message = ctx.auth.redact(doing ? t('{0} failed: {1}', doing, errorMessage(e)) : errorMessage(e));
  const showDetails = showDetailsAction();
  // Not awaited: the notification stays until dismissed, the command must not wait for it.
  void ctx
    .ui()
    .showErrorMessage(message, showDetails)
    .then((action) => {
      if (action === showDetails) ctx.log.show(true);
    });
}
