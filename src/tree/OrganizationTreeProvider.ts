import * as vscode from 'vscode';
import {
  GROUPS,
  groupKey,
  letterKey,
  listErrorMessage,
  RECENT_KEY,
  type GroupItem,
  type ListKey,
  type OrganizationStore,
  type StoreChange,
} from '../model/OrganizationStore';
import { OTHER_GROUP } from '../api/firstChar';
import { oneLine } from '../util/escape';
import { shortReason } from '../util/errors';
import { emptyText, GROUP_ICONS, groupCount, groupLabel, itemText, organizationDescription, organizationTooltip } from './labels';
import { isListNode, orgNodeId, type ListNode, type OrganizationNode, type TreeNode } from './nodes';
import { t } from '../util/l10n';

/** Runs a first load with progress shown in the view (injected so the provider stays testable). */
export type ViewProgress = <T>(task: (signal: AbortSignal) => Promise<T>) => Promise<T>;


/**
 * Maps the store to TreeItems. getChildren of a list node loads its first page through the store
 * (one request, shared by concurrent callers) and never throws: failures become an error node.
 * Nodes are interned by id, so `onDidChangeTreeData.fire(node)` and reveal() find them again.
 */
export class OrganizationTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly subscription: { dispose(): void };
  /** Nodes whose getChildren is running, and refreshes held back until it is done. */
  private readonly inFlight = new Map<TreeNode, number>();
  private readonly heldBack = new Set<TreeNode>();

  constructor(
    private readonly store: OrganizationStore,
    private readonly isSignedIn: () => boolean,
    private readonly progress: ViewProgress,
  ) {
    this.subscription = store.onDidChange((c) => this.onStoreChange(c));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Re-reads everything (sign-in state changed). */
  refreshAll(): void {
    this.heldBack.clear();
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  // ---- TreeDataProvider -----------------------------------------------------------------------

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) this.inFlight.set(node, (this.inFlight.get(node) ?? 0) + 1);
    try {
      return await this.childrenOf(node);
    } finally {
      // VS Code registers the returned nodes a few microtasks after this resolves: hold back
      // refreshes of this subtree until then (see fireNode).
      if (node) setTimeout(() => this.settled(node), 0);
    }
  }

  private async childrenOf(node?: TreeNode): Promise<TreeNode[]> {
    try {
      if (!node) return this.rootChildren();
      if (node.type === 'organization') return this.groupNodes(node);
      if (!isListNode(node)) return [];
      await this.loadFirstPage(node);
      return this.listChildren(node);
    } catch (e) {
      // The tree must never break: whatever went wrong shows as a line in it.
      return [this.intern({ type: 'message', id: `${node?.id ?? 'root'}/failed`, parent: node, message: oneLine(listErrorMessage(e)), icon: 'error' })];
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'letter': {
        const item = new vscode.TreeItem(node.letter, vscode.TreeItemCollapsibleState.Collapsed);
        const count = this.store.letterCount(node.letter);
        const list = this.store.peek(node.listKey);
        if (count !== undefined) item.description = String(count);
        else if (list?.loaded) item.description = `${list.items.length}${list.hasMore ? '+' : ''}`;
        item.contextValue = 'letter';
        return this.withId(item, node);
      }
      case 'recent': {
        const item = new vscode.TreeItem(t('Recently changed'), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = t('last 7 days');
        item.iconPath = new vscode.ThemeIcon('history');
        item.contextValue = 'recent';
        return this.withId(item, node);
      }
      case 'organization':
        return this.organizationItem(node);
      case 'group': {
        const item = new vscode.TreeItem(groupLabel(node.group), vscode.TreeItemCollapsibleState.Collapsed);
        const list = this.store.peek(node.listKey);
        const count = list?.loaded && !list.hasMore ? list.items.length : groupCount(this.store.summaryOf(node.orgId), node.group);
        if (count !== undefined) item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group]);
        item.contextValue = `group.${node.group}`;
        return this.withId(item, node);
      }
      case 'item': {
        const text = itemText(node.group, node.item, this.store.knownUsers);
        const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.None);
        item.description = text.description;
        item.iconPath = new vscode.ThemeIcon(text.icon);
        item.contextValue = node.group.replace(/s$/, '');
        return this.withId(item, node);
      }
      case 'loadMore': {
        const item = new vscode.TreeItem(t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('more');
        item.contextValue = 'loadMore';
        item.command = { command: 'pipedrive.loadMore', title: t('Load More'), arguments: [node] };
        return this.withId(item, node);
      }
      case 'error': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.tooltip = t('{0}\nClick to retry.', node.detail ?? node.message);
        item.contextValue = 'error';
        item.command = { command: 'pipedrive.retry', title: t('Retry'), arguments: [node] };
        return this.withId(item, node);
      }
      case 'message': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        item.contextValue = 'message';
        return this.withId(item, node);
      }
    }
  }

  // ---- nodes ----------------------------------------------------------------------------------

  /** The node of a letter (created when needed). */
  letterNode(letter: string): TreeNode {
    return this.intern({ type: 'letter', id: letterKey(letter), parent: undefined, letter, listKey: letterKey(letter) });
  }

  recentNode(): TreeNode {
    return this.intern({ type: 'recent', id: RECENT_KEY, parent: undefined, listKey: RECENT_KEY });
  }

  /** The node of an organization under its letter (for reveal), when the store knows it. */
  organizationNode(orgId: number): OrganizationNode | undefined {
    const org = this.store.summaryOf(orgId);
    if (!org) return undefined;
    const parent = this.letterNode(this.store.letterOfName(org.name));
    return this.intern({ type: 'organization', id: orgNodeId(orgId, false), parent, orgId }) as OrganizationNode;
  }

  /** An interned node by id (tests and commands look nodes up this way). */
  nodeById(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  private rootChildren(): TreeNode[] {
    if (!this.isSignedIn() || !this.store.hasBackend) return [];
    return [this.recentNode(), ...this.store.letters.map((l) => this.letterNode(l))];
  }

  private groupNodes(node: OrganizationNode): TreeNode[] {
    const prefix = node.id.startsWith('recent/') ? 'recent/' : '';
    return GROUPS.map((group) =>
      this.intern({ type: 'group', id: `${prefix}${groupKey(node.orgId, group)}`, parent: node, orgId: node.orgId, group, listKey: groupKey(node.orgId, group) }),
    );
  }

  private async loadFirstPage(node: ListNode): Promise<void> {
    const list = this.store.list(node.listKey);
    if (list.loading && !list.loadingMore) {
      await list.loading;
      return;
    }
    if (list.loaded || list.error !== undefined || list.loading) return;
    await this.progress((signal) => this.store.ensureLoaded(node.listKey, { signal }));
  }

  private listChildren(node: ListNode): TreeNode[] {
    const list = this.store.list(node.listKey);
    const children: TreeNode[] = [];
    if (list.notice) children.push(this.intern({ type: 'message', id: `${node.id}/notice`, parent: node, message: list.notice, icon: 'info' }));
    if (node.type === 'group') {
      for (const item of list.items as GroupItem[]) {
        children.push(this.intern({ type: 'item', id: `${node.id}/${item.id}`, parent: node, group: node.group, item }, true));
      }
    } else {
      const underRecent = node.type === 'recent';
      for (const id of list.items as number[]) {
        if (!this.store.summaryOf(id)) continue;
        children.push(this.intern({ type: 'organization', id: orgNodeId(id, underRecent), parent: node, orgId: id }));
      }
    }
    if (list.error !== undefined) {
      children.push(
        this.intern(
          {
            type: 'error',
            id: `${node.id}/error`,
            parent: node,
            listKey: node.listKey,
            message: t('{0} · Retry', shortReason(list.error)),
            detail: t('{0} failed: {1}', loadingWhat(node, this.store), oneLine(listErrorMessage(list.error))),
          },
          true,
        ),
      );
    } else if (list.hasMore && !list.loadingMore) {
      children.push(this.intern({ type: 'loadMore', id: `${node.id}/more`, parent: node, listKey: node.listKey }));
    } else if (list.loaded && list.items.length === 0) {
      const what = node.type === 'group' ? node.group : 'organizations';
      children.push(this.intern({ type: 'message', id: `${node.id}/empty`, parent: node, message: emptyText(what), icon: undefined }));
    }
    return children;
  }

  private organizationItem(node: OrganizationNode): vscode.TreeItem {
    const org = this.store.summaryOf(node.orgId);
    // The label is the name as text: VS Code renders TreeItem labels literally (no HTML, no markdown).
    const item = new vscode.TreeItem(org ? oneLine(org.name) : t('Organization {0}', node.orgId), vscode.TreeItemCollapsibleState.Collapsed);
    if (org) {
      item.description = organizationDescription(org);
      const tooltip = new vscode.MarkdownString(organizationTooltip(org));
      tooltip.isTrusted = false;
      tooltip.supportHtml = false;
      item.tooltip = tooltip;
    }
    item.iconPath = new vscode.ThemeIcon('organization');
    // A click opens the Details panel; the twistie still expands (VS Code then expands on twistie only).
    item.command = { command: 'pipedrive.openDetails', title: t('Open Organization Details'), arguments: [node] };
    item.contextValue = org?.followed === undefined ? 'organization' : org.followed ? 'organization.followed' : 'organization.notFollowed';
    return this.withId(item, node);
  }

  private withId(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    item.id = node.id;
    return item;
  }

  /** One object per id: VS Code matches fire(node) and reveal(node) by object. */
  private intern<N extends TreeNode>(node: N, replace = false): N {
    const existing = this.nodes.get(node.id);
    if (existing && !replace && existing.type === node.type && existing.parent === node.parent) return existing as N;
    if (existing && replace && existing.type === node.type) {
      // Same id, new content (an error message, an updated item): update in place, keep identity.
      Object.assign(existing, node);
      return existing as N;
    }
    this.nodes.set(node.id, node);
    return node;
  }

  // ---- store → tree events ------------------------------------------------------------------

  private onStoreChange(change: StoreChange): void {
    if (change.kind === 'root') {
      this.heldBack.clear();
      this.nodes.clear();
      this.changed.fire(undefined);
      return;
    }
    const ids =
      change.kind === 'org'
        ? [orgNodeId(change.id, false), orgNodeId(change.id, true)]
        : [change.key, `recent/${change.key}`];
    // A node never shown is not interned: nothing on screen to update.
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (node) this.fireNode(node);
    }
  }

  /**
   * Refreshes a node, unless a getChildren of it or of a node below it is still running: VS Code's
   * extension host clears a refreshed node's children while that fetch later registers them again,
   * which fails with "Element with id … is already registered". Held-back refreshes run after.
   */
  private fireNode(node: TreeNode): void {
    for (const busy of this.inFlight.keys()) {
      for (let n: TreeNode | undefined = busy; n; n = n.parent) {
        if (n === node) {
          this.heldBack.add(node);
          return;
        }
      }
    }
    this.changed.fire(node);
  }

  private settled(node: TreeNode): void {
    const left = (this.inFlight.get(node) ?? 1) - 1;
    if (left > 0) this.inFlight.set(node, left);
    else this.inFlight.delete(node);
    for (const held of [...this.heldBack]) {
      this.heldBack.delete(held);
      this.fireNode(held);
    }
  }
}

/** "Loading organizations starting with C", "Loading the persons of Acme": what a list node loads. */
function loadingWhat(node: ListNode, store: OrganizationStore): string {
  if (node.type === 'letter') return node.letter === OTHER_GROUP ? t('Loading organizations starting with other characters') : t('Loading organizations starting with {0}', node.letter);
  if (node.type === 'recent') return t('Loading recently changed organizations');
  const org = store.summaryOf(node.orgId);
  const of = org ? `"${oneLine(org.name)}"` : t('organization {0}', node.orgId);
  switch (node.group) {
    case 'persons': return t('Loading the persons of {0}', of);
    case 'deals': return t('Loading the deals of {0}', of);
    case 'activities': return t('Loading the activities of {0}', of);
    case 'files': return t('Loading the files of {0}', of);
    case 'followers': return t('Loading the followers of {0}', of);
  }
}

export function listKeyOfNode(node: TreeNode | undefined): ListKey | undefined {
  if (!node) return undefined;
  if (isListNode(node)) return node.listKey;
  if (node.type === 'loadMore' || node.type === 'error') return node.listKey;
  return undefined;
}
