import type { User } from '../api';
import type { PromptStep } from '../ui/UserInput';
import { errorKind } from '../util/errors';
import type { CommandContext } from './CommandContext';
import { switchToMostRecent } from './accounts';
import { t } from '../util/l10n';

export const tokenPrompt = (): string => t('Paste your Pipedrive API token (Pipedrive: Settings → Personal preferences → API)');

/** pipedrive.signIn: asks for the API token, checks it with GET /v1/users/me, stores it in SecretStorage. */
export async function signIn(ctx: CommandContext): Promise<void> {
  const user = await askToken(ctx, { title: t('Sign in to Pipedrive') }, (token, signal) => ctx.auth.signIn(token, signal));
  if (user) ctx.log.info(ctx.auth.redact(`Signed in as ${user.name}.`));
}

/** The token prompt and its check; a token Pipedrive rejects gets a message that says what to do. */
export async function askToken(ctx: CommandContext, step: PromptStep & { title: string }, check: (token: string, signal: AbortSignal) => Promise<User>): Promise<User> {
  const token = await ctx.ui().showInputBox({
    ...step,
    prompt: tokenPrompt(),
    placeHolder: t('API token'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : t('Enter your API token.')),
  });
  try {
    return await ctx.withProgress(t('Checking your Pipedrive API token…'), (signal) => check(token, signal));
  } catch (e) {
    if (errorKind(e) === 'auth') {
      throw Object.assign(new Error(t('Pipedrive rejected this API token (401 Unauthorized), so it was not saved. Copy your personal API token from Pipedrive (Settings → Personal preferences → API) and try again.')), {
        cause: e,
      });
    }
    throw e;
  }
}

/**
 * pipedrive.signOut: signs out of the active account (its token is deleted). Another added account,
 * if any, becomes the active one, so an agency's other companies stay a click away.
 */
export async function signOut(ctx: CommandContext): Promise<void> {
  await ctx.auth.signOut();
  await switchToMostRecent(ctx);
}
