// Every change to an organization goes through here: the client call, then the store's apply*,
// which updates the tree, the local index and open panels through one event. Commands and panels
// both call it, so no path can change Pipedrive and leave a view stale. No vscode import.
import { isPartialDeleteError, type AddOrganizationInput, type CallOptions, type Organization, type OrganizationDetails, type OrganizationFollower, type PipedriveClient, type UpdateOrganizationInput } from '../api';
import type { OrganizationStore } from './OrganizationStore';
import { t } from '../util/l10n';

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

/** A pinned run went on after the window switched to another account (or signed out): nothing more is sent. */
export const accountChangedMessage = (): string =>
  t('You switched to another Pipedrive account (or signed out) while this ran, so nothing more was sent: the rest belongs to the account you left.');

export class OrganizationActions {
  constructor(
    private readonly store: OrganizationStore,
    /** The signed-in session's client; throws "Sign in first" when signed out. */
    private readonly session: () => ActionsClient,
    /** The signed-in user's id: following an organization myself changes how the tree marks it. */
    private readonly myUserId: () => number | undefined,
    /** Set by pin(): the session this instance belongs to. */
    private readonly pinned?: ActionsClient,
  ) {}

  /**
   * The actions bound to the account signed in now. A run of several changes (bulk edit, a Retry
   * offered later) uses this, so a switch to another account in between cannot send the rest of
   * it, with the first account's ids, to the other company: each later call throws instead.
   */
  pin(): OrganizationActions {
    return new OrganizationActions(this.store, this.session, this.myUserId, this.session());
  }

  /** The client of this call: the session's now (and, when pinned, only while it is still the pinned one). */
  private client(): ActionsClient {
    if (!this.pinned) return this.session();
    if (!this.isCurrent(this.pinned)) throw new Error(accountChangedMessage());
    return this.pinned;
  }

  /** Whether `client` is still the signed-in session's: an answer from the account left behind must not reach the store. */
  private isCurrent(client: ActionsClient): boolean {
    try {
      return this.session() === client;
    } catch {
      return false;
    }
  }

  async add(input: AddOrganizationInput, call?: CallOptions): Promise<Organization> {
    const client = this.client();
    const org = await client.addOrganization(input, call);
    if (this.isCurrent(client)) this.created(org);
    return org;
  }

  /** An organization known to exist now that the store has not seen (a lost answer found it created). */
  created(org: Organization): void {
    this.store.applyCreated(org);
  }

  async update(id: number, input: UpdateOrganizationInput, call?: CallOptions): Promise<Organization> {
    const client = this.client();
    const org = await client.updateOrganization(id, input, call);
    if (this.isCurrent(client)) this.store.applyUpdated(org);
    return org;
  }

  /** Merges `mergedAwayId` into `survivorId` (never resent) and reads the survivor as it is now. */
  async merge(mergedAwayId: number, survivorId: number, call?: CallOptions): Promise<OrganizationDetails> {
    const client = this.client();
    await client.mergeOrganizations(mergedAwayId, survivorId, call);
    const survivor = await client.getOrganization(survivorId, call);
    if (this.isCurrent(client)) this.merged(mergedAwayId, survivor);
    return survivor;
  }

  /** A merge known to have happened (a lost answer, checked): the merged-away one leaves every view. */
  merged(mergedAwayId: number, survivor: OrganizationDetails): void {
    this.store.applyMerged(mergedAwayId, survivor.organization);
  }

  async delete(id: number, call?: CallOptions): Promise<void> {
    const client = this.client();
    await client.deleteOrganization(id, call);
    if (this.isCurrent(client)) this.store.applyDeleted([id]);
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
      if (this.isCurrent(client)) this.store.applyDeleted(deleted);
      return deleted;
    } catch (e) {
      if (isPartialDeleteError(e) && this.isCurrent(client)) this.store.applyDeleted(e.deleted);
      throw e;
    }
  }

  async addFollower(orgId: number, userId: number, call?: CallOptions): Promise<OrganizationFollower> {
    const client = this.client();
    const follower = await client.addOrganizationFollower(orgId, userId, call);
    if (this.isCurrent(client)) this.followersChanged(orgId, userId, true);
    return follower;
  }

  /** Removes a follower (`followerId` as the follower list names it; `userId` when known, for the tree's mark). */
  async removeFollower(orgId: number, followerId: number, userId: number | undefined, call?: CallOptions): Promise<void> {
    const client = this.client();
    await client.deleteOrganizationFollower(orgId, followerId, call);
    if (this.isCurrent(client)) this.followersChanged(orgId, userId, false);
  }

  /** A follower came or went (also when Pipedrive said it already had): I follow it, or its count moved. */
  followersChanged(orgId: number, userId: number | undefined, added: boolean): void {
    if (userId !== undefined && userId === this.myUserId()) this.store.applyFollowChanged(orgId, added);
    else this.store.applyFollowerCountChanged(orgId, added ? 1 : -1);
  }
}
