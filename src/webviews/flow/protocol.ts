// The messages of the organization Flow (timeline) panel, shared by the host (FlowPanel.ts) and the
// webview (media/flow.ts).
import { fail, isNonNegativeInt, isOneOf, isRecord, ok, onlyKeys, parseBoot, safeExternalUrl, type Check, type PageBoot } from '../validate';

export const FLOW_VIEW_TYPE = 'pipedrive.organizationFlow';

/** The `items` filter values of GET /v1/organizations/{id}/flow (the reference's enum). */
export const FLOW_ITEM_TYPES = [
  'activity',
  'plannedActivity',
  'note',
  'file',
  'change',
  'deal',
  'follower',
  'participant',
  'mailMessage',
  'mailMessageWithAttachment',
  'invoice',
  'activityFile',
  'document',
] as const;
export type FlowItemTypeName = (typeof FLOW_ITEM_TYPES)[number];

export const FLOW_PAGE_SIZE = 100;
export const FLOW_MAX_LIMIT = 500;

export interface FlowFilter {
  /** Empty: every type. */
  items: FlowItemTypeName[];
  allChanges: boolean;
}

/** One timeline entry, formatted by the host; the webview renders text only. */
export interface FlowItemView {
  key: string;
  /** The filter type it belongs to (for the icon and the label). */
  kind: FlowItemTypeName | 'other';
  icon: string;
  /** UTC day `YYYY-MM-DD` ('' when unknown) and `HH:MM`. */
  day: string;
  time: string;
  title: string;
  lines: string[];
  user?: string;
  url?: string;
  change?: { field: string; from: string; to: string };
}

export type FlowHostMessage =
  /** First message after `ready`: the display language (vscode.env.language) for day headings. */
  | { type: 'init'; locale: string }
  /** The page `requestId` has taken SLOW_AFTER_MS: say so and offer Cancel (sends `cancel`). */
  | { type: 'slow'; requestId: number; message: string }
  | { type: 'title'; name: string }
  /** The panel now shows organization `orgId` (a preview panel moved on): clear and load it. */
  | { type: 'reset'; orgId: number }
  | { type: 'page'; requestId: number; items: FlowItemView[]; append: boolean; next?: number }
  | { type: 'error'; requestId: number; message: string; append: boolean }
  | { type: 'status'; status: 'deleted' | 'merged'; message: string };

export type FlowWebviewMessage =
  /** The page script runs and listens (sent at once, before fonts load); `boot`: when it came up. */
  | { type: 'ready'; boot?: PageBoot }
  /** The page's fonts have loaded too (the panel is fully up). */
  | { type: 'settled' }
  | { type: 'load'; requestId: number; start?: number; limit?: number; filter: FlowFilter }
  /** How long rendering a page took in the webview (performance.now()). */
  /** `inDom`: item elements in the DOM now (the virtualised window, not the whole list). */
  | { type: 'rendered'; requestId: number; count: number; total: number; ms: number; inDom?: number }
  | { type: 'openExternal'; url: string }
  | { type: 'openDetails' }
  /** Stop reading page `requestId` (the slow state's Cancel). */
  | { type: 'cancel'; requestId: number };

export const FLOW_MESSAGE_TYPES = ['ready', 'settled', 'load', 'rendered', 'openExternal', 'openDetails', 'cancel'] as const;

export interface FlowState {
  orgId: number;
  filter: FlowFilter;
  /** How many items were shown, so a reloaded page asks for as many again. */
  loaded: number;
  scrollY: number;
}

export function parseFlowMessage(raw: unknown): Check<FlowWebviewMessage> {
  if (!isRecord(raw)) return fail('not an object');
  const m = raw;
  if (!isOneOf(m.type, FLOW_MESSAGE_TYPES)) return fail(`unknown type ${JSON.stringify(String(m.type)).slice(0, 60)}`);
  let bad: string | undefined;
  switch (m.type) {
    case 'ready': {
      if ((bad = onlyKeys(m, ['type'], ['boot']))) return fail(bad);
      const boot = parseBoot(m.boot);
      return ok({ type: 'ready', ...(boot ? { boot } : {}) });
    }
    case 'settled':
    case 'openDetails':
      bad = onlyKeys(m, ['type']);
      return bad ? fail(bad) : ok({ type: m.type });
    case 'openExternal': {
      if ((bad = onlyKeys(m, ['type', 'url']))) return fail(bad);
      const url = safeExternalUrl(m.url);
      return url ? ok({ type: 'openExternal', url }) : fail('only http(s) URLs are opened');
    }
    case 'cancel':
      if ((bad = onlyKeys(m, ['type', 'requestId']))) return fail(bad);
      return isNonNegativeInt(m.requestId) ? ok({ type: 'cancel', requestId: m.requestId }) : fail('requestId must be a non-negative integer');
    case 'rendered': {
      if ((bad = onlyKeys(m, ['type', 'requestId', 'count', 'total', 'ms'], ['inDom']))) return fail(bad);
      if (!isNonNegativeInt(m.requestId) || !isNonNegativeInt(m.count) || !isNonNegativeInt(m.total)) return fail('counts must be non-negative integers');
      if (m.inDom !== undefined && !isNonNegativeInt(m.inDom)) return fail('inDom must be a non-negative integer');
      if (typeof m.ms !== 'number' || !Number.isFinite(m.ms) || m.ms < 0) return fail('ms must be a non-negative number');
      return ok({ type: 'rendered', requestId: m.requestId, count: m.count, total: m.total, ms: m.ms, ...(m.inDom !== undefined ? { inDom: m.inDom as number } : {}) });
    }
    case 'load': {
      if ((bad = onlyKeys(m, ['type', 'requestId', 'filter'], ['start', 'limit']))) return fail(bad);
      if (!isNonNegativeInt(m.requestId)) return fail('requestId must be a non-negative integer');
      if (m.start !== undefined && !isNonNegativeInt(m.start)) return fail('start must be a non-negative integer');
      if (m.limit !== undefined && !(isNonNegativeInt(m.limit) && m.limit >= 1 && m.limit <= FLOW_MAX_LIMIT)) return fail(`limit must be 1..${FLOW_MAX_LIMIT}`);
      const f = m.filter;
      if (!isRecord(f)) return fail('filter must be an object');
      if ((bad = onlyKeys(f, ['items', 'allChanges']))) return fail(`filter: ${bad}`);
      if (!Array.isArray(f.items) || f.items.length > FLOW_ITEM_TYPES.length || !f.items.every((t) => isOneOf(t, FLOW_ITEM_TYPES))) return fail('unknown flow item type');
      if (typeof f.allChanges !== 'boolean') return fail('allChanges must be a boolean');
      const items = [...new Set(f.items as FlowItemTypeName[])];
      return ok({
        type: 'load',
        requestId: m.requestId,
        ...(m.start !== undefined ? { start: m.start as number } : {}),
        ...(m.limit !== undefined ? { limit: m.limit as number } : {}),
        filter: { items, allChanges: f.allChanges },
      });
    }
  }
  return fail('unhandled type');
}

export function parseFlowState(raw: unknown): { orgId: number } | undefined {
  return isRecord(raw) && typeof raw.orgId === 'number' && Number.isSafeInteger(raw.orgId) && raw.orgId > 0 ? { orgId: raw.orgId } : undefined;
}
