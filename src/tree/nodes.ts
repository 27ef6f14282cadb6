// The nodes of the Organizations tree. They hold ids and keys only: pages and cursors live in the
// store. Ids are stable (`letter:A`, `org:123`, `org:123/persons`, `recent`), so VS Code keeps
// expansion and selection across refreshes, and an organization under "Recently changed" gets
// `recent/org:123` (one id may appear only once in a tree).
import type { GroupItem, GroupKind, ListKey } from '../model/OrganizationStore';

interface Base {
  readonly id: string;
  readonly parent: TreeNode | undefined;
}

export interface LetterNode extends Base {
  readonly type: 'letter';
  readonly letter: string;
  readonly listKey: ListKey;
}

export interface RecentNode extends Base {
  readonly type: 'recent';
  readonly listKey: 'recent';
}

export interface OrganizationNode extends Base {
  readonly type: 'organization';
  readonly orgId: number;
}

export interface GroupNode extends Base {
  readonly type: 'group';
  readonly orgId: number;
  readonly group: GroupKind;
  readonly listKey: ListKey;
}

export interface ItemNode extends Base {
  readonly type: 'item';
  readonly group: GroupKind;
  readonly item: GroupItem;
}

/** "Load more…" at the end of a list with more pages. */
export interface LoadMoreNode extends Base {
  readonly type: 'loadMore';
  readonly listKey: ListKey;
}

/** A list that failed to load: the message, and Retry (click, inline action, pipedrive.retry). */
export interface ErrorNode extends Base {
  readonly type: 'error';
  readonly listKey: ListKey;
  /** The row: a few words, so "Retry" fits the sidebar. */
  readonly message: string;
  /** The tooltip: what was being loaded and the whole reason. */
  readonly detail?: string;
}

/** A line of text: "No organizations", or why a list fell back to another route. */
export interface MessageNode extends Base {
  readonly type: 'message';
  readonly message: string;
  readonly icon?: string;
}

export type TreeNode = LetterNode | RecentNode | OrganizationNode | GroupNode | ItemNode | LoadMoreNode | ErrorNode | MessageNode;

/** Nodes whose children are a store list. */
export type ListNode = LetterNode | RecentNode | GroupNode;

export function isListNode(node: TreeNode | undefined): node is ListNode {
  return !!node && (node.type === 'letter' || node.type === 'recent' || node.type === 'group');
}

export const orgNodeId = (orgId: number, underRecent: boolean) => (underRecent ? `recent/org:${orgId}` : `org:${orgId}`);
