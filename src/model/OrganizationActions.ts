// Every change to an organization goes through here: the client call, then the store's apply*,
// which updates the tree, the local index and open panels through one event. Commands and panels
// both call it, so no path can change Pipedrive and leave a view stale. No vscode import.
import { isPartialDeleteError, type AddOrganizationInput, type CallOptions, type Organization, type OrganizationDetails, type OrganizationFollower, type PipedriveClient, type UpdateOrganizationInput } from '../api';
import type { OrganizationStore } from './OrganizationStore';

export type ActionsClient = Pick<
  PipedriveClient,
  | 'addOrganization'
  | 'updateOrganization'
  | 'mergeOrganizations'
  | 'getOrganization'
  | 'deleteOrganization'
  | 'deleteOrganizations'
  | 'addOrganizationFollower'
  | 'deleteOrganizationFollower'
>;

export class OrganizationActions {
  constructor(
    private readonly store: OrganizationStore,
    /** The signed-in session's client; throws "Sign in first" when signed out. */
    private readonly client: () => ActionsClient,
    /** The signed-in user's id: following an organization myself changes how the tree marks it. */
    private readonly myUserId: () => number | undefined,
  ) {}

  async add(input: AddOrganizationInput, call?: CallOptions): Promise<Organization> {
    const org = await this.client().addOrganization(input, call);
    this.created(org);
    return org;
  }

  /** An organization known to exist now that the store has not seen (a lost answer found it created). */
  created(org: Organization): void {
    this.store.applyCreated(org);
  }

  async update(id: number, input: UpdateOrganizationInput, call?: CallOptions): Promise<Organization> {
    const org = await this.client().updateOrganization(id, input, call);
    this.store.applyUpdated(org);
    return org;
  }

  /** Merges `mergedAwayId` into `survivorId` (never resent) and reads the survivor as it is now. */
  async merge(mergedAwayId: number, survivorId: number, call?: CallOptions): Promise<OrganizationDetails> {
    const client = this.client();
    await client.mergeOrganizations(mergedAwayId, survivorId, call);
    const survivor = await client.getOrganization(survivorId, call);
    this.merged(mergedAwayId, survivor);
    return survivor;
  }

  /** A merge known to have happened (a lost answer, checked): the merged-away one leaves every view. */
  merged(mergedAwayId: number, survivor: OrganizationDetails): void {
    this.store.applyMerged(mergedAwayId, survivor.organization);
  }

  async delete(id: number, call?: CallOptions): Promise<void> {
    await this.client().deleteOrganization(id, call);
    this.store.applyDeleted([id]);
  }

  /**
   * Deletes a batch (one bulk request in v1, one per id in v2). What was deleted leaves every view
   * at once, also when the rest failed (PartialDeleteError is rethrown after applying the deleted).
   */
  async deleteMany(ids: readonly number[], call?: CallOptions): Promise<number[]> {
    const client = this.client();
    try {
      const result = await client.deleteOrganizations([...ids], call);
      const deleted = result.id?.length ? result.id : [...ids];
      this.store.applyDeleted(deleted);
      return deleted;
    } catch (e) {
      if (isPartialDeleteError(e)) this.store.applyDeleted(e.deleted);
      throw e;
    }
  }

  async addFollower(orgId: number, userId: number, call?: CallOptions): Promise<OrganizationFollower> {
    const follower = await this.client().addOrganizationFollower(orgId, userId, call);
    this.followersChanged(orgId, userId, true);
    return follower;
  }

  /** Removes a follower (`followerId` as the follower list names it; `userId` when known, for the tree's mark). */
  async removeFollower(orgId: number, followerId: number, userId: number | undefined, call?: CallOptions): Promise<void> {
    await this.client().deleteOrganizationFollower(orgId, followerId, call);
    this.followersChanged(orgId, userId, false);
  }

  /** A follower came or went (also when Pipedrive said it already had): I follow it, or its count moved. */
  followersChanged(orgId: number, userId: number | undefined, added: boolean): void {
    if (userId !== undefined && userId === this.myUserId()) this.store.applyFollowChanged(orgId, added);
    else this.store.applyFollowerCountChanged(orgId, added ? 1 : -1);
  }
}
