// After a failed change, the person's answers are kept: the message offers Retry with the same
// answers instead of sending them back through every prompt.
import { PipedriveError } from '../api';
import { errorMessage, isCancellation } from '../util/errors';
import type { CommandContext } from './CommandContext';
import { SHOW_DETAILS } from './errorBoundary';

export const RETRY = 'Retry';

/**
 * Runs `send` until it succeeds or the person lets it go (resolves undefined). Input the server
 * refused as invalid, a sign-in problem and cancellation are not offered again: they go to the
 * error boundary as before. `doing` starts the message: "Saving "Acme" failed: …".
 */
export async function withRetryOffer<T>(ctx: CommandContext, doing: string, send: () => Promise<T>): Promise<T | undefined> {
  for (;;) {
    try {
      return await send();
    } catch (e) {
      if (isCancellation(e) || !(e instanceof PipedriveError) || e.kind === 'validation' || e.kind === 'auth' || e.kind === 'not-found') throw e;
      ctx.log.error(ctx.auth.redact(`${doing} failed (${e.kind}${e.status ? ` ${e.status}` : ''}, ${e.operation}${e.route ? `, ${e.route}` : ''}).`));
      const action = await ctx.ui().showErrorMessage(ctx.auth.redact(`${doing} failed: ${errorMessage(e)}`), RETRY, SHOW_DETAILS);
      if (action === SHOW_DETAILS) ctx.log.show(true);
      if (action !== RETRY) return undefined;
    }
  }
}
