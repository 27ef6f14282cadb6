// Pipedrive's v1 `sort` parameter: "field ASC|DESC" pairs separated by commas.
import { userById } from './company';
import { Org } from './model';

export interface SortKey { field: string; desc: boolean }

/**
 * Names compare case- and accent-insensitively, code point by code point (like Pipedrive's
 * database collation; no numeric ordering). Keys are computed once per sort, not per comparison,
 * so sorting 100000 orgs stays well under a second.
 */
export function nameSortKey(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

const FIELDS: Record<string, (o: Org) => number | string> = {
  id: (o) => o.id,
  name: (o) => nameSortKey(o.name),
  add_time: (o) => o.addTime,
  update_time: (o) => o.updateTime,
  owner_id: (o) => o.ownerId,
  owner_name: (o) => nameSortKey(userById(o.ownerId)?.name ?? ''),
  visible_to: (o) => o.visibleTo,
  label: (o) => o.labelIds[0] ?? 0,
};

export const SORT_FIELDS = Object.keys(FIELDS);

/** Parses "name ASC, update_time DESC"; returns an error message for anything it does not know. */
export function parseSort(text: string): SortKey[] | string {
  const keys: SortKey[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*([a-z_]+)(?:\s+(ASC|DESC))?\s*$/i.exec(part);
    if (!m) return `Invalid sort: "${part.trim()}". Use "field ASC" or "field DESC".`;
    const field = m[1].toLowerCase();
    if (!FIELDS[field]) return `Invalid sort field: "${field}". Allowed: ${SORT_FIELDS.join(', ')}.`;
    keys.push({ field, desc: (m[2] ?? 'ASC').toUpperCase() === 'DESC' });
  }
  return keys;
}

/** Sorts a copy; id is the last tie-break so pages never overlap. */
export function sortOrgs(orgs: readonly Org[], keys: SortKey[]): Org[] {
  const rows = orgs.map((o) => ({ o, k: keys.map((s) => FIELDS[s.field](o)) }));
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.k[i], y = b.k[i];
      if (x !== y) return (x < y ? -1 : 1) * (keys[i].desc ? -1 : 1);
    }
    return a.o.id - b.o.id;
  });
  return rows.map((r) => r.o);
}
