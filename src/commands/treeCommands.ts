import { listKeyOfNode } from '../tree/OrganizationTreeProvider';
import type { TreeNode } from '../tree/nodes';
import type { CommandContext } from './CommandContext';

/** pipedrive.refresh: drops the cache; expanded letters reload as many items as they showed. */
export async function refresh(ctx: CommandContext): Promise<void> {
  ctx.requireClient();
  ctx.store.refresh();
}

/** pipedrive.refreshAll: reads every organization again, dropping those deleted in Pipedrive. */
export async function refreshAll(ctx: CommandContext): Promise<void> {
  ctx.requireClient();
  await ctx.refreshAll();
}

/** pipedrive.loadMore: the next page of the list a "Load more…" node ends (one request). */
export async function loadMore(ctx: CommandContext, node?: TreeNode): Promise<void> {
  const key = listKeyOfNode(node);
  if (!key) return;
  await ctx.withViewProgress((signal) => ctx.store.loadMore(key, { signal }));
}

/** pipedrive.retry: loads a failed list again (the error node's click or inline action). */
export async function retry(ctx: CommandContext, node?: TreeNode): Promise<void> {
  const key = listKeyOfNode(node);
  if (!key) return;
  await ctx.withViewProgress((signal) => ctx.store.retry(key, { signal }));
}
