// Where each list of the tree comes from: a table from list key to the call that reads one page of
// it. Letters and "Recently changed" come from the account's local index when there is one (no
// request), else from the client; an organization's groups always come from the client.
import type { CollectionOrganization, Organization, PipedriveClient, User } from '../api';
import { firstCharParam } from '../api/firstChar';
import { errorKind } from '../util/errors';
import { letterPage, recentPage, type LocalPage, type StoreIndex } from './indexLists';
import { parseListKey, type GroupItem, type GroupKind, type ListKey } from './listKeys';
import type { Page, PageFetcher } from './PagedList';
import { summaryFromCollection, summaryFromOrganization, type OrgSummary } from './OrgSummary';
import { t } from '../util/l10n';

/** The client methods the lists read (the real PipedriveClient, or a fake in unit tests). */
export type StoreBackend = Pick<
  PipedriveClient,
  | 'listOrganizations'
  | 'getOrganizationsCollection'
  | 'listOrganizationPersons'
  | 'listOrganizationDeals'
  | 'listOrganizationActivities'
  | 'listOrganizationFiles'
  | 'listOrganizationFollowers'
>;

/** Days "Recently changed" looks back. */
export const RECENT_DAYS = 7;

/** The notice of "Recently changed" when Pipedrive refuses the recents list to this user. */
export const recentFallbackNotice = (): string => t('Recently changed needs global admin rights in Pipedrive; showing organizations by last update instead.');

/** What the sources read from the store at the moment a page is fetched. */
export interface SourceState {
  backend(): StoreBackend;
  index(): StoreIndex['view'] | undefined;
  ownerId(): number | undefined;
  filterId(): number | undefined;
  sort(): string;
  users(): ReadonlyMap<number, User>;
  now(): number;
  /** Keeps the organization's summary (the store's registry); returns the kept one. */
  remember(summary: OrgSummary): OrgSummary;
}

export class ListSources {
  /** Set once the collection answered 403 for this user: later loads go straight to the fallback. */
  private recentFallback = false;

  constructor(private readonly state: SourceState) {}

  /** A new backend (sign-in change): the collection may be allowed again. */
  reset(): void {
    this.recentFallback = false;
  }

  fetcherFor(key: ListKey): PageFetcher<unknown> {
    const parsed = parseListKey(key);
    // l10n-ignore: an invariant (keys come from the tree), never shown
    if (!parsed) throw new Error(`Unknown list ${key}`);
    if (parsed.kind === 'letter') return (from, limit, signal) => this.letter(parsed.letter, from, limit, signal);
    if (parsed.kind === 'recent') return (from, limit, signal) => this.recent(from, limit, signal);
    return (from, limit, signal) => this.group(parsed.orgId, parsed.group, from, limit, signal);
  }

  /** One page of a letter, from the index as it is now (also when the index changed: no request). */
  localLetter(letter: string, start: number, limit: number): Page<number> | undefined {
    const index = this.state.index();
    return index ? this.local(letterPage(index, letter, this.state.ownerId(), this.state.sort(), start, limit)) : undefined;
  }

  /** One page of "Recently changed" from the index. */
  localRecent(start: number, limit: number): Page<number> | undefined {
    const index = this.state.index();
    return index ? this.local(recentPage(index, this.state.ownerId(), this.recentSince(), start, limit)) : undefined;
  }

  private async letter(letter: string, from: number | string | undefined, limit: number, signal: AbortSignal): Promise<Page<number>> {
    const start = typeof from === 'number' ? from : 0;
    const local = this.localLetter(letter, start, limit);
    if (local) return local;
    const page = await this.state.backend().listOrganizations(
      { first_char: firstCharParam(letter), start, limit, sort: this.state.sort(), user_id: this.state.ownerId(), filter_id: this.state.filterId() },
      { signal },
    );
    return { items: this.keep(page.items), next: offsetNext(page, start) };
  }

  private async recent(from: number | string | undefined, limit: number, signal: AbortSignal): Promise<Page<number>> {
    const start = typeof from === 'number' ? from : 0;
    const local = this.localRecent(start, limit);
    if (local) return local;
    const backend = this.state.backend();
    // The collection cannot apply a saved filter: with one chosen, the regular list does the job.
    if (!this.recentFallback && this.state.filterId() === undefined) {
      try {
        const page = await backend.getOrganizationsCollection(
          { since: v1DateTime(this.recentSince()), cursor: typeof from === 'string' ? from : undefined, limit, owner_id: this.state.ownerId() },
          { signal },
        );
        const users = this.state.users();
        return { items: page.items.map((o: CollectionOrganization) => this.state.remember(summaryFromCollection(o, users)).id), next: page.nextCursor };
      } catch (e) {
        if (errorKind(e) !== 'permission' || from !== undefined) throw e;
        this.recentFallback = true;
      }
    }
    const page = await backend.listOrganizations({ sort: 'update_time DESC', start, limit, user_id: this.state.ownerId(), filter_id: this.state.filterId() }, { signal });
    return { items: this.keep(page.items), next: offsetNext(page, start), notice: this.recentFallback ? recentFallbackNotice() : undefined };
  }

  private async group(orgId: number, group: GroupKind, from: number | string | undefined, limit: number, signal: AbortSignal): Promise<Page<GroupItem>> {
    const backend = this.state.backend();
    const start = typeof from === 'number' ? from : 0;
    const call = { signal };
    const paged = async (read: Promise<{ items: GroupItem[]; moreItems: boolean; nextStart?: number }>) => {
      const page = await read;
      return { items: page.items, next: offsetNext(page, start) };
    };
    switch (group) {
      case 'persons':
        return paged(backend.listOrganizationPersons(orgId, { start, limit }, call));
      case 'deals':
        return paged(backend.listOrganizationDeals(orgId, { start, limit }, call));
      case 'activities':
        return paged(backend.listOrganizationActivities(orgId, { start, limit }, call));
      case 'files':
        return paged(backend.listOrganizationFiles(orgId, { start, limit }, call));
      case 'followers': {
        const page = await backend.listOrganizationFollowers(orgId, call);
        return { items: page.items, next: null };
      }
    }
  }

  private recentSince(): number {
    return this.state.now() - RECENT_DAYS * 86_400_000;
  }

  private local(page: LocalPage): Page<number> {
    return { items: this.keep(page.items), next: page.next };
  }

  private keep(orgs: readonly Organization[]): number[] {
    return orgs.map((o) => this.state.remember(summaryFromOrganization(o)).id);
  }
}

function offsetNext(page: { moreItems: boolean; nextStart?: number; items: unknown[] }, start: number): number | null {
  if (!page.moreItems || page.items.length === 0) return null;
  return page.nextStart ?? start + page.items.length;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as v1's `since` takes it. */
export function v1DateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
