// GET /v1/recents (supporting.openapi.json): what changed since a moment, the way a client keeps a
// persistent organization index current. Organizations only; deleted and merged-away orgs come
// with active_flag false so a client can drop them.
import { Ctx, Route } from './router';
import { Reply, badRequest, v1Page } from './envelope';
import { orgV1 } from './shapesV1';
import { v1Time } from './time';

const ITEM_TYPES = ['activity', 'activityType', 'deal', 'file', 'filter', 'note', 'person', 'organization', 'pipeline', 'product', 'stage', 'user'];

function sinceParam(text: string | undefined): number {
  if (text === undefined) throw badRequest('Parameter "since_timestamp" is required');
  const t = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? Date.parse(text.replace(' ', 'T') + 'Z') : NaN;
  if (Number.isNaN(t)) throw badRequest(`Invalid "since_timestamp": expected UTC "YYYY-MM-DD HH:MM:SS", got "${text}"`);
  return t;
}

function recents(ctx: Ctx): Reply {
  const { store, query: q } = ctx;
  const sinceText = q.str('since_timestamp');
  const since = sinceParam(sinceText);
  const items = q.str('items')?.split(',').map((s) => s.trim());
  for (const i of items ?? []) if (!ITEM_TYPES.includes(i)) throw badRequest(`Invalid "items": ${i}. Allowed: ${ITEM_TYPES.join(', ')}`);
  const { start, limit } = q.page();
  // The sandbox keeps history for organizations only; other item types have nothing to report.
  const orgs = !items || items.includes('organization') ? store.changedSince(since) : [];
  const page = orgs.slice(start, start + limit);
  const last = page[page.length - 1];
  return v1Page(orgs, start, limit, (o) => ({ item: 'organization', id: o.id, data: orgV1(store, o) }), {
    additional_data: { since_timestamp: sinceText, last_timestamp_on_page: last ? v1Time(store.changeTime(last)) : sinceText },
  });
}

export const recentsRoutes: Route[] = [{ method: 'GET', pattern: '/v1/recents', handler: recents }];
