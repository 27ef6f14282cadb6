// Small helpers shared by the route files: org lookup with the record-level 404, store errors as
// HTTP errors, and time parameters in either Pipedrive format.
import { Store, StoreError } from './db';
import { HttpError, badRequest } from './envelope';
import { Org } from './model';
import { Query, pathId } from './params';
import { parseTime } from './time';

export function orgOr404(store: Store, idText: string): Org {
  const org = store.org(pathId(idText));
  if (!org) throw new HttpError(404, 'Organization not found', { data: null });
  return org;
}

/** Store errors carry HTTP semantics already; wrap them so the route layer answers uniformly. */
export function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof StoreError) throw e.status === 404 ? new HttpError(404, e.message, { data: null }) : new HttpError(e.status, e.message);
    throw e;
  }
}

export function timeParam(q: Query, name: string): number | undefined {
  const v = q.str(name);
  if (v === undefined) return undefined;
  const t = parseTime(v);
  if (Number.isNaN(t)) throw badRequest(`Invalid "${name}": expected "YYYY-MM-DD HH:MM:SS" or ISO 8601`);
  return t;
}
