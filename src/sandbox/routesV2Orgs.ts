// The v2 organization routes (organizations.openapi.json, x-pipedrive-api-version v2).
import { customField, userById } from './company';
import { Ctx, Route } from './router';
import { Reply, badRequest, cursorPage, ok } from './envelope';
import { Org } from './model';
import { v2OrgPatch, asBody } from './orgInput';
import { applyFilters, savedFilter } from './orgListing';
import { Query, cursorSlice, decodeCursor, encodeCursor, pathId } from './params';
import { guard, orgOr404, timeParam } from './routeHelpers';
import { parseSearch, searchItem, searchOrgs } from './search';
import { V2_INCLUDE_FIELDS, V2OrgOptions, orgV2 } from './shapesV2';
import { v2Time } from './time';

interface KeyCursor { field: string; fieldValue: number; sortDirection: 'asc' | 'desc'; id: number }

function isKeyCursor(v: unknown): v is KeyCursor {
  const c = v as KeyCursor;
  return typeof v === 'object' && v !== null && typeof c.field === 'string' && typeof c.fieldValue === 'number'
    && (c.sortDirection === 'asc' || c.sortDirection === 'desc') && Number.isInteger(c.id);
}

const SORT_VALUE: Record<string, (o: Org) => number> = { id: (o) => o.id, update_time: (o) => o.updateTime, add_time: (o) => o.addTime };

export function v2Options(q: Query): V2OrgOptions {
  const opts: V2OrgOptions = {};
  const inc = q.str('include_fields');
  if (inc !== undefined) {
    opts.include = inc.split(',').map((s) => s.trim());
    for (const f of opts.include) if (!(V2_INCLUDE_FIELDS as readonly string[]).includes(f)) throw badRequest(`Invalid "include_fields": ${f}`);
  }
  const cf = q.str('custom_fields');
  if (cf !== undefined) {
    opts.customKeys = cf.split(',').map((s) => s.trim());
    if (opts.customKeys.length > 15) throw badRequest('At most 15 custom_fields');
    for (const k of opts.customKeys) if (!customField(k)) throw badRequest(`Unknown custom field ${k}`);
  }
  return opts;
}

function list(ctx: Ctx): Reply {
  const { store, query: q } = ctx;
  const limit = q.int('limit', { min: 1, max: 500, def: 100 })!;
  const field = q.oneOf('sort_by', ['id', 'update_time', 'add_time'] as const) ?? 'id';
  const dir = q.oneOf('sort_direction', ['asc', 'desc'] as const) ?? 'asc';
  const opts = v2Options(q);
  const ids = q.ids('ids');
  const owner = q.int('owner_id', { min: 1 });
  const since = timeParam(q, 'updated_since');
  const until = timeParam(q, 'updated_until');
  const cursor = decodeCursor(q.str('cursor'), isKeyCursor);
  if (cursor && (cursor.field !== field || cursor.sortDirection !== dir)) throw badRequest('Invalid cursor: it was made for another sort');
  const value = SORT_VALUE[field];
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: Org, b: Org) => sign * (value(a) - value(b) || a.id - b.id);
  const orgs = applyFilters(store.liveOrgs(), [
    guard(() => savedFilter(store, q)),
    ids && ((o) => ids.includes(o.id)),
    owner === undefined ? undefined : (o) => o.ownerId === owner,
    since === undefined ? undefined : (o) => o.updateTime >= since,
    until === undefined ? undefined : (o) => o.updateTime < until,
    cursor && ((o) => sign * (value(o) - cursor.fieldValue || o.id - cursor.id) > 0),
  ]);
  const sorted = field === 'id' && dir === 'asc' ? orgs : [...orgs].sort(cmp);
  const page = sorted.slice(0, limit);
  const last = page[page.length - 1];
  const next = sorted.length > limit ? encodeCursor({ field, fieldValue: value(last), sortDirection: dir, id: last.id }) : null;
  return cursorPage(page.map((o) => orgV2(store, o, opts)), next);
}

function add(ctx: Ctx): Reply {
  const patch = v2OrgPatch(ctx.body, true);
  const org = ctx.store.addOrg(patch as typeof patch & { name: string }, ctx.user.id);
  return ok(orgV2(ctx.store, org));
}

function get(ctx: Ctx): Reply {
  return ok(orgV2(ctx.store, orgOr404(ctx.store, ctx.params.id), v2Options(ctx.query)));
}

function patch(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  ctx.store.updateOrg(org, v2OrgPatch(ctx.body, false), ctx.user.id);
  return ok(orgV2(ctx.store, org));
}

function remove(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  ctx.store.deleteOrg(org, ctx.user.id);
  return ok({ id: org.id });
}

function followers(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  const limit = ctx.query.int('limit', { min: 1, max: 500, def: 100 })!;
  const { page, next } = cursorSlice(ctx.store.subsOf(org).followers, ctx.query.str('cursor'), limit);
  return cursorPage(page.map((f) => ({ user_id: f.userId, add_time: v2Time(f.addTime) })), next);
}

function addFollower(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  const b = asBody(ctx.body);
  if (!Number.isInteger(b.user_id)) throw badRequest('user_id is required and must be an integer');
  if (!userById(b.user_id as number)) throw badRequest(`User ${String(b.user_id)} not found`);
  const f = guard(() => ctx.store.addFollower(org, b.user_id as number, ctx.user.id));
  return ok({ user_id: f.userId, add_time: v2Time(f.addTime) }, {}, 201);
}

function deleteFollower(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  const userId = pathId(ctx.params.follower_id, 'follower_id');
  const f = guard(() => ctx.store.removeFollower(org, { userId }, ctx.user.id));
  return ok({ user_id: f.userId });
}

function followersChangelog(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  const limit = ctx.query.int('limit', { min: 1, max: 500, def: 100 })!;
  const all = [...ctx.store.subsOf(org).followerChanges].sort((a, b) => b.time - a.time);
  const { page, next } = cursorSlice(all, ctx.query.str('cursor'), limit);
  return cursorPage(page.map((c) => ({ action: c.action, actor_user_id: c.actorUserId, follower_user_id: c.followerUserId, time: v2Time(c.time) })), next);
}

function search(ctx: Ctx): Reply {
  const { term, fields, exact } = parseSearch(ctx.query);
  const limit = ctx.query.int('limit', { min: 1, max: 500, def: 100 })!;
  const { page, next } = cursorSlice(searchOrgs(ctx.store, term, fields, exact), ctx.query.str('cursor'), limit);
  return ok({ items: page.map(searchItem) }, { additional_data: { next_cursor: next } });
}

const R = (method: string, pattern: string, handler: (ctx: Ctx) => Reply): Route => ({ method, pattern, handler });

export const v2OrgRoutes: Route[] = [
  R('GET', '/api/v2/organizations', list),
  R('POST', '/api/v2/organizations', add),
  R('GET', '/api/v2/organizations/search', search),
  R('GET', '/api/v2/organizations/:id', get),
  R('PATCH', '/api/v2/organizations/:id', patch),
  R('DELETE', '/api/v2/organizations/:id', remove),
  R('GET', '/api/v2/organizations/:id/followers', followers),
  R('POST', '/api/v2/organizations/:id/followers', addFollower),
  R('GET', '/api/v2/organizations/:id/followers/changelog', followersChangelog),
  R('DELETE', '/api/v2/organizations/:id/followers/:follower_id', deleteFollower),
];

