// Pipedrive's v1 `sort` parameter: "field ASC|DESC" pairs separated by commas.
import { userById } from './catalog';
import { Org } from './model';

export interface SortKey { field: string; desc: boolean }

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const FIELDS: Record<string, (a: Org, b: Org) => number> = {
  id: (a, b) => a.id - b.id,
  name: (a, b) => collator.compare(a.name, b.name),
  add_time: (a, b) => a.addTime - b.addTime,
  update_time: (a, b) => a.updateTime - b.updateTime,
  owner_id: (a, b) => a.ownerId - b.ownerId,
  owner_name: (a, b) => collator.compare(userById(a.ownerId)?.name ?? '', userById(b.ownerId)?.name ?? ''),
  visible_to: (a, b) => a.visibleTo - b.visibleTo,
  label: (a, b) => (a.labelIds[0] ?? 0) - (b.labelIds[0] ?? 0),
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

/** A comparator over the keys, with id as the last tie-break so pages never overlap. */
export function orgComparator(keys: SortKey[]): (a: Org, b: Org) => number {
  return (a, b) => {
    for (const k of keys) {
      const c = FIELDS[k.field](a, b);
      if (c !== 0) return k.desc ? -c : c;
    }
    return a.id - b.id;
  };
}
