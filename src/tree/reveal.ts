import type * as vscode from 'vscode';
import type { Organization } from '../api';
import { letterKey, type OrganizationStore } from '../model/OrganizationStore';
import type { TreeNode } from './nodes';
import type { OrganizationTreeProvider } from './OrganizationTreeProvider';

/**
 * Shows an organization under its letter and selects it (after add, search, ...). Loads the letter's
 * first page if needed and pins the organization there when it is on a page not loaded yet.
 */
export async function revealOrganization(
  store: OrganizationStore,
  tree: OrganizationTreeProvider,
  view: vscode.TreeView<TreeNode>,
  org: Organization | number,
  options: { select?: boolean; focus?: boolean; expand?: boolean | number } = { select: true, focus: true },
): Promise<TreeNode | undefined> {
  const id = typeof org === 'number' ? org : org.id;
  if (typeof org !== 'number') {
    const key = letterKey(store.letterOfName(org.name));
    await store.ensureLoaded(key);
    store.pin(org);
  }
  const node = tree.organizationNode(id);
  if (!node) return undefined;
  await view.reveal(node, options);
  return node;
}
