// The keys of the store's lists, which double as tree node ids: `letter:A`, `recent`,
// `org:123/persons`. Parsed in one place; the store, the tree and reveal read them from here.
import type { Activity, Deal, OrganizationFile, OrganizationFollower, Person } from '../api';

export const GROUPS = ['persons', 'deals', 'activities', 'files', 'followers'] as const;
export type GroupKind = (typeof GROUPS)[number];

export type GroupItem = Person | Deal | Activity | OrganizationFile | OrganizationFollower;

/** List keys double as tree node ids: `letter:A`, `recent`, `org:123/persons`. */
export type ListKey = `letter:${string}` | 'recent' | `org:${number}/${GroupKind}`;

export const RECENT_KEY = 'recent' as const;
export const letterKey = (letter: string): `letter:${string}` => `letter:${letter}`;
export const groupKey = (orgId: number, group: GroupKind): ListKey => `org:${orgId}/${group}`;

export function parseListKey(key: string): { kind: 'letter'; letter: string } | { kind: 'recent' } | { kind: 'group'; orgId: number; group: GroupKind } | undefined {
  if (key === RECENT_KEY) return { kind: 'recent' };
  if (key.startsWith('letter:')) return { kind: 'letter', letter: key.slice('letter:'.length) };
  const m = /^org:(\d+)\/(\w+)$/.exec(key);
  if (m && (GROUPS as readonly string[]).includes(m[2])) return { kind: 'group', orgId: Number(m[1]), group: m[2] as GroupKind };
  return undefined;
}
