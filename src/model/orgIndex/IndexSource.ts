// The two reads the index sync makes, behind a narrow interface: the v2 list (the walk) and
// /v1/recents (the catch-up). The product wires them to the client; tests may wire recents to a
// plain HTTP call. Both take an AbortSignal; errors carry the HTTP `status` (PipedriveError does).
import type { CursorPage } from '../../api/pages';
import type { ListOrganizationsV2Params, CallOptions } from '../../api/params';
import type { Organization, OrganizationV2 } from '../../api/records';
import { asArray, asBool, asId, asNumber, asOptText, asRecord } from '../../api/coerce';
import { mapV2List, organizationFromV2, type UserLookup } from '../../api/v2Mapping';

export interface ListPageOptions {
  /** Items per page (v2 allows up to 500). */
  readonly limit: number;
  /** RFC 3339: only organizations changed since (v2 `updated_since`); deleted ones are not listed. */
  readonly updatedSince?: string;
  readonly signal?: AbortSignal;
}

export interface RecentsOptions {
  readonly start: number;
  readonly limit: number;
  readonly signal?: AbortSignal;
}

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

export interface IndexSource {
  /** GET /api/v2/organizations: one page, mapped to the v1 shape. */
  listPage(cursor: string | undefined, options: ListPageOptions): Promise<CursorPage<Organization>>;
  /** GET /v1/recents?items=organization&since_timestamp= (UTC `YYYY-MM-DD HH:MM:SS`): one page. */
  recents(sinceTimestamp: string, options: RecentsOptions): Promise<RecentsPage>;
}

export type RecentsFetcher = IndexSource['recents'];

/** The one client method the walk needs (PipedriveClient has it). */
export interface OrganizationListClient {
  listOrganizationsV2(params: ListOrganizationsV2Params, call?: CallOptions): Promise<CursorPage<OrganizationV2>>;
}

/**
 * The product's source: the walk through the client's v2 list (limit 500), recents through the
 * function given (the client's recents method, wired by the host). `users` names owners when known.
 */
export function clientSource(
  client: OrganizationListClient,
  recents: RecentsFetcher,
  users: UserLookup = () => undefined,
  onSkip?: (what: string, reason: string) => void,
): IndexSource {
  return {
    async listPage(cursor, options) {
      const page = await client.listOrganizationsV2(
        { cursor, limit: options.limit, ...(options.updatedSince ? { updated_since: options.updatedSince } : {}) },
        { signal: options.signal },
      );
      return { items: mapV2List(page.items, 'organization', (r: OrganizationV2) => organizationFromV2(r, users), onSkip), nextCursor: page.nextCursor };
    },
    recents,
  };
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
