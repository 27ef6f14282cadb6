// After a failed change, the person's answers are kept: the message offers Retry with the same
// answers instead of sending them back through every prompt.
import { PipedriveError } from '../api';
import { accountChangedMessage } from '../model/OrganizationActions';
import { errorMessage, isCancellation } from '../util/errors';
import type { CommandContext } from './CommandContext';
import { showDetailsAction } from './errorBoundary';
import { t } from '../util/l10n';

/** The button that sends a failed change again. */
export const retryAction = (): string => t('Retry');

/** What Pipedrive shows after a lost answer: the change went through (`done`), or a sentence for the message. */
export type LostAnswerCheck<T> = (e: PipedriveError, startedAt: number) => Promise<{ done: T } | { note: string }>;

const MAY_HAVE_APPLIED_RE = / ?The change may or may not have been applied[^.]*\./;

/**
 * Runs `send` until it succeeds or the person lets it go (resolves undefined). Input the server
 * refused as invalid, a sign-in problem and cancellation are not offered again: they go to the
 * error boundary as before. `doing` starts the message: "Saving "Acme" failed: …".
 *
 * When the answer was lost (reset, timeout, 5xx after sending) and `lostAnswer` is given, Pipedrive
 * is asked what happened before Retry is offered, so a Retry never applies a change twice: a change
 * that went through ends as a success, otherwise the message says what is known instead of
 * "may or may not have been applied".
 */
export async function withRetryOffer<T>(ctx: CommandContext, doing: string, send: () => Promise<T>, lostAnswer?: LostAnswerCheck<T>): Promise<T | undefined> {
  // The message with Retry can wait while the person switches accounts: the answers belong to this one.
  const account = ctx.auth.account?.id;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0 && ctx.auth.account?.id !== account) throw new Error(t('{0} was not sent again: {1}', doing, accountChangedMessage()));
    const startedAt = Date.now();
    try {
      return await send();
    } catch (e) {
      if (isCancellation(e) || !(e instanceof PipedriveError) || e.kind === 'validation' || e.kind === 'auth' || e.kind === 'not-found') throw e;
      ctx.log.error(ctx.auth.redact(`${doing} failed (${e.kind}${e.status ? ` ${e.status}` : ''}, ${e.operation}${e.route ? `, ${e.route}` : ''}).`));
      let reason = errorMessage(e);
      if (e.uncertain && lostAnswer) {
        const found = await lostAnswer(e, startedAt).catch((checkError: unknown) => {
          if (isCancellation(checkError)) throw checkError;
          ctx.log.warn(`Could not check what Pipedrive shows after the lost answer: ${errorMessage(checkError)}`);
          return { note: t('Check in Pipedrive before you retry: it may have gone through.') };
        });
        if ('done' in found) return found.done;
        reason = `${reason.replace(MAY_HAVE_APPLIED_RE, '').trim()} ${found.note}`;
      }
      const retry = retryAction();
      const showDetails = showDetailsAction();
      const action = await ctx.ui().showErrorMessage(ctx.auth.redact(t('{0} failed: {1}', doing, reason)), retry, showDetails);
      if (action === showDetails) ctx.log.show(true);
      if (action !== retry) return undefined;
    }
  }
}
