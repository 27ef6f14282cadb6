// The v1 organization routes Pipedrive still serves: changelog, files, flow, followers, mail,
// merge and permitted users.
import { USERS, userById } from './company';
import { Ctx, Route } from './router';
import { HttpError, Reply, badRequest, ok, v1Page } from './envelope';
import { FLOW_ITEM_TYPES, FlowItemType, flowEntries, flowRelated } from './flowV1';
import { asBody } from './orgInput';
import { cursorSlice, pathId } from './params';
import { guard, orgOr404 } from './routeHelpers';
import { changeV1, fileV1, followerV1, mailV1 } from './shapesV1';
import { FileRec } from './model';

function changelog(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  const limit = ctx.query.int('limit', { min: 1, max: 500, def: 100 })!;
  const all = [...ctx.store.subsOf(org).changes].sort((a, b) => b.time - a.time || b.id - a.id);
  const { page, next } = cursorSlice(all, ctx.query.str('cursor'), limit);
  return ok(page.map(changeV1), { additional_data: { next_cursor: next } });
}

const FILE_SORT: Record<string, (a: FileRec, b: FileRec) => number> = {
  id: (a, b) => a.id - b.id,
  update_time: (a, b) => a.updateTime - b.updateTime || a.id - b.id,
};

function files(ctx: Ctx): Reply {
  const { store, query: q } = ctx;
  const org = orgOr404(store, ctx.params.id);
  const { start, limit } = q.page(100);
  const sort = q.str('sort') ?? 'id ASC';
  const m = /^\s*(id|update_time)(?:\s+(ASC|DESC))?\s*$/i.exec(sort);
  if (!m) throw badRequest('Invalid sort: supported fields are id, update_time');
  const cmp = FILE_SORT[m[1].toLowerCase()];
  const desc = (m[2] ?? '').toUpperCase() === 'DESC';
  const list = [...store.subsOf(org).files].sort((a, b) => (desc ? -cmp(a, b) : cmp(a, b)));
  return v1Page(list, start, limit, (f) => fileV1(store, f));
}

function flow(ctx: Ctx): Reply {
  const { store, query: q } = ctx;
  const org = orgOr404(store, ctx.params.id);
  const { start, limit } = q.page();
  const allChanges = q.flag('all_changes') ?? false;
  let types: Set<FlowItemType> | undefined;
  const items = q.str('items');
  if (items !== undefined) {
    types = new Set();
    for (const t of items.split(',').map((s) => s.trim())) {
      if (!(FLOW_ITEM_TYPES as readonly string[]).includes(t)) throw badRequest(`Invalid "items": ${t}. Allowed: ${FLOW_ITEM_TYPES.join(', ')}`);
      types.add(t as FlowItemType);
    }
  }
  const all = flowEntries(store, org, allChanges).filter((e) => !types || types.has(e.type));
  const rendered = all.slice(start, start + limit).map((e) => e.render());
  const users = rendered.map((p) => (p.data as { user_id?: number }).user_id).filter((u): u is number => typeof u === 'number');
  // Page the rendered items (offset `start` already applied) so each item is rendered once.
  const reply = v1Page(all, start, limit, () => undefined, { related_objects: flowRelated(store, org, users) });
  (reply.body as { data: unknown }).data = rendered.length ? rendered : null;
  return reply;
}

function followers(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  const list = ctx.store.subsOf(org).followers;
  // Pipedrive returns all followers at once here; pagination is informational.
  return v1Page(list, 0, Math.max(100, list.length), followerV1);
}

function userIdFrom(body: unknown): number {
  const b = asBody(body);
  if (!Number.isInteger(b.user_id)) throw badRequest('user_id is required and must be an integer');
  if (!userById(b.user_id as number)) throw badRequest(`User ${String(b.user_id)} not found`);
  return b.user_id as number;
}

function addFollower(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  const userId = userIdFrom(ctx.body);
  const f = guard(() => ctx.store.addFollower(org, userId, ctx.user.id));
  return ok(followerV1(f));
}

function deleteFollower(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  const id = pathId(ctx.params.follower_id, 'follower_id');
  const f = guard(() => ctx.store.removeFollower(org, { id }, ctx.user.id));
  return ok({ id: f.id });
}

function mailMessages(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  const { start, limit } = ctx.query.page();
  const body = ctx.query.flag('include_body') ?? false;
  const list = [...ctx.store.subsOf(org).mails].sort((a, b) => b.time - a.time || b.id - a.id);
  return v1Page(list, start, limit, (m) => mailV1(m, body));
}

function merge(ctx: Ctx): Reply {
  const fromId = pathId(ctx.params.id);
  const b = asBody(ctx.body);
  if (!Number.isInteger(b.merge_with_id) || (b.merge_with_id as number) < 1) throw badRequest('merge_with_id is required and must be a positive integer');
  if (!ctx.store.org(fromId)) throw new HttpError(404, 'Organization not found', { data: null });
  const into = guard(() => ctx.store.merge(fromId, b.merge_with_id as number, ctx.user.id));
  return ok({ id: into.id });
}

function permittedUsers(ctx: Ctx): Reply {
  const org = orgOr404(ctx.store, ctx.params.id);
  // Who may see the org: everyone for company-wide visibility, else the owner, admins and followers.
  const followers = ctx.store.subsOf(org).followers.map((f) => f.userId);
  const ids = USERS.filter((u) => u.activeFlag && (org.visibleTo >= 3 || u.isAdmin || u.id === org.ownerId || followers.includes(u.id))).map((u) => u.id);
  return ok(ids);
}

const R = (method: string, pattern: string, handler: (ctx: Ctx) => Reply): Route => ({ method, pattern, handler });

export const v1CurrentRoutes: Route[] = [
  R('GET', '/v1/organizations/:id/changelog', changelog),
  R('GET', '/v1/organizations/:id/files', files),
  R('GET', '/v1/organizations/:id/flow', flow),
  R('GET', '/v1/organizations/:id/followers', followers),
  R('POST', '/v1/organizations/:id/followers', addFollower),
  R('DELETE', '/v1/organizations/:id/followers/:follower_id', deleteFollower),
  R('GET', '/v1/organizations/:id/mailMessages', mailMessages),
  R('PUT', '/v1/organizations/:id/merge', merge),
  R('GET', '/v1/organizations/:id/permittedUsers', permittedUsers),
];
