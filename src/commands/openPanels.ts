// The commands that open the webview panels, and the actions the Details panel's buttons run.
import { orgNodeId, type OrganizationNode } from '../tree/nodes';
import { orgIdFromArg } from '../webviews/orgIdFromArg';
import type { OrganizationAction } from '../webviews/PanelDeps';
import type { CommandContext } from './CommandContext';
import { toggleFollowMe } from './follow';
import { deleteOrganization } from './deleteOrganizations';
import { mergeOrganizations } from './mergeOrganizations';
import { updateOrganization } from './updateOrganization';
import { pickOrganization } from './pickOrganization';
import { t } from '../util/l10n';

/** The organization id of the argument (a tree node, an id), or (from the palette) one picked by search. */
async function organizationId(ctx: CommandContext, arg: unknown, title: string): Promise<number> {
  return orgIdFromArg(arg) ?? (await pickOrganization(ctx, { title })).id;
}

/**
 * pipedrive.openDetails: opens (or reveals) the organization's Details panel; resolves once the
 * panel has read the organization (or shown why it could not).
 */
export async function openDetails(ctx: CommandContext, arg?: unknown): Promise<void> {
  const id = await organizationId(ctx, arg, t('Open organization details'));
  // A click in the tree (a node) opens like a preview editor: the next click moves that panel on.
  await ctx.panels.openDetails(id, { preview: typeof arg === 'object' && arg !== null }).whenLoaded();
}

/** pipedrive.openFlow: opens (or reveals) the organization's Flow panel (its timeline). */
export async function openFlow(ctx: CommandContext, arg?: unknown): Promise<void> {
  const id = await organizationId(ctx, arg, t('Open organization flow'));
  ctx.panels.openFlow(id, { preview: typeof arg === 'object' && arg !== null });
}

const ACTION_HANDLERS: Record<Exclude<OrganizationAction, 'follow'>, (ctx: CommandContext, node: OrganizationNode) => Promise<void>> = {
  update: updateOrganization,
  merge: mergeOrganizations,
  delete: deleteOrganization,
};

/**
 * A Details panel button: the command of the action with the organization's tree node, as the
 * context menu runs it (so its prompts, store updates and error boundary are the same). Follow
 * toggles: I follow it when I do not, else I stop following it.
 */
export async function runPanelAction(ctx: CommandContext, action: OrganizationAction, orgId: number): Promise<void> {
  const node = await organizationNode(ctx, orgId);
  if (action === 'follow') return toggleFollowMe(ctx, node);
  // The handler itself: the panel's call already runs inside the one error boundary.
  await ACTION_HANDLERS[action](ctx, node);
}

/**
 * The organization's node. A panel may show an organization the store has not seen (restored
 * after a reload): one GET makes it known, so prompts name it and the tree can place it.
 */
async function organizationNode(ctx: CommandContext, orgId: number): Promise<OrganizationNode> {
  if (!ctx.store.summaryOf(orgId)) {
    const client = ctx.requireClient();
    const details = await ctx.withProgress(t('Loading the organization…'), (signal) => client.getOrganization(orgId, { signal }));
    ctx.store.noteOrganizations([details.organization]);
  }
  return ctx.tree.organizationNode(orgId) ?? { type: 'organization', id: orgNodeId(orgId, false), parent: undefined, orgId };
}
