// Organization search shared by v1 and v2: name, address, notes and text custom fields, with
// exact_match comparing whole values (case-insensitive) instead of substrings.
import { CUSTOM_FIELDS } from './company';
import { Store } from './db';
import { badRequest } from './envelope';
import { Org } from './model';
import { Query } from './params';

export const SEARCH_FIELDS = ['address', 'custom_fields', 'notes', 'name'] as const;
type SearchField = (typeof SEARCH_FIELDS)[number];

export interface SearchHit { score: number; org: Org; customMatches: string[]; noteMatches: string[] }

export function parseSearch(q: Query): { term: string; fields: SearchField[]; exact: boolean } {
  const term = q.str('term');
  const exact = q.flag('exact_match') ?? false;
  if (term === undefined) throw badRequest('Parameter "term" is required');
  if ([...term.trim()].length < (exact ? 1 : 2)) throw badRequest('Search term must be at least 2 characters long (1 with exact_match)');
  let fields: SearchField[] = [...SEARCH_FIELDS];
  const f = q.str('fields');
  if (f !== undefined) {
    fields = f.split(',').map((s) => s.trim()) as SearchField[];
    for (const x of fields) if (!SEARCH_FIELDS.includes(x)) throw badRequest(`Invalid "fields": ${x}. Allowed: ${SEARCH_FIELDS.join(', ')}`);
  }
  return { term: term.trim(), fields, exact };
}

export function searchOrgs(store: Store, term: string, fields: SearchField[], exact: boolean): SearchHit[] {
  const t = term.toLocaleLowerCase();
  const hit = (v: string | null | undefined): boolean => {
    if (!v) return false;
    const l = v.toLocaleLowerCase();
    return exact ? l === t : l.includes(t);
  };
  const textKeys = CUSTOM_FIELDS.filter((f) => f.type === 'varchar' || f.type === 'text').map((f) => f.key);
  const out: SearchHit[] = [];
  for (const org of store.liveOrgs()) {
    let score = 0;
    if (fields.includes('name') && hit(org.name)) {
      const l = org.name.toLocaleLowerCase();
      score = l === t ? 1 : l.startsWith(t) ? 0.8 : 0.6;
    }
    if (fields.includes('address') && hit(org.address?.value)) score = Math.max(score, 0.3);
    const customMatches = fields.includes('custom_fields')
      ? textKeys.map((k) => org.custom[k]).filter((v): v is string => typeof v === 'string' && hit(v)) : [];
    const noteMatches = fields.includes('notes') ? org.notes.filter((n) => hit(n)) : [];
    if (customMatches.length || noteMatches.length) score = Math.max(score, 0.2);
    if (score > 0) out.push({ score, org, customMatches, noteMatches });
  }
  return out.sort((a, b) => b.score - a.score || a.org.id - b.org.id);
}

export function searchItem(h: SearchHit): Record<string, unknown> {
  return {
    result_score: h.score,
    item: {
      id: h.org.id, type: 'organization', name: h.org.name, address: h.org.address?.value ?? null,
      visible_to: h.org.visibleTo, owner: { id: h.org.ownerId }, custom_fields: h.customMatches, notes: h.noteMatches,
    },
  };
}
