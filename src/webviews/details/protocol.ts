// The messages of the organization Details panel, shared by the host (DetailsPanel.ts) and the
// webview (media/details.ts). The host validates everything the webview sends with
// parseDetailsMessage before acting on it.
import { fail, isNonNegativeInt, isOneOf, isPositiveInt, isRecord, ok, onlyKeys, parseBoot, safeExternalUrl, type Check, type PageBoot } from '../validate';

export const DETAILS_VIEW_TYPE = 'pipedrive.organizationDetails';

export const SECTION_IDS = ['persons', 'deals', 'activities', 'files', 'followers', 'mailMessages', 'permittedUsers', 'changelog'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const DEAL_STATUSES = ['all_not_deleted', 'open', 'won', 'lost', 'deleted'] as const;
export type DealStatusFilter = (typeof DEAL_STATUSES)[number];
export const DEAL_SORTS = ['update_time DESC', 'add_time DESC', 'title ASC', 'value DESC'] as const;
export type DealSort = (typeof DEAL_SORTS)[number];
export const DONE_FILTERS = ['all', 'done', 'notDone'] as const;
export type DoneFilter = (typeof DONE_FILTERS)[number];
export const FILE_SORTS = ['update_time DESC', 'update_time ASC', 'id DESC', 'id ASC'] as const;
export type FileSort = (typeof FILE_SORTS)[number];

/** Actions the panel offers as buttons; the host runs them through the extension's commands. */
export const ORG_ACTIONS = ['update', 'follow', 'merge', 'delete', 'openFlow'] as const;
export type PanelAction = (typeof ORG_ACTIONS)[number];

/** Filters of the sections that have them. */
export interface SectionParams {
  deals: { status: DealStatusFilter; onlyPrimary: boolean; sort: DealSort };
  activities: { done: DoneFilter; exclude: number[] };
  files: { sort: FileSort };
}

export const DEFAULT_PARAMS: SectionParams = {
  deals: { status: 'all_not_deleted', onlyPrimary: false, sort: 'update_time DESC' },
  activities: { done: 'all', exclude: [] },
  files: { sort: 'update_time DESC' },
};

export const MAX_EXCLUDE = 50;
export const MAX_CURSOR_LENGTH = 512;

// ---- view models (already formatted by the host; the webview only renders text) --------------

export interface Field {
  label: string;
  value: string;
}

export interface Row {
  /** Stable per section, e.g. "deal:60001". */
  key: string;
  /** A codicon name. */
  icon: string;
  title: string;
  /** Short secondary facts, shown after the title. */
  details: string[];
  /** e.g. the deal status or "done". */
  badge?: string;
  /** http(s) link the title opens (through the host). */
  url?: string;
  /** A follower row that can be removed: the follower record's id. */
  followerId?: number;
}

export interface SectionPage {
  rows: Row[];
  /** Where "Load more" continues: an offset (number) or a cursor (string); absent at the end. */
  next?: number | string;
}

export interface UserOption {
  id: number;
  name: string;
}

export interface HeaderView {
  id: number;
  name: string;
  owner: string;
  address: string;
  labels: string[];
  visibility: string;
  /** "People 3", "Open deals 2", ... */
  counts: Field[];
  addTime: string;
  updateTime: string;
  /** https://{company}.pipedrive.com/organization/{id} when the company domain is known. */
  pipedriveUrl?: string;
  website?: string;
  /** Custom fields by their names, option ids turned into labels. */
  customFields: Field[];
  /** Whether the signed-in user follows it; absent when unknown (the button then just says Follow). */
  following?: boolean;
}

export type PanelStatus = 'active' | 'deleted' | 'merged';

// ---- host → webview -------------------------------------------------------------------------

/** After this long without an answer the panel says Pipedrive is slow and offers Cancel. */
export const SLOW_AFTER_MS = 3000;

export type DetailsHostMessage =
  /** First message after `ready`: the display language (vscode.env.language) for dates and numbers. */
  /** `dealsPrimaryOnly`: false when Pipedrive's API in use cannot limit deals to the primary association (v2). */
  | { type: 'init'; locale: string; dealsPrimaryOnly?: boolean }
  /** The header read has taken SLOW_AFTER_MS: say so and offer Cancel (sends `cancel`). */
  | { type: 'slow'; message: string }
  | { type: 'header'; header: HeaderView }
  | { type: 'headerError'; message: string }
  /** The organization is gone: show a banner and disable the actions. */
  | { type: 'status'; status: PanelStatus; message: string }
  | { type: 'section'; section: SectionId; requestId: number; page: SectionPage; append: boolean; candidates?: UserOption[] }
  | { type: 'sectionError'; section: SectionId; requestId: number; message: string; append: boolean }
  /** An action is running (buttons disabled) or finished. */
  | { type: 'busy'; busy: boolean }
  /** Data changed: reload the open sections (these only, when given). */
  | { type: 'invalidate'; sections?: SectionId[] }
  /** The panel now shows organization `orgId` (a preview panel moved on): forget what is shown. */
  | { type: 'reset'; orgId: number }
  /** A short note to show (e.g. an action failed). */
  | { type: 'notice'; message: string; level: 'info' | 'error' };

// ---- webview → host -------------------------------------------------------------------------

export type LoadSectionMessage =
  | { type: 'loadSection'; section: 'persons' | 'followers' | 'mailMessages' | 'permittedUsers'; requestId: number; start?: number }
  | { type: 'loadSection'; section: 'changelog'; requestId: number; cursor?: string }
  | { type: 'loadSection'; section: 'deals'; requestId: number; start?: number; params: SectionParams['deals'] }
  | { type: 'loadSection'; section: 'activities'; requestId: number; start?: number; params: SectionParams['activities'] }
  | { type: 'loadSection'; section: 'files'; requestId: number; start?: number; params: SectionParams['files'] };

export type DetailsWebviewMessage =
  /** The page script runs and listens (sent at once, before fonts load); `boot`: when it came up. */
  | { type: 'ready'; boot?: PageBoot }
  /** The page's fonts have loaded too (the panel is fully up). */
  | { type: 'settled' }
  /** The header is on screen (laid out); the bench times opening Details by it. */
  | { type: 'headerShown' }
  | { type: 'refresh' }
  /** Stop the header read that is taking long (the slow state's Cancel). */
  | { type: 'cancel' }
  | LoadSectionMessage
  | { type: 'action'; action: PanelAction }
  | { type: 'addFollower'; userId: number }
  | { type: 'removeFollower'; followerId: number }
  | { type: 'openExternal'; url: string };

export const DETAILS_MESSAGE_TYPES = ['ready', 'settled', 'headerShown', 'refresh', 'cancel', 'loadSection', 'action', 'addFollower', 'removeFollower', 'openExternal'] as const;

/** What the webview keeps in vscode.setState (and what the serializer gets back after a reload). */
export interface DetailsState {
  orgId: number;
  open: SectionId[];
  params: SectionParams;
  scrollY: number;
}

/** Validates a message from the webview. Anything not exactly one of DetailsWebviewMessage is refused. */
export function parseDetailsMessage(raw: unknown): Check<DetailsWebviewMessage> {
  if (!isRecord(raw)) return fail('not an object');
  const m = raw;
  if (!isOneOf(m.type, DETAILS_MESSAGE_TYPES)) return fail(`unknown type ${JSON.stringify(String(m.type)).slice(0, 60)}`);
  const keys = (required: string[], optional: string[] = []) => onlyKeys(m, ['type', ...required], optional);
  let bad: string | undefined;
  switch (m.type) {
    case 'ready': {
      if ((bad = keys([], ['boot']))) return fail(bad);
      const boot = parseBoot(m.boot);
      return ok({ type: 'ready', ...(boot ? { boot } : {}) });
    }
    case 'settled':
    case 'headerShown':
    case 'refresh':
    case 'cancel':
      bad = keys([]);
      return bad ? fail(bad) : ok({ type: m.type });
    case 'action':
      if ((bad = keys(['action']))) return fail(bad);
      return isOneOf(m.action, ORG_ACTIONS) ? ok({ type: 'action', action: m.action }) : fail('unknown action');
    case 'addFollower':
      if ((bad = keys(['userId']))) return fail(bad);
      return isPositiveInt(m.userId) ? ok({ type: 'addFollower', userId: m.userId }) : fail('userId must be a positive integer');
    case 'removeFollower':
      if ((bad = keys(['followerId']))) return fail(bad);
      return isPositiveInt(m.followerId) ? ok({ type: 'removeFollower', followerId: m.followerId }) : fail('followerId must be a positive integer');
    case 'openExternal': {
      if ((bad = keys(['url']))) return fail(bad);
      const url = safeExternalUrl(m.url);
      return url ? ok({ type: 'openExternal', url }) : fail('only http(s) URLs are opened');
    }
    case 'loadSection':
      return parseLoadSection(m);
  }
  return fail('unhandled type');
}

function parseLoadSection(m: Record<string, unknown>): Check<DetailsWebviewMessage> {
  if (!isOneOf(m.section, SECTION_IDS)) return fail('unknown section');
  if (!isNonNegativeInt(m.requestId)) return fail('requestId must be a non-negative integer');
  const section = m.section;
  const requestId = m.requestId;
  const base = ['type', 'section', 'requestId'];
  if (section === 'changelog') {
    const bad = onlyKeys(m, base, ['cursor']);
    if (bad) return fail(bad);
    if (m.cursor !== undefined && (typeof m.cursor !== 'string' || m.cursor.length === 0 || m.cursor.length > MAX_CURSOR_LENGTH)) return fail('bad cursor');
    return ok({ type: 'loadSection', section, requestId, ...(m.cursor !== undefined ? { cursor: m.cursor as string } : {}) });
  }
  if (m.start !== undefined && !isNonNegativeInt(m.start)) return fail('start must be a non-negative integer');
  const start = m.start as number | undefined;
  const withStart = start !== undefined ? { start } : {};
  if (section === 'deals' || section === 'activities' || section === 'files') {
    const bad = onlyKeys(m, [...base, 'params'], ['start']);
    if (bad) return fail(bad);
    const params = m.params;
    if (!isRecord(params)) return fail('params must be an object');
    if (section === 'deals') {
      const pb = onlyKeys(params, ['status', 'onlyPrimary', 'sort']);
      if (pb) return fail(`params: ${pb}`);
      if (!isOneOf(params.status, DEAL_STATUSES)) return fail('unknown deal status');
      if (typeof params.onlyPrimary !== 'boolean') return fail('onlyPrimary must be a boolean');
      if (!isOneOf(params.sort, DEAL_SORTS)) return fail('unknown deal sort');
      return ok({ type: 'loadSection', section, requestId, ...withStart, params: { status: params.status, onlyPrimary: params.onlyPrimary, sort: params.sort } });
    }
    if (section === 'activities') {
      const pb = onlyKeys(params, ['done', 'exclude']);
      if (pb) return fail(`params: ${pb}`);
      if (!isOneOf(params.done, DONE_FILTERS)) return fail('unknown done filter');
      const ex = params.exclude;
      if (!Array.isArray(ex) || ex.length > MAX_EXCLUDE || !ex.every(isPositiveInt)) return fail('exclude must be a short list of positive integers');
      return ok({ type: 'loadSection', section, requestId, ...withStart, params: { done: params.done, exclude: [...(ex as number[])] } });
    }
    const pb = onlyKeys(params, ['sort']);
    if (pb) return fail(`params: ${pb}`);
    if (!isOneOf(params.sort, FILE_SORTS)) return fail('unknown file sort');
    return ok({ type: 'loadSection', section, requestId, ...withStart, params: { sort: params.sort } });
  }
  const bad = onlyKeys(m, base, ['start']);
  if (bad) return fail(bad);
  return ok({ type: 'loadSection', section, requestId, ...withStart });
}

/** Restored state is data from disk the webview wrote: check it like a message. */
export function parseDetailsState(raw: unknown): { orgId: number } | undefined {
  return isRecord(raw) && isPositiveInt(raw.orgId) ? { orgId: raw.orgId } : undefined;
}
