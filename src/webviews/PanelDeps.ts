import type * as vscode from 'vscode';
import type { PipedriveClient } from '../api';
import type { SessionCatalog } from '../model/SessionCatalog';
import type { OrganizationActions } from '../model/OrganizationActions';

/** The actions the Details panel's buttons run through the extension's commands. */
export type OrganizationAction = 'update' | 'merge' | 'delete' | 'follow';

/** The store's event: one organization updated, deleted or merged away (model/storeTypes.ts). */
export type { OrganizationChangeEvent } from '../model/storeTypes';
import type { OrganizationChangeEvent } from '../model/storeTypes';

/** Where panel diagnostics go (a LogOutputChannel fits). */
export interface PanelLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What the panels need from the rest of the extension. */
export interface PanelDeps {
  /** The signed-in client, undefined when signed out. */
  getClient(): PipedriveClient | undefined;
  /** The company's Pipedrive subdomain (`acme` of acme.pipedrive.com), for "Open in Pipedrive". */
  companyDomain(): string | undefined;
  /** Optional: the signed-in user's id, so the Follow button can say Unfollow when I follow. */
  myUserId?(): number | undefined;
  /** Runs the command of an action for this organization (with its prompts and error boundary). */
  runAction(action: OrganizationAction, orgId: number): Promise<void>;
  /**
   * Adds and removes followers: the extension's OrganizationActions, so the store updates the
   * tree's count, the Followers group and, for me, Follow/Unfollow (one route for every change).
   */
  followers: Pick<OrganizationActions, 'addFollower' | 'removeFollower'>;
  /** Fired by the store when an organization is updated, deleted or merged away. */
  onDidChangeOrganization: vscode.Event<OrganizationChangeEvent>;
  log: PanelLog;
  /**
   * Optional: the session's users and organization fields, shared with the rest of the extension.
   * Without it the panels keep their own (read once per client).
   */
  session?: SessionCatalog;
  /**
   * Optional: settles when the silent sign-in on activation has finished. Panels restored after a
   * reload wait for it before they read, instead of showing "Sign in" for a moment.
   */
  ready?: PromiseLike<unknown>;
}
