import { oneLine } from '../util/escape';
import type { OrganizationNode, TreeNode } from '../tree/nodes';
import type { CommandContext } from './CommandContext';
import { pickOrganization, type PickedOrganization } from './pickOrganization';
import { t } from '../util/l10n';

function isOrganizationNode(node: unknown): node is OrganizationNode {
  return !!node && typeof node === 'object' && (node as TreeNode).type === 'organization' && typeof (node as OrganizationNode).orgId === 'number';
}

/** The organization a tree node stands for, with its name as the store knows it. */
export function organizationOfNode(ctx: CommandContext, node: unknown): PickedOrganization | undefined {
  if (!isOrganizationNode(node)) return undefined;
  // Names go into prompts and modal confirmations: one line, no bidi tricks.
  return { id: node.orgId, name: oneLine(ctx.store.summaryOf(node.orgId)?.name ?? t('Organization {0}', node.orgId)) };
}

/**
 * The organizations a tree command acts on. VS Code passes (clicked node, selected nodes): the
 * selection counts when the clicked node is part of it, else the clicked node alone.
 */
export function organizationsOfSelection(ctx: CommandContext, node: unknown, selected: unknown): PickedOrganization[] {
  const clicked = organizationOfNode(ctx, node);
  const all = Array.isArray(selected) ? selected.map((n) => organizationOfNode(ctx, n)).filter((o): o is PickedOrganization => !!o) : [];
  const unique = [...new Map(all.map((o) => [o.id, o])).values()];
  if (clicked && unique.some((o) => o.id === clicked.id)) return unique;
  return clicked ? [clicked] : unique;
}

/** The node's organization, or (from the palette) one picked by search. */
export async function targetOrganization(ctx: CommandContext, node: unknown, title: string): Promise<PickedOrganization> {
  ctx.requireClient();
  return organizationOfNode(ctx, node) ?? pickOrganization(ctx, { title });
}
