// The seed's v1 organization routes Pipedrive removed (organizations-v1-removed.openapi.json), each
// as it is: v1 records, offset or cursor pages. The client calls them only in legacy-v1 mode, until
// a route answers 410 / 404 "Unknown method" (RouteSwitch). Input is checked by the client first.
import { PipedriveApiBase, callSpec } from './PipedriveApiBase';
import type { CursorPage, OffsetPage } from './pages';
import type { AddOrganizationInput, CallOptions, ListOrganizationsParams, OrganizationsCollectionParams, UpdateOrganizationInput } from './params';
import type { CollectionOrganization, Organization, OrganizationDetails, OrganizationRelatedObjects } from './records';
import { inputToV1 } from './v2Mapping';

export class PipedriveV1Api extends PipedriveApiBase {
  /** GET /v1/organizations */
  listOrganizations(params: ListOrganizationsParams, call?: CallOptions): Promise<OffsetPage<Organization, OrganizationRelatedObjects>> {
    const spec = { operation: 'listOrganizations', method: 'GET' as const, path: '/v1/organizations', query: { ...params }, ...callSpec(call) };
    return this.offsetPage<Organization, OrganizationRelatedObjects>(spec, params.start ?? 0, params.limit);
  }

  /** GET /v1/organizations/collection (needs global admin rights) */
  getOrganizationsCollection(params: OrganizationsCollectionParams, call?: CallOptions): Promise<CursorPage<CollectionOrganization>> {
    return this.cursorPage<CollectionOrganization>({
      operation: 'getOrganizationsCollection',
      method: 'GET',
      path: '/v1/organizations/collection',
      query: { ...params },
      forbiddenHint: 'Listing the organization collection needs global admin rights in Pipedrive; ask an admin or use the regular list',
      ...callSpec(call),
    });
  }

  /** GET /v1/organizations/{id}: the record, its followers and dropbox address */
  async getOrganization(id: number, call?: CallOptions): Promise<OrganizationDetails> {
    const op = 'getOrganization';
    const body = await this.send({ operation: op, method: 'GET', path: `/v1/organizations/${id}`, orgId: id, ...callSpec(call) });
    if (!body.data || typeof body.data !== 'object') throw this.malformed({ operation: op, method: 'GET', path: `/v1/organizations/${id}` }, 'no data');
    const ad = (body.additional_data ?? {}) as { followers?: OrganizationDetails['followers']; dropbox_email?: string };
    return {
      organization: body.data as Organization,
      followers: ad.followers ?? {},
      dropboxEmail: ad.dropbox_email,
      relatedObjects: (body.related_objects ?? undefined) as OrganizationRelatedObjects | undefined,
    };
  }

  /** POST /v1/organizations */
  addOrganization(input: AddOrganizationInput, call?: CallOptions): Promise<Organization> {
    return this.data<Organization>({ operation: 'addOrganization', method: 'POST', path: '/v1/organizations', body: inputToV1(input), ...callSpec(call) });
  }

  /** PUT /v1/organizations/{id} */
  updateOrganization(id: number, input: UpdateOrganizationInput, call?: CallOptions): Promise<Organization> {
    return this.data<Organization>({ operation: 'updateOrganization', method: 'PUT', path: `/v1/organizations/${id}`, body: inputToV1(input), orgId: id, ...callSpec(call) });
  }

  /** DELETE /v1/organizations/{id} */
  deleteOrganization(id: number, call?: CallOptions): Promise<{ id: number }> {
    return this.data<{ id: number }>({ operation: 'deleteOrganization', method: 'DELETE', path: `/v1/organizations/${id}`, orgId: id, ...callSpec(call) });
  }

  /** DELETE /v1/organizations?ids= */
  deleteOrganizations(ids: number[], call?: CallOptions): Promise<{ id: number[] }> {
    return this.data<{ id: number[] }>({ operation: 'deleteOrganizations', method: 'DELETE', path: '/v1/organizations', query: { ids }, ...callSpec(call) });
  }
}
