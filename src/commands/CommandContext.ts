import type * as vscode from 'vscode';
import type { Organization, PipedriveClient } from '../api';
import type { AuthService } from '../auth/AuthService';
import type { OrganizationStore, OwnerScope } from '../model/OrganizationStore';
import type { OrganizationActions } from '../model/OrganizationActions';
import type { OrganizationIndexView } from '../model/orgIndex/types';
import type { SessionCatalog } from '../model/SessionCatalog';
import type { TreeNode } from '../tree/nodes';
import type { OrganizationTreeProvider } from '../tree/OrganizationTreeProvider';
import type { UserInput } from '../ui/UserInput';
import type { Panels } from '../webviews/registerPanels';

/** What command handlers work with. Built once in activate(); handlers get it as their first argument. */
export interface CommandContext {
  readonly auth: AuthService;
  readonly store: OrganizationStore;
  /** Every change to an organization: the client call, then the store (tree, index, open panels). */
  readonly actions: OrganizationActions;
  /** The session's users (kept in the store) and organization fields, read once per sign-in. */
  readonly session: SessionCatalog;
  readonly tree: OrganizationTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly log: vscode.LogOutputChannel;
  /** The Details and Flow panels (one per organization each). */
  readonly panels: Panels;
  /**
   * The signed-in account's local organization index (every organization, kept in sync through
   * recents); undefined when signed out. Check `ready` before trusting it to be complete.
   */
  index(): OrganizationIndexView | undefined;
  /** Refresh All: reads every organization again (asks first when the token budget is low). */
  refreshAll(): Promise<void>;
  /** The prompts: real ones, or the scripted ones a test installed (setUserInput). */
  ui(): UserInput;
  /** The client of the signed-in session; throws "Sign in first" when signed out. */
  requireClient(): PipedriveClient;
  /** A cancellable notification with progress; the task gets an AbortSignal for the client. */
  withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Progress shown in the Organizations view (tree loads). */
  withViewProgress<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Shows an organization under its letter and selects it (pins it there if its page is not loaded). */
  reveal(org: Organization | number, options?: { select?: boolean; focus?: boolean; expand?: boolean | number }): Promise<TreeNode | undefined>;
  /** Applies and remembers (globalState) the owner scope and saved filter. */
  setScope(scope: OwnerScope): Promise<void>;
}
