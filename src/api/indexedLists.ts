// v1's offset list of organizations (first_char, owner, sort, saved filter) answered over v2, which
// has none of those filters: a local index of v2's list per saved filter (and one without), kept
// fresh with updated_since, queried like v1 would have been.
import type { Clock } from './Clock';
import { OrganizationIndex } from './OrganizationIndex';
import type { CursorPage, OffsetPage } from './pages';
import type { ListOrganizationsParams } from './params';
import type { Organization, OrganizationRelatedObjects, OrganizationV2 } from './records';

export type ListV2 = (params: { cursor?: string; updated_since?: string; filter_id?: number; limit: number }) => Promise<CursorPage<OrganizationV2>>;

export class IndexedLists {
  /** Every organization (no saved filter): also what add, update and delete keep current. */
  readonly all: OrganizationIndex;
  /**
   * One index per saved filter for the client's life: a letter after the first costs at most an
   * updated_since page, not another walk of the filter.
   */
  private readonly filtered = new Map<number, OrganizationIndex>();

  constructor(
    private readonly listV2: ListV2,
    private readonly clock: Clock,
    private readonly maxAgeMs?: number,
  ) {
    this.all = this.make(undefined);
  }

  /** One offset page as v1 would list it; a saved filter is applied by v2, the rest here. */
  async page(params: ListOrganizationsParams, toV1: (org: OrganizationV2) => Organization): Promise<OffsetPage<Organization, OrganizationRelatedObjects>> {
    const start = params.start ?? 0;
    const limit = params.limit ?? 100;
    const filterId = params.filter_id;
    let index = this.all;
    if (filterId !== undefined) {
      index = this.filtered.get(filterId) ?? this.make(filterId);
      this.filtered.set(filterId, index);
    }
    await index.refresh();
    const { items, moreItems } = index.query({ first_char: params.first_char, user_id: params.user_id, sort: params.sort, start, limit }, toV1);
    return offsetResult(items, start, limit, moreItems);
  }

  private make(filterId: number | undefined): OrganizationIndex {
    return new OrganizationIndex(
      (cursor, updatedSince) => this.listV2({ cursor, filter_id: filterId, updated_since: updatedSince, limit: 500 }),
      () => this.clock.now(),
      this.maxAgeMs,
    );
  }
}

/** An offset page over items already at hand (v2 answers paged locally). */
export function offsetResult<T>(items: T[], start: number, limit: number, moreItems: boolean): OffsetPage<T, undefined> & { relatedObjects: undefined } {
  return { items, start, limit, moreItems, nextStart: moreItems ? start + items.length : undefined, relatedObjects: undefined };
}
