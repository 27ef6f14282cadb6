// v2 deals, persons and activities filtered by org (not in the reference files; shapes follow
// Pipedrive's v2 docs). Items are walked org by org so no request materializes every org.
import { Ctx, Route } from './router';
import { Store } from './db';
import { Reply, badRequest, cursorPage } from './envelope';
import { Org, OrgSubs } from './model';
import { Query, decodeCursor, encodeCursor } from './params';
import { activityV2, dealV2, personV2 } from './shapesV2';

interface WalkCursor { org: number; i: number }

function isWalkCursor(v: unknown): v is WalkCursor {
  return typeof v === 'object' && v !== null && Number.isInteger((v as WalkCursor).org) && Number.isInteger((v as WalkCursor).i);
}

/** Pages through `pick(subs)` of one org (org_id given) or of all orgs in id order. */
function walk<T>(store: Store, q: Query, pick: (s: OrgSubs, org: Org) => T[], render: (t: T) => unknown): Reply {
  const limit = q.int('limit', { min: 1, max: 500, def: 100 })!;
  const orgId = q.int('org_id', { min: 1 });
  const cur = decodeCursor(q.str('cursor'), isWalkCursor) ?? { org: 0, i: 0 };
  let orgs: Org[];
  if (orgId !== undefined) {
    const org = store.anyOrg(orgId);
    orgs = org ? [org] : [];
  } else {
    orgs = store.liveOrgs();
  }
  const out: unknown[] = [];
  let next: string | null = null;
  outer: for (const org of orgs) {
    if (org.id < cur.org) continue;
    const items = pick(store.subsOf(org), org);
    for (let i = org.id === cur.org ? cur.i : 0; i < items.length; i++) {
      if (out.length === limit) { next = encodeCursor({ org: org.id, i }); break outer; }
      out.push(render(items[i]));
    }
  }
  return cursorPage(out, next);
}

const DEAL_STATUSES = ['open', 'won', 'lost', 'deleted'];

function deals(ctx: Ctx): Reply {
  const q = ctx.query;
  const statusText = q.str('status');
  const statuses = statusText?.split(',').map((s) => s.trim());
  for (const s of statuses ?? []) if (!DEAL_STATUSES.includes(s)) throw badRequest(`Invalid "status": ${s}`);
  const orgId = q.int('org_id', { min: 1 });
  return walk(ctx.store, q, (s) => s.deals.filter((d) =>
    (orgId === undefined || d.orgId === orgId)
    && (statuses ? statuses.includes(d.status) : d.status !== 'deleted')), dealV2);
}

function persons(ctx: Ctx): Reply {
  return walk(ctx.store, ctx.query, (s) => s.persons.filter((p) => !p.deleted), personV2);
}

function activities(ctx: Ctx): Reply {
  const done = ctx.query.flag('done');
  return walk(ctx.store, ctx.query, (s) => s.activities.filter((a) => done === undefined || a.done === done), activityV2);
}

const R = (method: string, pattern: string, handler: (ctx: Ctx) => Reply): Route => ({ method, pattern, handler });

export const v2ItemRoutes: Route[] = [
  R('GET', '/api/v2/deals', deals),
  R('GET', '/api/v2/persons', persons),
  R('GET', '/api/v2/activities', activities),
];
