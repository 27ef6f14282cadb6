// GET /v1/recents?items=organization: what changed (and what was deleted or merged away) since a
// moment. The organization index catches up through it, so a new session costs one request.
import { asArray, asBool, asId, asNumber, asOptText, asRecord } from './coerce';
import type { Organization } from './records';

/** One organization /v1/recents reports: changed (with its record) or deleted / merged away. */
export interface RecentOrganization {
  readonly id: number;
  /** Deleted or merged into another (recents sends those with `active_flag: false`). */
  readonly deleted: boolean;
  /** The record as changed (v1 shape); absent for deleted ones when the server sends none. */
  readonly organization?: Organization;
}

export interface RecentsPage {
  readonly items: readonly RecentOrganization[];
  /** Pipedrive's `more_items_in_collection`. */
  readonly moreItems: boolean;
  readonly nextStart?: number;
  /** `additional_data.last_timestamp_on_page`: the server's time of the last change on this page. */
  readonly lastTimestamp?: string;
}

/**
 * Reads a /v1/recents answer body (`{success, data: [{item, id, data}], additional_data}`) into a
 * RecentsPage. Items of other types and items without an id are left out; `data: null` (v1's
 * empty list) is an empty page. Never throws.
 */
export function recentsPageFromBody(body: unknown): RecentsPage {
  const b = asRecord(body) ?? {};
  const ad = asRecord(b.additional_data) ?? {};
  const p = asRecord(ad.pagination) ?? ad;
  const items: RecentOrganization[] = [];
  for (const raw of asArray(b.data)) {
    const entry = asRecord(raw);
    if (!entry || (entry.item !== undefined && entry.item !== 'organization')) continue;
    const data = asRecord(entry.data);
    const id = asId(entry.id) ?? asId(data?.id);
    if (id === undefined) continue;
    const deleted = asBool(data?.active_flag) === false || data?.is_deleted === true || (data !== undefined && asOptText(data.delete_time) !== undefined && data.delete_time !== '');
    items.push({ id, deleted, ...(data && !deleted ? { organization: { ...data, id } as Organization } : {}) });
  }
  const moreItems = p.more_items_in_collection === true;
  const nextStart = moreItems ? asNumber(p.next_start) : undefined;
  const lastTimestamp = asOptText(ad.last_timestamp_on_page);
  return { items, moreItems, ...(nextStart !== undefined ? { nextStart } : {}), ...(lastTimestamp ? { lastTimestamp } : {}) };
}
