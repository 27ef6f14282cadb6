// The shapes the store speaks in: its change events, its settings and the owner scope. Kept apart
// so the tree, the panels and the host can name them without the store's machinery.
import { errorKind, errorMessage } from '../util/errors';
import type { ListKey } from './listKeys';
import { t } from '../util/l10n';

export type StoreChange =
  /** The set of letters, or everything (after a reset, refresh, scope or settings change). */
  | { kind: 'root' }
  /** One list: its items, its loading or error state. */
  | { kind: 'list'; key: ListKey }
  /** One organization's record (label, description, counts). */
  | { kind: 'org'; id: number };

/**
 * One organization changed in Pipedrive through a command: updated (also its followers), deleted,
 * or merged away into another one. Open panels listen to this (the tree listens to StoreChange).
 */
export interface OrganizationChangeEvent {
  id: number;
  kind: 'updated' | 'deleted' | 'merged';
}

export interface StoreSettings {
  pageSize: number;
  sort: string;
}

export interface OwnerScope {
  /** Only organizations owned by this user (`user_id`); undefined: everyone. */
  ownerId?: number;
  ownerName?: string;
  /** A saved filter (`filter_id`); undefined: no filter. */
  filterId?: number;
  filterName?: string;
}

/** A page size the store accepts: a whole number from 1 to 500 (Pipedrive's limit), 100 when unusable. */
export function clampPageSize(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : 100;
  return Math.min(500, Math.max(1, n));
}

/** A person-readable reason a list failed, for the tree's error node. */
export function listErrorMessage(error: unknown): string {
  if (errorKind(error) === 'aborted') return t('Loading was cancelled.');
  return errorMessage(error);
}
