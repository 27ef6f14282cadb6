import type { QuickPickItem } from 'vscode';
import type { CommandContext } from './CommandContext';
import { loadUsers } from './loadUsers';
import { t } from '../util/l10n';

interface ValueItem<T> extends QuickPickItem {
  value: T;
}


/** pipedrive.chooseOwnerScope: show everyone's organizations or one owner's (`user_id`). */
export async function chooseOwnerScope(ctx: CommandContext): Promise<void> {
  const me = ctx.auth.user;
  // The session's users (one owner, read once per sign-in); the store and the client get them from there.
  const users = ctx.session.hasUsers ? loadUsers(ctx) : ctx.withProgress(t('Loading Pipedrive users…'), (signal) => loadUsers(ctx, signal));
  const items = users.then((byId) => {
    const list = [...byId.values()];
    const current = ctx.store.scope.ownerId;
    const active = list.filter((u) => u.active_flag !== false).sort((a, b) => a.name.localeCompare(b.name));
    return [
      { label: t('Everyone'), description: current === undefined ? t('current') : undefined, value: undefined },
      ...active.map<ValueItem<number | undefined>>((u) => ({
        label: u.name,
        description: [u.id === me?.id ? t('you') : undefined, u.id === current ? t('current') : undefined].filter(Boolean).join(', ') || undefined,
        detail: u.email,
        value: u.id,
      })),
    ] as ValueItem<number | undefined>[];
  });
  const picked = await ctx.ui().showQuickPick(items, { placeHolder: t('Show the organizations of'), matchOnDetail: true });
  await ctx.setScope({ ...ctx.store.scope, ownerId: picked.value, ownerName: picked.value === undefined ? undefined : picked.label });
}

/** pipedrive.chooseFilter: apply one of the saved organization filters (`filter_id`), or none. */
export async function chooseFilter(ctx: CommandContext): Promise<void> {
  const client = ctx.requireClient();
  const filters = ctx.withProgress(t('Loading saved filters…'), (signal) => client.listOrganizationFilters({ signal }));
  const items = filters.then((list) => {
    const current = ctx.store.scope.filterId;
    return [
      { label: t('No filter'), description: current === undefined ? t('current') : undefined, value: undefined },
      ...list
        .filter((f) => f.active_flag !== false)
        .map<ValueItem<number | undefined>>((f) => ({ label: f.name, description: f.id === current ? t('current') : undefined, value: f.id })),
    ] as ValueItem<number | undefined>[];
  });
  const picked = await ctx.ui().showQuickPick(items, { placeHolder: t('Filter organizations by a saved filter') });
  await ctx.setScope({ ...ctx.store.scope, filterId: picked.value, filterName: picked.value === undefined ? undefined : picked.label });
}
