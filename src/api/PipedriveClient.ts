import { callSpec, type PipedriveClientOptions } from './PipedriveApiBase';
import { deleteEach } from './deleteEach';
import { RouteSwitch, renamed, type ApiMode, type RetirableOperation } from './fallback';
import { IndexedLists, offsetResult } from './indexedLists';
import { parseSort, toV2Sort } from './sortSpec';
import { UserDirectory } from './userDirectory';
import { PipedriveV2Api } from './PipedriveV2Api';
import { PipedriveError } from './PipedriveError';
import { systemClock } from './Clock';
import type { OrganizationIndex } from './OrganizationIndex';
import { OffsetOverCursor } from './offsetOverCursor';
import { recentsPageFromBody, type RecentsPage } from './recents';
import { iterate, type CursorPage, type OffsetPage } from './pages';
import type {
  AddOrganizationInput,
  CallOptions,
  CursorParams,
  ListOrganizationsParams,
  OffsetParams,
  OrganizationActivitiesParams,
  OrganizationDealsParams,
  OrganizationFilesParams,
  OrganizationFlowParams,
  OrganizationMailMessagesParams,
  OrganizationsCollectionParams,
  UpdateOrganizationInput,
} from './params';
import type {
  Activity,
  ActivityDistribution,
  ActivityV2,
  CollectionOrganization,
  Deal,
  Filter,
  FlowItem,
  FollowerV2,
  MailMessageItem,
  Organization,
  OrganizationChange,
  OrganizationDetails,
  OrganizationField,
  OrganizationFile,
  OrganizationFollower,
  OrganizationRelatedObjects,
  OrganizationV2,
  Person,
  User,
} from './records';
import {
  ORGANIZATION_COUNTERS,
  activityFromV2,
  addInputToV2,
  collectionOrganizationFromV2,
  dealFromV2,
  inputToV1,
  organizationFromV2,
  personFromV2,
  toRfc3339,
  toV1DateTime,
  updateInputToV2,
  type UserLookup,
} from './v2Mapping';
import { sameFirstChar } from './OrganizationIndex';
import { checkAddress, checkFirstChar, checkId, checkIds, checkMergeIds, checkName, checkVisibleTo } from './validators';


export type ActivitiesPage = OffsetPage<Activity> & { activityDistribution?: ActivityDistribution };

export interface ClientOptions extends PipedriveClientOptions {
  /** Default `current`: no probe of retired routes, v2 from the first call. */
  apiMode?: ApiMode;
  /** Start with these operations on v2 already (e.g. remembered from an earlier session). */
  v2Operations?: RetirableOperation[];
  /** How long the local index (v2 list by first_char) trusts updated_since before a full walk (default 15 min). */
  indexMaxAgeMs?: number;
  /** Told once per operation when a retired v1 route makes it switch to v2. */
  onSwitchToV2?: (operation: RetirableOperation, status: number) => void;
}

/**
 * The Pipedrive client of the extension: one typed method per endpoint, offset and cursor paging
 * with async-iterator twins, validation before the network, retries and pacing in the transport.
 *
 * The v1 routes Pipedrive retired (see RetirableOperation) are called as specified until one
 * answers 410 Gone or 404 "Unknown method"; from then on that operation runs through v2 for the
 * life of the client and returns the same v1-shaped types (see v2Mapping.ts for the fields v2
 * cannot provide).
 */
export class PipedriveClient extends PipedriveV2Api {
  private readonly routes: RouteSwitch;
  private readonly lists: IndexedLists;
  private readonly offsets = new OffsetOverCursor();
  private readonly users: UserDirectory;
  private readonly clientOptions: ClientOptions;

  constructor(options: ClientOptions) {
    super(options);
    this.clientOptions = options;
    const log = (line: string) => this.transport.log(line);
    this.routes = new RouteSwitch(options.apiMode ?? 'current', options.v2Operations ?? [], log, options.onSwitchToV2);
    this.users = new UserDirectory(log);
    this.lists = new IndexedLists((p) => this.listOrganizationsV2(p), options.clock ?? systemClock, options.indexMaxAgeMs);
  }

  /** The index of every organization over v2 (add, update and delete keep it current). */
  private get index(): OrganizationIndex {
    return this.lists.all;
  }

  /** The operations currently served through v2. */
  get v2Operations(): RetirableOperation[] {
    return this.routes.operations;
  }

  /** Followers have v2 routes: today's API uses them (half the tokens of v1's). */
  private get followersOnV2(): boolean {
    return (this.clientOptions.apiMode ?? 'current') === 'current';
  }

  /** `current` once every retirable operation runs through v2 (from the start, or after each switched). */
  get apiMode(): ApiMode {
    return this.routes.apiMode;
  }

  isOnV2(operation: RetirableOperation): boolean {
    return this.routes.isOnV2(operation);
  }

  // ---- organizations: list, collection, details -------------------------------------------

  /** GET /v1/organizations (v2 mode: a local index over GET /api/v2/organizations) */
  async listOrganizations(params: ListOrganizationsParams = {}, call?: CallOptions): Promise<OffsetPage<Organization, OrganizationRelatedObjects>> {
    const op = 'listOrganizations';
    this.checkOffset(op, params);
    this.checkOptionalId(op, params.user_id, 'user_id');
    this.checkOptionalId(op, params.filter_id, 'filter_id');
    if (params.first_char !== undefined) this.validate(op, checkFirstChar(params.first_char));
    const start = params.start ?? 0;
    return this.withFallback(
      op,
      async () => {
        return this.offsetPage<Organization, OrganizationRelatedObjects>(
          { operation: op, method: 'GET', path: '/v1/organizations', query: { ...params }, ...callSpec(call) },
          start,
          params.limit,
        );
      },
      () => this.listOrganizationsFromIndex(params, call),
    );
  }


  /** GET /v1/organizations/collection (needs global admin rights; v2 mode: GET /api/v2/organizations) */
  async getOrganizationsCollection(params: OrganizationsCollectionParams = {}, call?: CallOptions): Promise<CursorPage<CollectionOrganization>> {
    const op = 'getOrganizationsCollection';
    this.checkCursor(op, params);
    this.checkOptionalId(op, params.owner_id, 'owner_id');
    if (params.first_char !== undefined) this.validate(op, checkFirstChar(params.first_char));
    return this.withFallback(
      op,
      () =>
        this.cursorPage<CollectionOrganization>({
          operation: op,
          method: 'GET',
          path: '/v1/organizations/collection',
          query: { ...params },
          forbiddenHint: 'Listing the organization collection needs global admin rights in Pipedrive; ask an admin or use the regular list',
          ...callSpec(call),
        }),
      async () => {
        const page = await this.listOrganizationsV2(
          {
            cursor: params.cursor,
            limit: params.limit,
            owner_id: params.owner_id,
            updated_since: params.since ? toRfc3339(params.since) : undefined,
            updated_until: params.until ? toRfc3339(params.until) : undefined,
          },
          call,
        );
        const items = params.first_char === undefined ? page.items : page.items.filter((o) => sameFirstChar(o.name, params.first_char!));
        return { items: items.map(collectionOrganizationFromV2), nextCursor: page.nextCursor };
      },
    );
  }


  /** GET /v1/organizations/{id} (v2 mode: GET /api/v2/organizations/{id}; followers then come empty) */
  async getOrganization(id: number, call?: CallOptions): Promise<OrganizationDetails> {
    const op = 'getOrganization';
    this.validate(op, checkId(id));
    return this.withFallback(
      op,
      async () => {
        const body = await this.send({ operation: op, method: 'GET', path: `/v1/organizations/${id}`, orgId: id, ...callSpec(call) });
        if (!body.data || typeof body.data !== 'object') throw this.malformed({ operation: op, method: 'GET', path: `/v1/organizations/${id}` }, 'no data');
        const ad = (body.additional_data ?? {}) as { followers?: OrganizationDetails['followers']; dropbox_email?: string };
        return {
          organization: body.data as Organization,
          followers: ad.followers ?? {},
          dropboxEmail: ad.dropbox_email,
          relatedObjects: (body.related_objects ?? undefined) as OrganizationRelatedObjects | undefined,
        };
      },
      async () => {
        // Counters come only when asked for; followers only when there are some (v2 details
        // carry none), so an organization nobody follows costs one request as in v1.
        const org = await this.getOrganizationV2(id, { include_fields: [...ORGANIZATION_COUNTERS] }, { ...call });
        const users = await this.userLookup(call);
        const followers: OrganizationDetails['followers'] = {};
        if (Number(org.followers_count ?? 0) > 0) {
          for await (const f of iterate(({ cursor }) => this.listOrganizationFollowersV2(id, { limit: 500, cursor }, call))) {
            const u = users(f.user_id);
            followers[f.user_id] = { id: f.user_id, user_id: f.user_id, name: u?.name ?? '', email: u?.email ?? '', pic_hash: null };
          }
        }
        return { organization: organizationFromV2(org, users), followers };
      },
    );
  }

  /**
   * The organization record alone, without its followers: what an edit compares against (v2: one
   * token, where details with followers cost eleven).
   */
  async getOrganizationRecord(id: number, call?: CallOptions): Promise<Organization> {
    if (!this.routes.isOnV2('getOrganization')) return (await this.getOrganization(id, call)).organization;
    this.validate('getOrganization', checkId(id));
    try {
      const org = await this.getOrganizationV2(id, {}, call);
      return organizationFromV2(org, await this.userLookup(call));
    } catch (e) {
      throw renamed(e, 'getOrganization');
    }
  }

  // ---- organizations: write --------------------------------------------------------------

  /** POST /v1/organizations (v2 mode: POST /api/v2/organizations) */
  async addOrganization(input: AddOrganizationInput, call?: CallOptions): Promise<Organization> {
    const op = 'addOrganization';
    this.validate(op, checkName(input?.name));
    this.checkOrgInput(op, input);
    return this.withFallback(
      op,
      () => this.data<Organization>({ operation: op, method: 'POST', path: '/v1/organizations', body: inputToV1(input), ...callSpec(call) }),
      async () => {
        const org = await this.data<OrganizationV2>({ operation: op, method: 'POST', path: '/api/v2/organizations', body: addInputToV2(input), ...callSpec(call) });
        this.index.upsert(org);
        return organizationFromV2(org, await this.userLookup(call));
      },
    );
  }

  /** PUT /v1/organizations/{id} (v2 mode: PATCH /api/v2/organizations/{id}) */
  async updateOrganization(id: number, input: UpdateOrganizationInput, call?: CallOptions): Promise<Organization> {
    const op = 'updateOrganization';
    this.validate(op, checkId(id), input?.name !== undefined ? checkName(input.name) : undefined);
    this.checkOrgInput(op, input ?? {});
    return this.withFallback(
      op,
      () => this.data<Organization>({ operation: op, method: 'PUT', path: `/v1/organizations/${id}`, body: inputToV1(input), orgId: id, ...callSpec(call) }),
      async () => {
        const org = await this.data<OrganizationV2>({
          operation: op,
          method: 'PATCH',
          path: `/api/v2/organizations/${id}`,
          body: updateInputToV2(input),
          orgId: id,
          ...callSpec(call),
        });
        this.index.upsert(org);
        return organizationFromV2(org, await this.userLookup(call));
      },
    );
  }

  /** PUT /v1/organizations/{id}/merge: `id` is merged into `mergeWithId` */
  async mergeOrganizations(id: number, mergeWithId: number, call?: CallOptions): Promise<{ id: number }> {
    const op = 'mergeOrganizations';
    this.validate(op, checkMergeIds(id, mergeWithId));
    return this.data<{ id: number }>({ operation: op, method: 'PUT', path: `/v1/organizations/${id}/merge`, body: { merge_with_id: mergeWithId }, orgId: id, retry: 'never', ...callSpec(call) }).then((r) => {
      this.index.remove(id);
      return r;
    });
  }

  /** DELETE /v1/organizations/{id} (v2 mode: DELETE /api/v2/organizations/{id}) */
  async deleteOrganization(id: number, call?: CallOptions): Promise<{ id: number }> {
    const op = 'deleteOrganization';
    this.validate(op, checkId(id));
    const result = await this.withFallback(
      op,
      () => this.data<{ id: number }>({ operation: op, method: 'DELETE', path: `/v1/organizations/${id}`, orgId: id, ...callSpec(call) }),
      () => this.data<{ id: number }>({ operation: op, method: 'DELETE', path: `/api/v2/organizations/${id}`, orgId: id, ...callSpec(call) }),
    );
    this.index.remove(id);
    return result;
  }

  /** DELETE /v1/organizations?ids= (v2 mode: one DELETE /api/v2/organizations/{id} per id, a few at a time) */
  async deleteOrganizations(ids: number[], call?: CallOptions): Promise<{ id: number[] }> {
    const op = 'deleteOrganizations';
    this.validate(op, checkIds(ids));
    const result = await this.withFallback(
      op,
      () => this.data<{ id: number[] }>({ operation: op, method: 'DELETE', path: '/v1/organizations', query: { ids }, ...callSpec(call) }),
      () => this.deleteEachV2(op, ids, call),
    );
    for (const id of ids) this.index.remove(id);
    return result;
  }

  // ---- organizations: related lists ------------------------------------------------------

  /** GET /v1/organizations/{id}/activities (v2 mode: GET /api/v2/activities?org_id=; no activity_distribution) */
  async listOrganizationActivities(id: number, params: OrganizationActivitiesParams = {}, call?: CallOptions): Promise<ActivitiesPage> {
    const op = 'listOrganizationActivities';
    this.validate(op, checkId(id));
    this.checkOffset(op, params);
    params.exclude?.forEach((x, i) => this.validate(op, checkId(x, `exclude[${i}]`)));
    const start = params.start ?? 0;
    return this.withFallback<ActivitiesPage>(
      op,
      async () => {
        const { page, additionalData } = await this.offsetEnvelope<Activity>(
          { operation: op, method: 'GET', path: `/v1/organizations/${id}/activities`, query: { ...params }, orgId: id, ...callSpec(call) },
          start,
          params.limit,
        );
        const dist = (additionalData as { activity_distribution?: ActivityDistribution } | undefined)?.activity_distribution;
        return { ...page, activityDistribution: dist ?? undefined };
      },
      async () => {
        // v1 orders an organization's activities by due time; v2 cannot sort that way everywhere,
        // so read them all (500 a page) and order them here.
        const limit = params.limit ?? 100;
        const excluded = new Set(params.exclude ?? []);
        const done = params.done === undefined ? undefined : params.done === 1;
        const all: ActivityV2[] = [];
        for await (const a of iterate(({ cursor }) => this.listActivitiesV2(id, { done, limit: 500, cursor }, call))) if (!excluded.has(a.id)) all.push(a);
        if (all.length === 0) await this.getOrganizationV2(id, {}, call);
        all.sort((a, b) => dueKey(a).localeCompare(dueKey(b)) || a.id - b.id);
        const users = await this.userLookup(call);
        const items = all.slice(start, start + limit).map((a) => activityFromV2(a, users, this.index.get(id)?.name));
        return offsetResult(items, start, limit, start + limit < all.length);
      },
    );
  }


  /** GET /v1/organizations/{id}/changelog */
  async listOrganizationChangelog(id: number, params: CursorParams = {}, call?: CallOptions): Promise<CursorPage<OrganizationChange>> {
    const op = 'listOrganizationChangelog';
    this.validate(op, checkId(id));
    this.checkCursor(op, params);
    return this.cursorPage<OrganizationChange>({ operation: op, method: 'GET', path: `/v1/organizations/${id}/changelog`, query: { ...params }, orgId: id, ...callSpec(call) });
  }


  /**
   * GET /v1/organizations/{id}/deals (v2 mode: GET /api/v2/deals?org_id=; sort only by id,
   * add_time or update_time, only_primary_association ignored: v2 lists direct associations)
   */
  async listOrganizationDeals(id: number, params: OrganizationDealsParams = {}, call?: CallOptions): Promise<OffsetPage<Deal, OrganizationRelatedObjects>> {
    const status = params.status && params.status !== 'all_not_deleted' ? [params.status] : undefined;
    const sort = toV2Sort(parseSort(params.sort));
    return this.relatedList('listOrganizationDeals', id, params, call, 'deals', {
      key: `deals:${id}:${status}:${sort.sort_by}:${sort.sort_direction}`,
      page: (cursor, want) => this.listDealsV2(id, { cursor, limit: want, status, ...sort }, call),
      map: dealFromV2,
    });
  }


  /** GET /v1/organizations/{id}/files (limit at most 100) */
  async listOrganizationFiles(id: number, params: OrganizationFilesParams = {}, call?: CallOptions): Promise<OffsetPage<OrganizationFile>> {
    const op = 'listOrganizationFiles';
    this.validate(op, checkId(id));
    this.checkOffset(op, params, 100);
    return this.offsetPage<OrganizationFile>(
      { operation: op, method: 'GET', path: `/v1/organizations/${id}/files`, query: { ...params }, orgId: id, ...callSpec(call) },
      params.start ?? 0,
      params.limit,
    );
  }


  /** GET /v1/organizations/{id}/flow */
  async listOrganizationFlow(id: number, params: OrganizationFlowParams = {}, call?: CallOptions): Promise<OffsetPage<FlowItem, OrganizationRelatedObjects>> {
    const op = 'listOrganizationFlow';
    this.validate(op, checkId(id));
    this.checkOffset(op, params);
    return this.offsetPage<FlowItem, OrganizationRelatedObjects>(
      { operation: op, method: 'GET', path: `/v1/organizations/${id}/flow`, query: { ...params }, orgId: id, ...callSpec(call) },
      params.start ?? 0,
      params.limit,
    );
  }


  /**
   * The organization's followers, in one page. Today's API: GET /api/v2/organizations/{id}/followers
   * (every page of 500), where a follower is named by its user id; legacy: GET /v1/…/followers,
   * where it has a record id of its own. Either way `id` is what deleteOrganizationFollower takes.
   */
  async listOrganizationFollowers(id: number, call?: CallOptions): Promise<OffsetPage<OrganizationFollower>> {
    const op = 'listOrganizationFollowers';
    this.validate(op, checkId(id));
    if (this.followersOnV2) {
      try {
        const items: OrganizationFollower[] = [];
        for await (const f of iterate(({ cursor }) => this.listOrganizationFollowersV2(id, { limit: 500, cursor }, call))) items.push(followerFromV2(f, id));
        return offsetResult(items, 0, Math.max(1, items.length), false);
      } catch (e) {
        throw renamed(e, op);
      }
    }
    return this.offsetPage<OrganizationFollower>(
      { operation: op, method: 'GET', path: `/v1/organizations/${id}/followers`, orgId: id, ...callSpec(call) },
      0,
      undefined,
    );
  }

  /** GET /v1/organizations/{id}/mailMessages */
  async listOrganizationMailMessages(id: number, params: OrganizationMailMessagesParams = {}, call?: CallOptions): Promise<OffsetPage<MailMessageItem>> {
    const op = 'listOrganizationMailMessages';
    this.validate(op, checkId(id));
    this.checkOffset(op, params);
    return this.offsetPage<MailMessageItem>(
      { operation: op, method: 'GET', path: `/v1/organizations/${id}/mailMessages`, query: { ...params }, orgId: id, ...callSpec(call) },
      params.start ?? 0,
      params.limit,
    );
  }


  /** GET /v1/organizations/{id}/permittedUsers: the ids of users who may see the organization */
  async listOrganizationPermittedUsers(id: number, call?: CallOptions): Promise<number[]> {
    const op = 'listOrganizationPermittedUsers';
    this.validate(op, checkId(id));
    const data = await this.data<number[] | null>({ operation: op, method: 'GET', path: `/v1/organizations/${id}/permittedUsers`, orgId: id, ...callSpec(call) });
    return data ?? [];
  }

  /** GET /v1/organizations/{id}/persons (v2 mode: GET /api/v2/persons?org_id=) */
  async listOrganizationPersons(id: number, params: OffsetParams = {}, call?: CallOptions): Promise<OffsetPage<Person, OrganizationRelatedObjects>> {
    return this.relatedList('listOrganizationPersons', id, params, call, 'persons', {
      key: `persons:${id}`,
      page: (cursor, want) => this.listPersonsV2(id, { cursor, limit: want }, call),
      map: personFromV2,
    });
  }


  // ---- followers ----------------------------------------------------------------------------

  /** POST /api/v2/organizations/{id}/followers (legacy: POST /v1/…/followers) */
  async addOrganizationFollower(id: number, userId: number, call?: CallOptions): Promise<OrganizationFollower> {
    const op = 'addOrganizationFollower';
    this.validate(op, checkId(id), checkId(userId, 'user_id'));
    if (this.followersOnV2) {
      const f = await this.data<FollowerV2>({ operation: op, method: 'POST', path: `/api/v2/organizations/${id}/followers`, body: { user_id: userId }, orgId: id, ...callSpec(call) });
      return followerFromV2(f, id);
    }
    return this.data<OrganizationFollower>({ operation: op, method: 'POST', path: `/v1/organizations/${id}/followers`, body: { user_id: userId }, orgId: id, ...callSpec(call) });
  }

  /** DELETE /v1/organizations/{id}/followers/{follower_id} (`followerId` is the follower record's id, not the user id) */
  async deleteOrganizationFollower(id: number, followerId: number, call?: CallOptions): Promise<{ id: number }> {
    const op = 'deleteOrganizationFollower';
    this.validate(op, checkId(id), checkId(followerId, 'follower_id'));
    try {
      if (this.followersOnV2) {
        // v2 names the follower by its user id (what listOrganizationFollowers gives as `id` then).
        const r = await this.data<{ user_id?: number }>({ operation: op, method: 'DELETE', path: `/api/v2/organizations/${id}/followers/${followerId}`, orgId: id, ...callSpec(call) });
        return { id: r?.user_id ?? followerId };
      }
      return await this.data<{ id: number }>({ operation: op, method: 'DELETE', path: `/v1/organizations/${id}/followers/${followerId}`, orgId: id, ...callSpec(call) });
    } catch (e) {
      // A 404 here is about the follower (the organization is still there, or its own read says so).
      if (!(e instanceof PipedriveError) || e.kind !== 'not-found') throw e;
      throw new PipedriveError({
        kind: 'not-found',
        status: e.status,
        operation: op,
        route: e.route,
        attempts: e.attempts,
        message: `That follower is no longer on organization ${id}: someone removed it already.`,
        cause: e,
      });
    }
  }

  // ---- supporting routes -----------------------------------------------------------------------

  /** GET /v1/users/me: the signed-in user (checks the token) */
  async getCurrentUser(call?: CallOptions): Promise<User> {
    return this.data<User>({ operation: 'getCurrentUser', method: 'GET', path: '/v1/users/me', ...callSpec(call) });
  }

  /** Users read elsewhere (a saved session): owner names for v2 records without GET /v1/users. */
  primeUsers(users: readonly User[]): void {
    this.users.prime(users);
  }

  /** GET /v1/users */
  async listUsers(call?: CallOptions): Promise<User[]> {
    const data = await this.data<User[] | null>({ operation: 'listUsers', method: 'GET', path: '/v1/users', ...callSpec(call) });
    const users = Array.isArray(data) ? data : [];
    // Whoever reads the users (the session does, on sign-in) also gives v2 records their owner names.
    this.users.prime(users);
    return users;
  }

  /**
   * GET /v1/recents?items=organization&since_timestamp=: organizations changed, deleted or merged
   * away since `sinceTimestamp` (UTC `YYYY-MM-DD HH:MM:SS`), one page. Never retired: v2 has no recents.
   */
  async listRecentOrganizations(sinceTimestamp: string, params: OffsetParams = {}, call?: CallOptions): Promise<RecentsPage> {
    const op = 'listRecentOrganizations';
    this.checkOffset(op, params);
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(sinceTimestamp)) {
      throw new PipedriveError({ kind: 'validation', operation: op, field: 'since_timestamp', rule: 'format', message: `since_timestamp must read YYYY-MM-DD HH:MM:SS (UTC), not "${sinceTimestamp}".` });
    }
    const body = await this.send({
      operation: op,
      method: 'GET',
      path: '/v1/recents',
      query: { items: 'organization', since_timestamp: sinceTimestamp, start: params.start ?? 0, limit: params.limit ?? 500 },
      ...callSpec(call),
    });
    return recentsPageFromBody(body);
  }

  /** GET /v1/organizationFields */
  async listOrganizationFields(params: OffsetParams = {}, call?: CallOptions): Promise<OffsetPage<OrganizationField>> {
    const op = 'listOrganizationFields';
    this.checkOffset(op, params);
    return this.offsetPage<OrganizationField>(
      { operation: op, method: 'GET', path: '/v1/organizationFields', query: { ...params }, ...callSpec(call) },
      params.start ?? 0,
      params.limit,
    );
  }


  /** GET /v1/filters?type=org: the saved organization filters (their ids go to listOrganizations' filter_id) */
  async listOrganizationFilters(call?: CallOptions): Promise<Filter[]> {
    const data = await this.data<Filter[] | null>({ operation: 'listOrganizationFilters', method: 'GET', path: '/v1/filters', query: { type: 'org' }, ...callSpec(call) });
    return data ?? [];
  }

  // ---- v1 → v2 ---------------------------------------------------------------------------------

  private withFallback<T>(op: RetirableOperation, v1: () => Promise<T>, v2: () => Promise<T>): Promise<T> {
    return this.routes.run(op, v1, v2);
  }

  private async listOrganizationsFromIndex(params: ListOrganizationsParams, call?: CallOptions): Promise<OffsetPage<Organization, OrganizationRelatedObjects>> {
    const users = await this.userLookup(call);
    return this.lists.page(params, (o) => organizationFromV2(o, users));
  }

  /**
   * An organization's deals or persons: v1's offset route, or (v2) a cursor route paged as offsets
   * (OffsetOverCursor), each v2 record mapped to its v1 shape with owner and organization names.
   */
  private relatedList<T, V>(
    op: 'listOrganizationDeals' | 'listOrganizationPersons',
    id: number,
    params: OffsetParams,
    call: CallOptions | undefined,
    v1Segment: 'deals' | 'persons',
    v2: { key: string; page: (cursor: string | undefined, want: number) => Promise<CursorPage<V>>; map: (item: V, users: UserLookup, orgName?: string) => T },
  ): Promise<OffsetPage<T, OrganizationRelatedObjects>> {
    this.validate(op, checkId(id));
    this.checkOffset(op, params);
    const start = params.start ?? 0;
    return this.withFallback(
      op,
      () => this.offsetPage<T, OrganizationRelatedObjects>({ operation: op, method: 'GET', path: `/v1/organizations/${id}/${v1Segment}`, query: { ...params }, orgId: id, ...callSpec(call) }, start, params.limit),
      async () => {
        const limit = params.limit ?? 100;
        const { items, moreItems } = await this.offsets.page(v2.key, start, limit, (cursor, want) => v2.page(cursor, want).then(this.orgGone(id)));
        const users = await this.userLookup(call);
        return offsetResult(items.map((item) => v2.map(item, users, this.index.get(id)?.name)), start, limit, moreItems);
      },
    );
  }

  /** v2's related lists answer an empty page for a missing organization; v1 answered 404. Keep v1's answer. */
  private orgGone(id: number) {
    return async <P extends CursorPage<unknown>>(page: P): Promise<P> => {
      if (page.items.length === 0) {
        // One cheap lookup only when the page is empty, so a missing organization still says so.
        await this.getOrganizationV2(id);
      }
      return page;
    };
  }

  private deleteEachV2(op: string, ids: number[], call?: CallOptions): Promise<{ id: number[] }> {
    return deleteEach(op, ids, this.options.bulkDeleteConcurrency ?? 4, (id) =>
      this.data<{ id: number }>({ operation: op, method: 'DELETE', path: `/api/v2/organizations/${id}`, orgId: id, ...callSpec(call) }),
    );
  }

  private checkOrgInput(op: string, input: { owner_id?: number; visible_to?: unknown; label?: number; label_ids?: number[]; address?: unknown }): void {
    if (input.address !== undefined) this.validate(op, checkAddress(input.address));
    this.checkOptionalId(op, input.owner_id, 'owner_id');
    if (input.visible_to !== undefined) this.validate(op, checkVisibleTo(input.visible_to));
    this.checkOptionalId(op, input.label, 'label');
    input.label_ids?.forEach((l, i) => this.validate(op, checkId(l, `label_ids[${i}]`)));
  }

  /** Users by id, read once, to fill the owner names v2 does not send. Missing users stay id-only. */
  private userLookup(call?: CallOptions): Promise<UserLookup> {
    return this.users.lookup(() => this.listUsers(call));
  }
}

/** A v2 follower in the v1 shape the product reads; its id is the user id, as v2's routes name it. */
function followerFromV2(f: FollowerV2, orgId: number): OrganizationFollower {
  return { id: f.user_id, org_id: orgId, user_id: f.user_id, add_time: toV1DateTime(f.add_time) };
}

/** Sort key of an activity's due moment; undated activities go last. */
function dueKey(a: ActivityV2): string {
  return a.due_date ? `${a.due_date} ${a.due_time ?? '00:00'}` : '9999';
}
