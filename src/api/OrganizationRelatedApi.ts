// An organization's related lists (activities, changelog, deals, files, flow, followers, mail,
// permitted users, persons) and its follower writes: v1 routes where Pipedrive still serves them,
// their v2 routes otherwise, in the v1 shapes the product reads. PipedriveClient composes it and
// hands it what it needs (ClientParts), so the client itself stays the organization routes.
import { callSpec} from './PipedriveApiBase';
import { renamed, type RetirableOperation } from './fallback';
import { offsetResult } from './indexedLists';
import { parseSort, toV2Sort } from './sortSpec';
import { PipedriveV2Api } from './PipedriveV2Api';
import { PipedriveError } from './PipedriveError';


import { OffsetOverCursor } from './offsetOverCursor';
import { iterate, type CursorPage, type OffsetPage } from './pages';
import type {
  CallOptions,
  CursorParams,
  OffsetParams,
  OrganizationActivitiesParams,
  OrganizationDealsParams,
  OrganizationFilesParams,
  OrganizationFlowParams,
  OrganizationMailMessagesParams,
} from './params';
import type {
  Activity,
  ActivityDistribution,
  ActivityV2,
  Deal,
  FlowItem,
  FollowerV2,
  MailMessageItem,
  OrganizationChange,
  OrganizationFile,
  OrganizationFollower,
  OrganizationRelatedObjects,
  Person,
} from './records';
import {
  activityFromV2,
  dealFromV2,
  personFromV2,
  toV1DateTime,
  type UserLookup,
} from './v2Mapping';

import { checkId} from './validators';
import type { Envelope, RequestSpec } from './HttpTransport';
import type { ValidationProblem } from './validators';

/** What the related lists use of the client: its request helpers, route switch, users and index. */
export interface ClientParts {
  validate(operation: string, ...problems: Array<ValidationProblem | undefined>): void;
  checkOffset(operation: string, params: { start?: number; limit?: number }, maxLimit?: number): void;
  checkCursor(operation: string, params: { cursor?: string; limit?: number }): void;
  send(spec: RequestSpec): Promise<Envelope>;
  data<T>(spec: RequestSpec): Promise<T>;
  offsetPage<T, R = undefined>(spec: RequestSpec, start: number, limit: number | undefined): Promise<OffsetPage<T, R>>;
  offsetEnvelope<T, R = undefined>(spec: RequestSpec, start: number, limit: number | undefined): Promise<{ page: OffsetPage<T, R>; additionalData: unknown }>;
  cursorPage<T>(spec: RequestSpec): Promise<CursorPage<T>>;
  /** The route switch: v1, or v2 once the operation is on v2. */
  run<T>(op: RetirableOperation, v1: () => Promise<T>, v2: () => Promise<T>): Promise<T>;
  /** Followers go through v2 (today's API). */
  followersOnV2(): boolean;
  userLookup(call?: CallOptions): Promise<UserLookup>;
  /** The organization's name, when the client's index knows it (v2 records carry only its id). */
  orgName(id: number): string | undefined;
  readonly v2: PipedriveV2Api;
}

export type ActivitiesPage = OffsetPage<Activity> & { activityDistribution?: ActivityDistribution };

export class OrganizationRelatedApi {
  private readonly offsets = new OffsetOverCursor();

  constructor(private readonly c: ClientParts) {}

  // ---- ------------------------------------------------------

  /** GET /v1/organizations/{id}/activities (v2 mode: GET /api/v2/activities?org_id=; no activity_distribution) */
  async listOrganizationActivities(id: number, params: OrganizationActivitiesParams = {}, call?: CallOptions): Promise<ActivitiesPage> {
    const op = 'listOrganizationActivities';
    this.c.validate(op, checkId(id));
    this.c.checkOffset(op, params);
    params.exclude?.forEach((x, i) => this.c.validate(op, checkId(x, `exclude[${i}]`)));
    const start = params.start ?? 0;
    return this.c.run<ActivitiesPage>(
      op,
      async () => {
        const { page, additionalData } = await this.c.offsetEnvelope<Activity>(
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
        for await (const a of iterate(({ cursor }) => this.c.v2.listActivitiesV2(id, { done, limit: 500, cursor }, call))) if (!excluded.has(a.id)) all.push(a);
        if (all.length === 0) await this.c.v2.getOrganizationV2(id, {}, call);
        all.sort((a, b) => dueKey(a).localeCompare(dueKey(b)) || a.id - b.id);
        const users = await this.c.userLookup(call);
        const items = all.slice(start, start + limit).map((a) => activityFromV2(a, users, this.c.orgName(id)));
        return offsetResult(items, start, limit, start + limit < all.length);
      },
    );
  }


  /** GET /v1/organizations/{id}/changelog */
  async listOrganizationChangelog(id: number, params: CursorParams = {}, call?: CallOptions): Promise<CursorPage<OrganizationChange>> {
    const op = 'listOrganizationChangelog';
    this.c.validate(op, checkId(id));
    this.c.checkCursor(op, params);
    return this.c.cursorPage<OrganizationChange>({ operation: op, method: 'GET', path: `/v1/organizations/${id}/changelog`, query: { ...params }, orgId: id, ...callSpec(call) });
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
      page: (cursor, want) => this.c.v2.listDealsV2(id, { cursor, limit: want, status, ...sort }, call),
      map: dealFromV2,
    });
  }


  /** GET /v1/organizations/{id}/files (limit at most 100) */
  async listOrganizationFiles(id: number, params: OrganizationFilesParams = {}, call?: CallOptions): Promise<OffsetPage<OrganizationFile>> {
    const op = 'listOrganizationFiles';
    this.c.validate(op, checkId(id));
    this.c.checkOffset(op, params, 100);
    return this.c.offsetPage<OrganizationFile>(
      { operation: op, method: 'GET', path: `/v1/organizations/${id}/files`, query: { ...params }, orgId: id, ...callSpec(call) },
      params.start ?? 0,
      params.limit,
    );
  }


  /** GET /v1/organizations/{id}/flow */
  async listOrganizationFlow(id: number, params: OrganizationFlowParams = {}, call?: CallOptions): Promise<OffsetPage<FlowItem, OrganizationRelatedObjects>> {
    const op = 'listOrganizationFlow';
    this.c.validate(op, checkId(id));
    this.c.checkOffset(op, params);
    return this.c.offsetPage<FlowItem, OrganizationRelatedObjects>(
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
    this.c.validate(op, checkId(id));
    if (this.c.followersOnV2()) {
      try {
        const items: OrganizationFollower[] = [];
        for await (const f of iterate(({ cursor }) => this.c.v2.listOrganizationFollowersV2(id, { limit: 500, cursor }, call))) items.push(followerFromV2(f, id));
        return offsetResult(items, 0, Math.max(1, items.length), false);
      } catch (e) {
        throw renamed(e, op);
      }
    }
    return this.c.offsetPage<OrganizationFollower>(
      { operation: op, method: 'GET', path: `/v1/organizations/${id}/followers`, orgId: id, ...callSpec(call) },
      0,
      undefined,
    );
  }

  /** GET /v1/organizations/{id}/mailMessages */
  async listOrganizationMailMessages(id: number, params: OrganizationMailMessagesParams = {}, call?: CallOptions): Promise<OffsetPage<MailMessageItem>> {
    const op = 'listOrganizationMailMessages';
    this.c.validate(op, checkId(id));
    this.c.checkOffset(op, params);
    return this.c.offsetPage<MailMessageItem>(
      { operation: op, method: 'GET', path: `/v1/organizations/${id}/mailMessages`, query: { ...params }, orgId: id, ...callSpec(call) },
      params.start ?? 0,
      params.limit,
    );
  }


  /** GET /v1/organizations/{id}/permittedUsers: the ids of users who may see the organization */
  async listOrganizationPermittedUsers(id: number, call?: CallOptions): Promise<number[]> {
    const op = 'listOrganizationPermittedUsers';
    this.c.validate(op, checkId(id));
    const data = await this.c.data<number[] | null>({ operation: op, method: 'GET', path: `/v1/organizations/${id}/permittedUsers`, orgId: id, ...callSpec(call) });
    return data ?? [];
  }

  /** GET /v1/organizations/{id}/persons (v2 mode: GET /api/v2/persons?org_id=) */
  async listOrganizationPersons(id: number, params: OffsetParams = {}, call?: CallOptions): Promise<OffsetPage<Person, OrganizationRelatedObjects>> {
    return this.relatedList('listOrganizationPersons', id, params, call, 'persons', {
      key: `persons:${id}`,
      page: (cursor, want) => this.c.v2.listPersonsV2(id, { cursor, limit: want }, call),
      map: personFromV2,
    });
  }


  // ---- followers ----------------------------------------------------------------------------

  /** POST /api/v2/organizations/{id}/followers (legacy: POST /v1/…/followers) */
  async addOrganizationFollower(id: number, userId: number, call?: CallOptions): Promise<OrganizationFollower> {
    const op = 'addOrganizationFollower';
    this.c.validate(op, checkId(id), checkId(userId, 'user_id'));
    if (this.c.followersOnV2()) {
      const f = await this.c.data<FollowerV2>({ operation: op, method: 'POST', path: `/api/v2/organizations/${id}/followers`, body: { user_id: userId }, orgId: id, ...callSpec(call) });
      return followerFromV2(f, id);
    }
    return this.c.data<OrganizationFollower>({ operation: op, method: 'POST', path: `/v1/organizations/${id}/followers`, body: { user_id: userId }, orgId: id, ...callSpec(call) });
  }

  /** DELETE /v1/organizations/{id}/followers/{follower_id} (`followerId` is the follower record's id, not the user id) */
  async deleteOrganizationFollower(id: number, followerId: number, call?: CallOptions): Promise<{ id: number }> {
    const op = 'deleteOrganizationFollower';
    this.c.validate(op, checkId(id), checkId(followerId, 'follower_id'));
    try {
      if (this.c.followersOnV2()) {
        // v2 names the follower by its user id (what listOrganizationFollowers gives as `id` then).
        const r = await this.c.data<{ user_id?: number }>({ operation: op, method: 'DELETE', path: `/api/v2/organizations/${id}/followers/${followerId}`, orgId: id, ...callSpec(call) });
        return { id: r?.user_id ?? followerId };
      }
      return await this.c.data<{ id: number }>({ operation: op, method: 'DELETE', path: `/v1/organizations/${id}/followers/${followerId}`, orgId: id, ...callSpec(call) });
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
    this.c.validate(op, checkId(id));
    this.c.checkOffset(op, params);
    const start = params.start ?? 0;
    return this.c.run(
      op,
      () => this.c.offsetPage<T, OrganizationRelatedObjects>({ operation: op, method: 'GET', path: `/v1/organizations/${id}/${v1Segment}`, query: { ...params }, orgId: id, ...callSpec(call) }, start, params.limit),
      async () => {
        const limit = params.limit ?? 100;
        const { items, moreItems } = await this.offsets.page(v2.key, start, limit, (cursor, want) => v2.page(cursor, want).then(this.orgGone(id)));
        const users = await this.c.userLookup(call);
        return offsetResult(items.map((item) => v2.map(item, users, this.c.orgName(id))), start, limit, moreItems);
      },
    );
  }

  /** v2's related lists answer an empty page for a missing organization; v1 answered 404. Keep v1's answer. */
  private orgGone(id: number) {
    return async <P extends CursorPage<unknown>>(page: P): Promise<P> => {
      if (page.items.length === 0) {
        // One cheap lookup only when the page is empty, so a missing organization still says so.
        await this.c.v2.getOrganizationV2(id);
      }
      return page;
    };
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
