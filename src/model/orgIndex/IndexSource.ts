// The two reads the index sync makes, behind a narrow interface: the v2 list (the walk) and
// /v1/recents (the catch-up). The product wires them to the client; tests may wire recents to a
// plain HTTP call. Both take an AbortSignal; errors carry the HTTP `status` (PipedriveError does).
import type { CursorPage } from '../../api/pages';
import type { ListOrganizationsV2Params, CallOptions } from '../../api/params';
import type { Organization, OrganizationV2 } from '../../api/records';
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

export type { RecentOrganization, RecentsPage } from '../../api/recents';
export { recentsPageFromBody } from '../../api/recents';
import type { RecentsPage } from '../../api/recents';

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
