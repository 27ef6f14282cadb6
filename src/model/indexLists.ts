// The tree's organization lists read from the local organization index: a letter, or "Recently
// changed". Both cost no request; the store uses them whenever an index is attached and no saved
// filter is chosen (a saved filter can only be evaluated by Pipedrive).
import type { Organization } from '../api';
import { parseSort, type SortSpec } from '../api/sortSpec';
import type { OrganizationIndexView } from './orgIndex/types';

/** What the store links to: the account's index and the two ways it changes it. */
export interface StoreIndex {
  readonly view: OrganizationIndexView;
  /** A change this extension made in Pipedrive (add, update, merge, delete): the index takes it at once. */
  ownWrite(write: { upserted?: readonly Organization[]; removed?: readonly number[] }): void;
  /** Refresh: catch up with what changed in Pipedrive since the last sync (one recents request). */
  catchUp(): void;
}

export interface LocalPage {
  items: Organization[];
  /** Offset of the next page, or null at the end. */
  next: number | null;
  total: number;
}

/** One page of a letter (an index group key), for an owner when given, in the sort's order. */
export function letterPage(view: OrganizationIndexView, group: string, ownerId: number | undefined, sort: string, start: number, limit: number): LocalPage {
  const { items, total } = view.query({ group, ownerId, sort: parseSort(sort), start, limit });
  const end = start + items.length;
  return { items, next: end < total ? end : null, total };
}

const RECENT_SORT: SortSpec = { keys: [{ field: 'update_time', direction: 'desc' }] };

/**
 * One page of "Recently changed": organizations updated since `sinceMs`, newest first. The list
 * ends at the first older one, so paging never walks past the window.
 */
export function recentPage(view: OrganizationIndexView, ownerId: number | undefined, sinceMs: number, start: number, limit: number): LocalPage {
  const { items, total } = view.query({ ownerId, sort: RECENT_SORT, start, limit });
  const inWindow: Organization[] = [];
  for (const o of items) {
    if (!(updatedAtMs(o) >= sinceMs)) return { items: inWindow, next: null, total };
    inWindow.push(o);
  }
  const end = start + items.length;
  return { items: inWindow, next: end < total ? end : null, total };
}

/** v1's `YYYY-MM-DD HH:MM:SS` (UTC) update time as epoch ms; NaN when absent or unreadable. */
function updatedAtMs(o: Organization): number {
  const t = typeof o.update_time === 'string' ? o.update_time : '';
  return Date.parse(/T/.test(t) ? t : `${t.replace(' ', 'T')}Z`);
}
