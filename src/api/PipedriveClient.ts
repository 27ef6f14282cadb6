import { PipedriveApiBase, callSpec, type PipedriveClientOptions } from './PipedriveApiBase';
import { deleteEach } from './deleteEach';
import { OrganizationRelatedApi, type ActivitiesPage } from './OrganizationRelatedApi';
export type { ActivitiesPage } from './OrganizationRelatedApi';
import { RouteSwitch, renamed, type ApiMode, type RetirableOperation } from './fallback';
import { IndexedLists } from './indexedLists';
import { UserDirectory } from './userDirectory';
import { PipedriveV1Api } from './PipedriveV1Api';
import { PipedriveV2Api } from './PipedriveV2Api';
import { PipedriveError } from './PipedriveError';
import { systemClock } from './Clock';
import type { OrganizationIndex } from './OrganizationIndex';
import { recentsPageFromBody, type RecentsPage } from './recents';
import { iterate, type CursorPage, type OffsetPage } from './pages';
import type { AddOrganizationInput, CallOptions, CursorParams, ListOrganizationsParams, OffsetParams, OrganizationActivitiesParams, OrganizationDealsParams, OrganizationFilesParams, OrganizationFlowParams, OrganizationMailMessagesParams, OrganizationsCollectionParams, UpdateOrganizationInput } from './params';
import type { CollectionOrganization, Deal, Filter, FlowItem, MailMessageItem, Organization, OrganizationChange, OrganizationDetails, OrganizationField, OrganizationFile, OrganizationFollower, OrganizationRelatedObjects, OrganizationV2, Person, User } from './records';
import { ORGANIZATION_COUNTERS, addInputToV2, collectionOrganizationFromV2, organizationFromV2, toRfc3339, updateInputToV2, type UserLookup } from './v2Mapping';
import { sameFirstChar } from './OrganizationIndex';
import { checkAddress, checkFirstChar, checkId, checkIds, checkMergeIds, checkName, checkVisibleTo } from './validators';

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
 * The Pipedrive client the product uses: one typed method per operation in v1's shapes (walk any
 * list with `iterate`), validation before the network, retries and pacing in the transport. It
 * composes the routes of each version: `v2` (PipedriveV2Api, v2 records as they are), the related
 * lists (OrganizationRelatedApi) and the v1 → v2 rules (RouteSwitch, fallback.ts): an operation
 * runs through v2 in today's API, or once its v1 route answers 410 / 404 "Unknown method"; it
 * returns the same v1-shaped types either way (v2Mapping.ts lists what v2 cannot provide).
 */
export class PipedriveClient extends PipedriveApiBase {
  /** The seed's v1 organization routes as they are (legacy-v1 mode), over this client's transport. */
  readonly v1: PipedriveV1Api;
  /** The v2 routes as they are (v2 records, cursor pages), over this client's transport. */
  readonly v2: PipedriveV2Api;
  private readonly routes: RouteSwitch;
  private readonly lists: IndexedLists;
  private readonly related: OrganizationRelatedApi;
  private readonly users: UserDirectory;
  private readonly clientOptions: ClientOptions;

  constructor(options: ClientOptions) {
    super(options);
    this.v1 = new PipedriveV1Api(options, { transport: this.transport, tokens: this.tokens });
    this.v2 = new PipedriveV2Api(options, { transport: this.transport, tokens: this.tokens });
    this.clientOptions = options;
    const log = (line: string) => this.transport.log(line);
    this.routes = new RouteSwitch(options.apiMode ?? 'current', options.v2Operations ?? [], log, options.onSwitchToV2);
    this.users = new UserDirectory(log);
    this.lists = new IndexedLists((p) => this.v2.listOrganizationsV2(p), options.clock ?? systemClock, options.indexMaxAgeMs);
    this.related = new OrganizationRelatedApi({
      validate: (op, ...problems) => this.validate(op, ...problems),
      checkOffset: (op, params, max) => this.checkOffset(op, params, max),
      checkCursor: (op, params) => this.checkCursor(op, params),
      send: (spec) => this.send(spec),
      data: (spec) => this.data(spec),
      offsetPage: (spec, start, limit) => this.offsetPage(spec, start, limit),
      offsetEnvelope: (spec, start, limit) => this.offsetEnvelope(spec, start, limit),
      cursorPage: (spec) => this.cursorPage(spec),
      run: (op, v1, v2) => this.routes.run(op, v1, v2),
      followersOnV2: () => this.followersOnV2,
      userLookup: (call) => this.userLookup(call),
      orgName: (id) => this.index.get(id)?.name,
      v2: this.v2,
    });
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
    return this.routes.run(
      op,
      () => this.v1.listOrganizations(params, call),
      () => this.listOrganizationsFromIndex(params, call),
    );
  }

  /** GET /v1/organizations/collection (needs global admin rights; v2 mode: GET /api/v2/organizations) */
  async getOrganizationsCollection(params: OrganizationsCollectionParams = {}, call?: CallOptions): Promise<CursorPage<CollectionOrganization>> {
    const op = 'getOrganizationsCollection';
    this.checkCursor(op, params);
    this.checkOptionalId(op, params.owner_id, 'owner_id');
    if (params.first_char !== undefined) this.validate(op, checkFirstChar(params.first_char));
    return this.routes.run(
      op,
      () => this.v1.getOrganizationsCollection(params, call),
      async () => {
        const page = await this.v2.listOrganizationsV2(
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
    return this.routes.run(
      op,
      () => this.v1.getOrganization(id, call),
      async () => {
        // Counters come only when asked for; followers only when there are some (v2 details
        // carry none), so an organization nobody follows costs one request as in v1.
        const org = await this.v2.getOrganizationV2(id, { include_fields: [...ORGANIZATION_COUNTERS] }, { ...call });
        const users = await this.userLookup(call);
        const followers: OrganizationDetails['followers'] = {};
        if (Number(org.followers_count ?? 0) > 0) {
          for await (const f of iterate(({ cursor }) => this.v2.listOrganizationFollowersV2(id, { limit: 500, cursor }, call))) {
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
      const org = await this.v2.getOrganizationV2(id, {}, call);
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
    return this.routes.run(
      op,
      () => this.v1.addOrganization(input, call),
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
    return this.routes.run(
      op,
      () => this.v1.updateOrganization(id, input, call),
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
    const result = await this.routes.run(
      op,
      () => this.v1.deleteOrganization(id, call),
      () => this.data<{ id: number }>({ operation: op, method: 'DELETE', path: `/api/v2/organizations/${id}`, orgId: id, ...callSpec(call) }),
    );
    this.index.remove(id);
    return result;
  }

  /** DELETE /v1/organizations?ids= (v2 mode: one DELETE /api/v2/organizations/{id} per id, a few at a time) */
  async deleteOrganizations(ids: number[], call?: CallOptions): Promise<{ id: number[] }> {
    const op = 'deleteOrganizations';
    this.validate(op, checkIds(ids));
    const result = await this.routes.run(
      op,
      () => this.v1.deleteOrganizations(ids, call),
      () => this.deleteEachV2(op, ids, call),
    );
    for (const id of ids) this.index.remove(id);
    return result;
  }

  // ---- organizations: related lists (OrganizationRelatedApi) ---------------------------------

  /** GET /v1/organizations/{id}/activities (v2 mode: GET /api/v2/activities?org_id=; no activity_distribution) */
  listOrganizationActivities(id: number, params: OrganizationActivitiesParams = {}, call?: CallOptions): Promise<ActivitiesPage> { return this.related.listOrganizationActivities(id, params, call); }
  /** GET /v1/organizations/{id}/changelog */
  listOrganizationChangelog(id: number, params: CursorParams = {}, call?: CallOptions): Promise<CursorPage<OrganizationChange>> { return this.related.listOrganizationChangelog(id, params, call); }
  /** GET /v1/organizations/{id}/deals (v2: /api/v2/deals?org_id=, sort by id or a time, direct associations only) */
  listOrganizationDeals(id: number, params: OrganizationDealsParams = {}, call?: CallOptions): Promise<OffsetPage<Deal, OrganizationRelatedObjects>> { return this.related.listOrganizationDeals(id, params, call); }
  /** GET /v1/organizations/{id}/files (limit at most 100) */
  listOrganizationFiles(id: number, params: OrganizationFilesParams = {}, call?: CallOptions): Promise<OffsetPage<OrganizationFile>> { return this.related.listOrganizationFiles(id, params, call); }
  /** GET /v1/organizations/{id}/flow */
  listOrganizationFlow(id: number, params: OrganizationFlowParams = {}, call?: CallOptions): Promise<OffsetPage<FlowItem, OrganizationRelatedObjects>> { return this.related.listOrganizationFlow(id, params, call); }
  /**
   * The organization's followers, in one page. Today's API: GET /api/v2/organizations/{id}/followers
   * (every page of 500), where a follower is named by its user id; legacy: GET /v1/…/followers,
   * where it has a record id of its own. Either way `id` is what deleteOrganizationFollower takes.
   */
  listOrganizationFollowers(id: number, call?: CallOptions): Promise<OffsetPage<OrganizationFollower>> { return this.related.listOrganizationFollowers(id, call); }
  /** GET /v1/organizations/{id}/mailMessages */
  listOrganizationMailMessages(id: number, params: OrganizationMailMessagesParams = {}, call?: CallOptions): Promise<OffsetPage<MailMessageItem>> { return this.related.listOrganizationMailMessages(id, params, call); }
  /** GET /v1/organizations/{id}/permittedUsers: the ids of users who may see the organization */
  listOrganizationPermittedUsers(id: number, call?: CallOptions): Promise<number[]> { return this.related.listOrganizationPermittedUsers(id, call); }
  /** GET /v1/organizations/{id}/persons (v2 mode: GET /api/v2/persons?org_id=) */
  listOrganizationPersons(id: number, params: OffsetParams = {}, call?: CallOptions): Promise<OffsetPage<Person, OrganizationRelatedObjects>> { return this.related.listOrganizationPersons(id, params, call); }
  /** POST /api/v2/organizations/{id}/followers (legacy: POST /v1/…/followers) */
  addOrganizationFollower(id: number, userId: number, call?: CallOptions): Promise<OrganizationFollower> { return this.related.addOrganizationFollower(id, userId, call); }
  /** DELETE /v1/organizations/{id}/followers/{follower_id} (`followerId` is the follower record's id, not the user id) */
  deleteOrganizationFollower(id: number, followerId: number, call?: CallOptions): Promise<{ id: number }> { return this.related.deleteOrganizationFollower(id, followerId, call); }

  /** GET /api/v2/organizations/search: the product's search (v2 only; see PipedriveV2Api). */
  searchOrganizations(...args: Parameters<PipedriveV2Api['searchOrganizations']>): ReturnType<PipedriveV2Api['searchOrganizations']> { return this.v2.searchOrganizations(...args); }

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


  private async listOrganizationsFromIndex(params: ListOrganizationsParams, call?: CallOptions): Promise<OffsetPage<Organization, OrganizationRelatedObjects>> {
    const users = await this.userLookup(call);
    return this.lists.page(params, (o) => organizationFromV2(o, users));
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
