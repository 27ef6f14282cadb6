// Org list filters shared by v1 list, v1 collection and v2 list.
import { Store } from './db';
import { badRequest } from './envelope';
import { codePointLength, firstChar } from './firstChar';
import { Org } from './model';
import { Query } from './params';

export function firstCharFilter(q: Query): ((o: Org) => boolean) | undefined {
  const fc = q.str('first_char');
  if (fc === undefined) return undefined;
  if (codePointLength(fc) !== 1) throw badRequest('Invalid "first_char": must be exactly one character');
  const want = fc.toLocaleLowerCase();
  return (o) => firstChar(o.name) === want;
}

export function ownerFilter(q: Query, name: string): ((o: Org) => boolean) | undefined {
  const id = q.int(name, { min: 1 });
  return id === undefined ? undefined : (o) => o.ownerId === id;
}

export function savedFilter(store: Store, q: Query): ((o: Org) => boolean) | undefined {
  const id = q.int('filter_id', { min: 1 });
  return id === undefined ? undefined : store.filter(id);
}

export function applyFilters(orgs: Org[], filters: (((o: Org) => boolean) | undefined)[]): Org[] {
  const fs = filters.filter((f): f is (o: Org) => boolean => f !== undefined);
  return fs.length ? orgs.filter((o) => fs.every((f) => f(o))) : orgs;
}
