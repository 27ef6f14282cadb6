import { errorKind } from '../util/errors';
import type { CommandContext } from './CommandContext';

export const TOKEN_PROMPT = 'Paste your Pipedrive API token (Pipedrive: Settings → Personal preferences → API)';

/** pipedrive.signIn: asks for the API token, checks it with GET /v1/users/me, stores it in SecretStorage. */
export async function signIn(ctx: CommandContext): Promise<void> {
  const token = await ctx.ui().showInputBox({
    title: 'Sign in to Pipedrive',
    prompt: TOKEN_PROMPT,
    placeHolder: 'API token',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter your API token.'),
  });
  try {
    const user = await ctx.withProgress('Checking your Pipedrive API token…', (signal) => ctx.auth.signIn(token, signal));
    ctx.log.info(ctx.auth.redact(`Signed in as ${user.name}.`));
  } catch (e) {
    if (errorKind(e) === 'auth') {
      throw Object.assign(new Error('Pipedrive rejected this API token (401 Unauthorized), so it was not saved. Copy your personal API token from Pipedrive (Settings → Personal preferences → API) and try again.'), {
        cause: e,
      });
    }
    throw e;
  }
}

/** pipedrive.signOut: deletes the token from SecretStorage. */
export async function signOut(ctx: CommandContext): Promise<void> {
  await ctx.auth.signOut();
}
