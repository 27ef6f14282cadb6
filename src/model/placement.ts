// Where an organization a command created or renamed goes in a loaded letter list, so the tree
// shows it in place without reading the letter again.
import type { SortSpec } from '../api/sortSpec';
import type { PagedList } from './PagedList';

// Made on first use: the first Intl object of a process loads ICU data (milliseconds activation need not spend).
let nameCollator: Intl.Collator | undefined;

/**
 * The position of `name` among the loaded `ids` under `sort`'s first key. Undefined when it sorts
 * after a list that has more pages: the server sends it with a later page, in its place.
 * By name: before the first name it sorts before. By a time (update_time, add_time) descending: it
 * was just written, so first; ascending: last, when the list is complete.
 */
export function insertionIndex(ids: readonly number[], name: string, sort: SortSpec, nameOf: (id: number) => string | undefined, complete: boolean): number | undefined {
  const { field, direction } = sort.keys[0];
  if (field !== 'name') return direction === 'desc' ? 0 : complete ? ids.length : undefined;
  const sign = direction === 'desc' ? -1 : 1;
  for (let i = 0; i < ids.length; i++) {
    const other = nameOf(ids[i]);
    if (other !== undefined && sign * (nameCollator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true })).compare(name, other) < 0) return i;
  }
  return complete ? ids.length : undefined;
}

/**
 * Puts a created or renamed organization into a loaded letter list under `sort`. Past the loaded
 * range of a list with more pages the server sends it later, so it stays out, unless `pinned`
 * (it was just revealed): then it goes last, pinned. True when the list changed.
 */
export function placeInSorted(list: PagedList<number>, org: { id: number; name: string }, sort: SortSpec, nameOf: (id: number) => string | undefined, pinned: boolean): boolean {
  if (!list.loaded || list.indexOf(org.id) >= 0) return false;
  const at = insertionIndex(list.items, org.name, sort, nameOf, !list.hasMore);
  if (at === undefined && !pinned) return false;
  list.insert(org.id, at ?? list.items.length, at === undefined || pinned);
  return true;
}

/** "Recently changed": the organization just written goes first. */
export function moveToFront(list: PagedList<number>, id: number): void {
  const i = list.indexOf(id);
  if (i === 0) return;
  if (i > 0) list.items.splice(i, 1);
  list.items.unshift(id);
}
