// The session's users for the prompts: one owner (the SessionCatalog), read once per sign-in.
import type { User } from '../api';
import type { CommandContext } from './CommandContext';

/** GET /v1/users once per session (the session catalog keeps them in the store, for owner names). */
export async function loadUsers(ctx: CommandContext, signal?: AbortSignal): Promise<ReadonlyMap<number, User>> {
  ctx.requireClient();
  return ctx.session.users(signal);
}
