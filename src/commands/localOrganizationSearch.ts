// Search by name in the local organization index (today's API keeps every organization there), so
// the search picker shows name matches on the keystroke, with no request; Pipedrive's search still
// runs after the quiet period and adds what only it can find (address, notes, custom fields).
import type { Organization } from '../api/records';
import { parseSort } from '../api/sortSpec';
import type { OrganizationIndexView } from '../model/orgIndex/types';

/** Lower-cased names by id, built once per index state (rebuilt after the index changes). */
interface NameTable {
  ids: number[];
  names: string[];
}

const BY_NAME = parseSort('name ASC');
const CHUNK = 2000;
const tables = new WeakMap<OrganizationIndexView, { table: NameTable | undefined }>();

function fold(s: string): string {
  return s.toLocaleLowerCase();
}

function tableOf(index: OrganizationIndexView): NameTable {
  let entry = tables.get(index);
  if (!entry) {
    const created: { table: NameTable | undefined } = { table: undefined };
    // Any change may rename, add or remove: the next search builds the table again. The listener
    // lives as long as the index (one per signed-in account).
    index.onDidChange(() => (created.table = undefined));
    tables.set(index, created);
    entry = created;
  }
  if (!entry.table) {
    const ids: number[] = [];
    const names: string[] = [];
    for (let start = 0; ; start += CHUNK) {
      const { items, total } = index.query({ sort: BY_NAME, start, limit: CHUNK });
      for (const o of items) {
        ids.push(o.id);
        names.push(fold(o.name ?? ''));
      }
      if (items.length === 0 || start + CHUNK >= total) break;
    }
    entry.table = { ids, names };
  }
  return entry.table;
}

/**
 * Organizations whose name contains `term` (or equals it, for an exact match), in name order, at
 * most `limit`; undefined when the index is not complete yet (it could miss organizations).
 */
export function searchLocalNames(index: OrganizationIndexView | undefined, term: string, exactMatch: boolean, limit: number): Organization[] | undefined {
  if (!index?.ready) return undefined;
  const t = fold(term.trim());
  if (t === '') return [];
  const { ids, names } = tableOf(index);
  const found: Organization[] = [];
  for (let i = 0; i < names.length && found.length < limit; i++) {
    if (exactMatch ? names[i] !== t : !names[i].includes(t)) continue;
    const org = index.get(ids[i]);
    if (org) found.push(org);
  }
  return found;
}
