import type { OrganizationNode, TreeNode } from '../tree/nodes';
import type { CommandContext } from './CommandContext';

/**
 * The organizations a tree command acts on. VS Code passes (clicked node, selected nodes) when the
 * command runs from a context menu with canSelectMany; from a keybinding or the palette there may
 * be neither, and the view's selection is used. Returns unique organization ids, in tree order.
 */
export function selectedOrganizations(ctx: CommandContext, node?: TreeNode, nodes?: readonly TreeNode[]): number[] {
  const pool = nodes && nodes.length > 0 ? nodes : node ? [node] : ctx.treeView.selection;
  const ids = pool.filter((n): n is OrganizationNode => n?.type === 'organization').map((n) => n.orgId);
  return [...new Set(ids)];
}
