// Where the organizations of an export come from, each an async iterable that reads one page, hands
// its records on and only then reads the next: the local index (no request) or the server (limit
// 500, the most Pipedrive gives in one page). No vscode import.
import type { PipedriveClient } from '../api/PipedriveClient';
import { firstCharParam, inGroup, OTHER_GROUP } from '../api/firstChar';
import type { Organization } from '../api/records';
import { parseSort, toV2Sort } from '../api/sortSpec';
import { organizationFromV2, type UserLookup } from '../api/v2Mapping';
import type { OrganizationIndexView } from '../model/orgIndex/types';
import { iterate } from '../api/pages';
import type { PipedriveV2Api } from '../api/PipedriveV2Api';

/** What to export when it is a list: a root group (letter) or everything, within the scope. */
export interface ExportQuery {
  /** A group key of the tree (`A`, `東`, OTHER_GROUP); undefined = every organization. */
  readonly group?: string;
  /** The owner scope (`user_id`). */
  readonly ownerId?: number;
  /** A saved filter (`filter_id`); the local index cannot apply one. */
  readonly filterId?: number;
  /** The tree's sort expression, e.g. `name ASC`. */
  readonly sort: string;
}

/** The most organizations one server page holds (Pipedrive's limit); also the index page size. */
export const EXPORT_PAGE_SIZE = 500;

/** True when the index can answer the query itself: complete, and no saved filter to apply. */
export function canExportFromIndex(view: OrganizationIndexView | undefined, query: ExportQuery): view is OrganizationIndexView {
  return !!view && view.ready && query.filterId === undefined;
}

/** How many organizations the index holds for the query (no request; same sort as fromIndex, so its sorted list is reused). */
export function indexTotal(view: OrganizationIndexView, query: ExportQuery): number {
  return view.query({ group: query.group, ownerId: query.ownerId, sort: parseSort(query.sort), start: 0, limit: 0 }).total;
}

/** Pages the local index (0 requests). */
export async function* fromIndex(view: OrganizationIndexView, query: ExportQuery, signal?: AbortSignal): AsyncGenerator<Organization> {
  const sort = parseSort(query.sort);
  for (let start = 0; ; ) {
    signal?.throwIfAborted();
    const { items, total } = view.query({ group: query.group, ownerId: query.ownerId, sort, start, limit: EXPORT_PAGE_SIZE });
    yield* items;
    start += items.length;
    // Exits the data cannot prevent: an empty page, or the total reached.
    if (items.length === 0 || start >= total) return;
  }
}

export type ListBackend = Pick<PipedriveClient, 'listOrganizations' | 'isOnV2'> & { readonly v2: Pick<PipedriveV2Api, 'listOrganizationsV2'> };

/**
 * Pages GET /v1/organizations (first_char, user_id, filter_id) one page at a time. Pipedrive has
 * no first_char for the Other group (names starting with a symbol): that one reads the scope
 * whole and keeps the names that belong to it. Once the client has found the v1 list retired, it
 * pages GET /api/v2/organizations instead (owner_id, filter_id; no first_char there, so a letter
 * reads the scope and keeps its names; order by id/update_time/add_time only): the client's own
 * v1 fallback would first read every organization into memory.
 */
export async function* fromServer(client: ListBackend, query: ExportQuery, signal?: AbortSignal, users: UserLookup = () => undefined): AsyncGenerator<Organization> {
  if (client.isOnV2('listOrganizations')) {
    const v2 = iterate(({ cursor }) => client.v2.listOrganizationsV2({ owner_id: query.ownerId, filter_id: query.filterId, limit: EXPORT_PAGE_SIZE, ...toV2Sort(parseSort(query.sort)), cursor }, { signal }));
    for await (const record of v2) {
      const org = organizationFromV2(record, users);
      if (query.group === undefined || inGroup(org.name, query.group)) yield org;
    }
    return;
  }
  const firstChar = query.group === undefined ? undefined : firstCharParam(query.group);
  const pages = iterate(({ start }) => client.listOrganizations({ first_char: firstChar, user_id: query.ownerId, filter_id: query.filterId, sort: query.sort, limit: EXPORT_PAGE_SIZE, start }, { signal }));
  const onlyOther = query.group === OTHER_GROUP;
  for await (const org of pages) {
    if (!onlyOther || inGroup(org.name, OTHER_GROUP)) yield org;
  }
}

export type RecordBackend = Pick<PipedriveClient, 'getOrganization'>;

/**
 * The selected organizations, in selection order: the record already at hand (the tree's page,
 * the index) when there is one, else GET /v1/organizations/{id} for that one.
 */
export async function* fromIds(
  ids: readonly number[],
  known: (id: number) => Organization | undefined,
  client: RecordBackend,
  signal?: AbortSignal,
): AsyncGenerator<Organization> {
  for (const id of ids) {
    signal?.throwIfAborted();
    yield known(id) ?? (await client.getOrganization(id, { signal })).organization;
  }
}
