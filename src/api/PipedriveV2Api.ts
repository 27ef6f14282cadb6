import { PipedriveApiBase, callSpec } from './PipedriveApiBase';
import { readNextCursor, type CursorPage } from './pages';
import type {
  ActivitiesV2Params,
  AddOrganizationV2Input,
  CallOptions,
  CursorParams,
  DealsV2Params,
  ListOrganizationsV2Params,
  OrganizationV2ViewParams,
  PersonsV2Params,
  SearchOrganizationsParams,
  UpdateOrganizationV2Input,
} from './params';
import type {
  ActivityV2,
  DealV2,
  FollowerChangeV2,
  FollowerV2,
  OrganizationSearchHit,
  OrganizationV2,
} from './records';
import { checkId, checkName, checkSearchTerm, checkVisibleTo } from './validators';

/** The v2 routes, each as it is: v2 records, cursor pages. */
export class PipedriveV2Api extends PipedriveApiBase {
  /** GET /api/v2/organizations */
  async listOrganizationsV2(params: ListOrganizationsV2Params = {}, call?: CallOptions): Promise<CursorPage<OrganizationV2>> {
    const op = 'listOrganizationsV2';
    this.checkCursor(op, params);
    this.checkOptionalId(op, params.owner_id, 'owner_id');
    this.checkOptionalId(op, params.filter_id, 'filter_id');
    params.ids?.forEach((id, i) => this.validate(op, checkId(id, `ids[${i}]`)));
    return this.cursorPage<OrganizationV2>({
      operation: op,
      method: 'GET',
      path: '/api/v2/organizations',
      query: { ...params, ...viewQuery(params) },
      ...callSpec(call),
    });
  }


  /** GET /api/v2/organizations/{id} */
  async getOrganizationV2(id: number, view: OrganizationV2ViewParams = {}, call?: CallOptions): Promise<OrganizationV2> {
    const op = 'getOrganizationV2';
    this.validate(op, checkId(id));
    // The request made most (details, and the refresh after every edit): its route is named for the
    // token meter, which then needs no pass over the path.
    return this.data<OrganizationV2>({
      operation: op,
      method: 'GET',
      path: `/api/v2/organizations/${id}`,
      route: 'GET /api/v2/organizations/{}',
      query: viewQuery(view),
      orgId: id,
      ...callSpec(call),
    });
  }

  /** POST /api/v2/organizations */
  async addOrganizationV2(input: AddOrganizationV2Input, call?: CallOptions): Promise<OrganizationV2> {
    const op = 'addOrganizationV2';
    this.validate(op, checkName(input.name));
    this.checkOrgFields(op, input);
    return this.data<OrganizationV2>({ operation: op, method: 'POST', path: '/api/v2/organizations', body: input, ...callSpec(call) });
  }

  /** PATCH /api/v2/organizations/{id} */
  async updateOrganizationV2(id: number, input: UpdateOrganizationV2Input, call?: CallOptions): Promise<OrganizationV2> {
    const op = 'updateOrganizationV2';
    this.validate(op, checkId(id), input.name !== undefined ? checkName(input.name) : undefined);
    this.checkOrgFields(op, input);
    return this.data<OrganizationV2>({ operation: op, method: 'PATCH', path: `/api/v2/organizations/${id}`, body: input, orgId: id, ...callSpec(call) });
  }

  /** DELETE /api/v2/organizations/{id} (marks it deleted; Pipedrive purges it after 30 days) */
  async deleteOrganizationV2(id: number, call?: CallOptions): Promise<{ id: number }> {
    const op = 'deleteOrganizationV2';
    this.validate(op, checkId(id));
    return this.data<{ id: number }>({ operation: op, method: 'DELETE', path: `/api/v2/organizations/${id}`, orgId: id, ...callSpec(call) });
  }

  /** GET /api/v2/organizations/{id}/followers */
  async listOrganizationFollowersV2(id: number, params: CursorParams = {}, call?: CallOptions): Promise<CursorPage<FollowerV2>> {
    const op = 'listOrganizationFollowersV2';
    this.validate(op, checkId(id));
    this.checkCursor(op, params);
    return this.cursorPage<FollowerV2>({ operation: op, method: 'GET', path: `/api/v2/organizations/${id}/followers`, query: { ...params }, orgId: id, ...callSpec(call) });
  }


  /** POST /api/v2/organizations/{id}/followers */
  async addOrganizationFollowerV2(id: number, userId: number, call?: CallOptions): Promise<FollowerV2> {
    const op = 'addOrganizationFollowerV2';
    this.validate(op, checkId(id), checkId(userId, 'user_id'));
    return this.data<FollowerV2>({ operation: op, method: 'POST', path: `/api/v2/organizations/${id}/followers`, body: { user_id: userId }, orgId: id, ...callSpec(call) });
  }

  /** DELETE /api/v2/organizations/{id}/followers/{follower_id} (v2's follower_id is the user id) */
  async deleteOrganizationFollowerV2(id: number, followerUserId: number, call?: CallOptions): Promise<{ user_id: number }> {
    const op = 'deleteOrganizationFollowerV2';
    this.validate(op, checkId(id), checkId(followerUserId, 'follower_id'));
    return this.data<{ user_id: number }>({
      operation: op,
      method: 'DELETE',
      path: `/api/v2/organizations/${id}/followers/${followerUserId}`,
      orgId: id,
      ...callSpec(call),
    });
  }

  /** GET /api/v2/organizations/{id}/followers/changelog */
  async listOrganizationFollowersChangelogV2(id: number, params: CursorParams = {}, call?: CallOptions): Promise<CursorPage<FollowerChangeV2>> {
    const op = 'listOrganizationFollowersChangelogV2';
    this.validate(op, checkId(id));
    this.checkCursor(op, params);
    return this.cursorPage<FollowerChangeV2>({
      operation: op,
      method: 'GET',
      path: `/api/v2/organizations/${id}/followers/changelog`,
      query: { ...params },
      orgId: id,
      ...callSpec(call),
    });
  }


  /** GET /api/v2/organizations/search */
  async searchOrganizations(params: SearchOrganizationsParams, call?: CallOptions): Promise<CursorPage<OrganizationSearchHit>> {
    const op = 'searchOrganizations';
    this.validate(op, checkSearchTerm(params.term, params.exact_match === true));
    this.checkCursor(op, params);
    const fields = Array.isArray(params.fields) ? params.fields : params.fields ? [params.fields] : undefined;
    return this.searchPage({
      operation: op,
      method: 'GET',
      path: '/api/v2/organizations/search',
      query: { term: params.term.trim(), fields, exact_match: params.exact_match, limit: params.limit, cursor: params.cursor },
      search: true,
      ...callSpec(call),
    });
  }


  /** GET /api/v2/deals?org_id= */
  async listDealsV2(orgId: number, params: DealsV2Params = {}, call?: CallOptions): Promise<CursorPage<DealV2>> {
    const op = 'listDealsV2';
    this.validate(op, checkId(orgId, 'org_id'));
    this.checkCursor(op, params);
    return this.cursorPage<DealV2>({ operation: op, method: 'GET', path: '/api/v2/deals', query: { org_id: orgId, ...params }, ...callSpec(call) });
  }


  /** GET /api/v2/persons?org_id= */
  async listPersonsV2(orgId: number, params: PersonsV2Params = {}, call?: CallOptions): Promise<CursorPage<import('./records').PersonV2>> {
    const op = 'listPersonsV2';
    this.validate(op, checkId(orgId, 'org_id'));
    this.checkCursor(op, params);
    return this.cursorPage({ operation: op, method: 'GET', path: '/api/v2/persons', query: { org_id: orgId, ...params }, ...callSpec(call) });
  }


  /** GET /api/v2/activities?org_id= */
  async listActivitiesV2(orgId: number, params: ActivitiesV2Params = {}, call?: CallOptions): Promise<CursorPage<ActivityV2>> {
    const op = 'listActivitiesV2';
    this.validate(op, checkId(orgId, 'org_id'));
    this.checkCursor(op, params);
    return this.cursorPage<ActivityV2>({ operation: op, method: 'GET', path: '/api/v2/activities', query: { org_id: orgId, ...params }, ...callSpec(call) });
  }


  protected checkOrgFields(operation: string, input: { owner_id?: number; visible_to?: unknown; label_ids?: number[] }): void {
    this.checkOptionalId(operation, input.owner_id, 'owner_id');
    if (input.visible_to !== undefined) this.validate(operation, checkVisibleTo(input.visible_to));
    input.label_ids?.forEach((l, i) => this.validate(operation, checkId(l, `label_ids[${i}]`)));
  }

  /** Search answers `data: { items: [...] }` rather than a list. */
  private async searchPage(spec: Parameters<PipedriveApiBase['send']>[0]): Promise<CursorPage<OrganizationSearchHit>> {
    const body = await this.send(spec);
    const data = body.data as { items?: OrganizationSearchHit[] } | null | undefined;
    if (data !== null && data !== undefined && !Array.isArray(data.items ?? [])) throw this.malformed(spec, 'data.items is not a list');
    return { items: data?.items ?? [], nextCursor: readNextCursor(body.additional_data) };
  }
}

/** The view options as query parameters; undefined for none (most calls), so no empty query is built. */
function viewQuery(view: OrganizationV2ViewParams): Record<string, string | boolean | undefined> | undefined {
  if (view.include_fields === undefined && view.custom_fields === undefined && view.include_option_labels === undefined && view.include_labels === undefined) {
    return undefined;
  }
  return {
    include_fields: view.include_fields?.join(','),
    custom_fields: view.custom_fields?.join(','),
    include_option_labels: view.include_option_labels,
    include_labels: view.include_labels,
  };
}
