// The v1 organization routes Pipedrive removed (organizations-v1-removed.openapi.json). Still
// served so a client can be tested against both; the retire-v1 fault turns them into 410/404.
import { COMPANY, STAGES } from './company';
import { Ctx, Route } from './router';
import { HttpError, Reply, badRequest, ok, v1Page } from './envelope';
import { applyFilters, firstCharFilter, ownerFilter, savedFilter } from './orgListing';
import { v1OrgPatch } from './orgInput';
import { parseSort } from './orgSort';
import { decodeCursor, encodeCursor } from './params';
import { parseSearch, searchItem, searchOrgs } from './search';
import { activityV1, dealV1, orgCollectionV1, orgV1, personV1, relatedV1, userV1 } from './shapesV1';
import { Activity, Deal, Org } from './model';
import { guard, orgOr404, timeParam } from './routeHelpers';

function list(ctx: Ctx): Reply {
  const { store, query: q } = ctx;
  const { start, limit } = q.page();
  const sortText = q.str('sort');
  const keys = sortText === undefined ? [{ field: 'id', desc: false }] : parseSort(sortText);
  if (typeof keys === 'string') throw badRequest(keys);
  const orgs = applyFilters(store.sorted(keys), [ownerFilter(q, 'user_id'), guard(() => savedFilter(store, q)), firstCharFilter(q)]);
  const page = orgs.slice(start, start + limit);
  return v1Page(orgs, start, limit, (o) => orgV1(store, o), { related_objects: relatedV1(store, page) });
}

function add(ctx: Ctx): Reply {
  const patch = v1OrgPatch(ctx.body, true);
  const org = ctx.store.addOrg(patch as typeof patch & { name: string }, ctx.user.id);
  return ok(orgV1(ctx.store, org), { related_objects: relatedV1(ctx.store, [org]) }, 201);
}

function bulkDelete(ctx: Ctx): Reply {
  const ids = ctx.query.ids('ids', 500);
  if (!ids) throw badRequest('Parameter "ids" is required');
  const deleted: number[] = [];
  for (const id of ids) {
    const org = ctx.store.org(id);
    if (org) { ctx.store.deleteOrg(org, ctx.user.id); deleted.push(id); }
  }
  if (!deleted.length) throw new HttpError(404, 'Organizations not found', { data: null });
  return ok({ id: deleted });
}

function isIdCursor(v: unknown): v is { after: number } {
  return typeof v === 'object' && v !== null && Number.isInteger((v as { after: unknown }).after);
}

function collection(ctx: Ctx): Reply {
  const { store, query: q } = ctx;
  if (!ctx.user.isAdmin) throw new HttpError(403, 'You must be a global admin to access this endpoint');
  const limit = q.int('limit', { min: 1, max: 500, def: 100 })!;
  const after = decodeCursor(q.str('cursor'), isIdCursor)?.after ?? 0;
  const since = timeParam(q, 'since');
  const until = timeParam(q, 'until');
  const orgs = applyFilters(store.liveOrgs(), [
    (o) => o.id > after, ownerFilter(q, 'owner_id'), firstCharFilter(q),
    since === undefined ? undefined : (o) => o.updateTime >= since,
    until === undefined ? undefined : (o) => o.updateTime <= until,
  ]);
  const page = orgs.slice(0, limit);
  const next = orgs.length > limit ? encodeCursor({ after: page[page.length - 1].id }) : null;
  return ok(page.map(orgCollectionV1), { additional_data: { next_cursor: next } });
}

function search(ctx: Ctx): Reply {
  const { term, fields, exact } = parseSearch(ctx.query);
  const { start, limit } = ctx.query.page();
  const hits = searchOrgs(ctx.store, term, fields, exact);
  const page = hits.slice(start, start + limit);
  const more = start + limit < hits.length;
  const pagination: Record<string, unknown> = { start, limit, more_items_in_collection: more };
  if (more) pagination.next_start = start + limit;
  return ok({ items: page.map(searchItem) }, { additional_data: { pagination } });
}

function details(ctx: Ctx): Reply {
  const { store } = ctx;
  const org = orgOr404(store, ctx.params.id);
  const s = store.subsOf(org);
  const { next, last } = store.activityMarks(org);
  const followers: Record<string, unknown> = {};
  for (const f of s.followers) {
    const u = userV1(f.userId);
    followers[f.userId] = { id: f.id, name: u.name, email: u.email, user_id: f.userId, pic_hash: '' };
  }
  const data = {
    ...orgV1(store, org), edit_name: true,
    last_activity: last ? activityV1(store, last) : null, next_activity: next ? activityV1(store, next) : null,
  };
  return ok(data, {
    additional_data: { followers, dropbox_email: `${org.id}@sandbox-co.pipedrivemail.com` },
    related_objects: relatedV1(store, [org], s.followers.map((f) => f.userId)),
  });
}

function update(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  ctx.store.updateOrg(org, v1OrgPatch(ctx.body, false), ctx.user.id);
  return ok(orgV1(ctx.store, org), { related_objects: relatedV1(ctx.store, [org]) });
}

function remove(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  ctx.store.deleteOrg(org, ctx.user.id);
  return ok({ id: org.id });
}

function activities(ctx: Ctx): Reply {
  const { store, query: q } = ctx;
  const org = orgOr404(store, ctx.params.id);
  const { start, limit } = q.page();
  const done = q.flag('done');
  const exclude = new Set(q.ids('exclude', 500) ?? []);
  const list = store.subsOf(org).activities
    .filter((a) => (done === undefined || a.done === done) && !exclude.has(a.id))
    .sort((a, b) => a.dueTime - b.dueTime || a.id - b.id);
  return v1Page(list, start, limit, (a) => activityV1(store, a), { additional_data: { activity_distribution: distribution(list) } });
}

/** Per assigned user: activity counts by type and their share of the listed activities. */
function distribution(list: Activity[]): Record<string, unknown> {
  const out: Record<number, { activities: Record<string, number>; name: string; activity_count: number; share: number }> = {};
  for (const a of list) {
    const d = (out[a.ownerId] ??= { activities: {}, name: String(userV1(a.ownerId).name), activity_count: 0, share: 0 });
    d.activities[a.type] = (d.activities[a.type] ?? 0) + 1;
    d.activity_count++;
  }
  for (const d of Object.values(out)) d.share = Math.round((100 * d.activity_count) / list.length);
  return out;
}

const DEAL_STATUSES = ['open', 'won', 'lost', 'deleted', 'all_not_deleted'] as const;
const DEAL_SORT: Record<string, (a: Deal, b: Deal) => number> = {
  id: (a, b) => a.id - b.id,
  title: (a, b) => a.title.localeCompare(b.title),
  value: (a, b) => a.value - b.value,
  add_time: (a, b) => a.addTime - b.addTime,
  update_time: (a, b) => a.updateTime - b.updateTime,
  status: (a, b) => a.status.localeCompare(b.status),
};

function dealSort(text: string | undefined): (a: Deal, b: Deal) => number {
  if (text === undefined) return DEAL_SORT.id;
  const keys = text.split(',').map((part) => {
    const m = /^\s*([a-z_]+)(?:\s+(ASC|DESC))?\s*$/i.exec(part);
    if (!m || !DEAL_SORT[m[1]]) throw badRequest(`Invalid sort: "${part.trim()}". Allowed fields: ${Object.keys(DEAL_SORT).join(', ')}`);
    return { cmp: DEAL_SORT[m[1]], desc: (m[2] ?? '').toUpperCase() === 'DESC' };
  });
  return (a, b) => {
    for (const k of keys) { const c = k.cmp(a, b); if (c) return k.desc ? -c : c; }
    return a.id - b.id;
  };
}

function deals(ctx: Ctx): Reply {
  const { store, query: q } = ctx;
  const org = orgOr404(store, ctx.params.id);
  const { start, limit } = q.page();
  const status = q.oneOf('status', DEAL_STATUSES) ?? 'all_not_deleted';
  const primaryOnly = q.flag('only_primary_association') ?? false;
  const list = store.subsOf(org).deals
    .filter((d) => (status === 'all_not_deleted' ? d.status !== 'deleted' : d.status === status))
    .filter((d) => !primaryOnly || d.orgId === org.id)
    .sort(dealSort(q.str('sort')));
  const page = list.slice(start, start + limit);
  const users = page.flatMap((d) => [d.ownerId, d.creatorId]);
  return v1Page(list, start, limit, (d) => dealV1(store, d), { related_objects: dealRelated(ctx, org, page, users) });
}

/** Deals list related_objects: orgs and users as elsewhere, plus the persons, stages and pipeline. */
function dealRelated(ctx: Ctx, org: Org, page: Deal[], users: number[]): Record<string, unknown> {
  const person: Record<string, unknown> = {};
  const stage: Record<string, unknown> = {};
  for (const d of page) {
    const p = ctx.store.person(d.personId);
    if (p) person[p.id] = { active_flag: !p.deleted, id: p.id, name: p.name, email: [{ label: 'work', value: p.email, primary: true }],
      phone: [{ label: 'work', value: p.phone, primary: true }], owner_id: p.ownerId };
    const s = STAGES.find((x) => x.id === d.stageId)!;
    stage[s.id] = { id: s.id, company_id: COMPANY.id, order_nr: s.id, name: s.name, active_flag: true, deal_probability: 100,
      pipeline_id: 1, rotten_flag: false, rotten_days: null, add_time: '2023-01-01 00:00:00', update_time: '2023-01-01 00:00:00',
      pipeline_name: 'Sales', pipeline_deal_probability: true };
  }
  const pipeline = { 1: { id: 1, name: 'Sales', url_title: 'sales', order_nr: 0, active: true, deal_probability: true,
    add_time: '2023-01-01 00:00:00', update_time: '2023-01-01 00:00:00' } };
  return { ...relatedV1(ctx.store, [org], users), person, stage, pipeline };
}

function persons(ctx: Ctx): Reply {
  const { store, query: q } = ctx;
  const org = orgOr404(store, ctx.params.id);
  const { start, limit } = q.page();
  const list = store.subsOf(org).persons.filter((p) => !p.deleted);
  const page = list.slice(start, start + limit);
  return v1Page(list, start, limit, (p) => personV1(store, p), { related_objects: relatedV1(store, [org], page.map((p) => p.ownerId)) });
}

const R = (method: string, pattern: string, handler: (ctx: Ctx) => Reply): Route => ({ method, pattern, handler, removedV1: true });

export const v1RemovedRoutes: Route[] = [
  R('GET', '/v1/organizations', list),
  R('POST', '/v1/organizations', add),
  R('DELETE', '/v1/organizations', bulkDelete),
  R('GET', '/v1/organizations/collection', collection),
  R('GET', '/v1/organizations/search', search),
  R('GET', '/v1/organizations/:id', details),
  R('PUT', '/v1/organizations/:id', update),
  R('DELETE', '/v1/organizations/:id', remove),
  R('GET', '/v1/organizations/:id/activities', activities),
  R('GET', '/v1/organizations/:id/deals', deals),
  R('GET', '/v1/organizations/:id/persons', persons),
];
