// Page shapes and the one walker (iterate). Offset paging stops on `more_items_in_collection` (never on
// `next_start`, which Pipedrive also sends on the last page); cursor paging stops on a null cursor.

/** One page of an offset-paged (start/limit) route. */
export interface OffsetPage<T, R = undefined> {
  items: T[];
  start: number;
  limit: number;
  /** Pipedrive's `more_items_in_collection`: the only signal that another page exists. */
  moreItems: boolean;
  /** Where the next page starts when `moreItems` (undefined otherwise). */
  nextStart?: number;
  /** `related_objects` where the route sends them. */
  relatedObjects?: R;
}

/** One page of a cursor-paged route. */
export interface CursorPage<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

interface PaginationLike {
  start?: number;
  limit?: number;
  more_items_in_collection?: boolean;
  next_start?: number;
}

/**
 * Reads paging from `additional_data`, nested under `pagination` (what the server sends) or flat
 * (what some schemas in the reference declare).
 */
export function readOffsetPaging(
  additionalData: unknown,
  requestedStart: number,
  requestedLimit: number | undefined,
  itemCount: number,
): Pick<OffsetPage<unknown>, 'start' | 'limit' | 'moreItems' | 'nextStart'> {
  const ad = (additionalData ?? {}) as { pagination?: PaginationLike } & PaginationLike;
  const p: PaginationLike = ad.pagination ?? ad;
  const start = typeof p.start === 'number' ? p.start : requestedStart;
  const limit = typeof p.limit === 'number' ? p.limit : requestedLimit ?? itemCount;
  const moreItems = p.more_items_in_collection === true;
  const nextStart = moreItems ? (typeof p.next_start === 'number' ? p.next_start : start + itemCount) : undefined;
  return { start, limit, moreItems, nextStart };
}

export function readNextCursor(additionalData: unknown): string | null {
  const c = (additionalData as { next_cursor?: unknown } | undefined)?.next_cursor;
  return typeof c === 'string' && c.length > 0 ? c : null;
}

/** Why a paging loop stopped early: the data could not make it stop on its own. */
export type PagingStop = 'stuck' | 'repeated' | 'no-new-items' | 'page-cap';

/** Thrown by a guarded paging loop that would otherwise never end. */
export class PagingStuckError extends Error {
  constructor(readonly label: string, readonly reason: PagingStop, readonly pages: number) {
    super(`${label}: Pipedrive kept answering the same page (${describeStop(reason)} after ${pages} pages); stopped reading.`);
    this.name = 'PagingStuckError';
  }
}

function describeStop(reason: PagingStop): string {
  switch (reason) {
    case 'stuck': return 'the position did not move forward';
    case 'repeated': return 'a cursor came back';
    case 'no-new-items': return 'a page added nothing new';
    case 'page-cap': return 'the page limit was reached';
  }
}

/** Most pages any one loop reads (100,000 organizations at 500 a page is 200). */
export const MAX_PAGES = 10_000;

/**
 * The one exit every paging loop in src/ shares, whatever the server answers: the position must
 * move forward (offsets grow, cursors never repeat), a page that says "more" must bring at least
 * one item not seen before, and no loop reads more than `maxPages`. `next()` returns true to go
 * on, false at the natural end, and throws PagingStuckError when the data would loop forever.
 */
export class PagingGuard {
  private readonly positions = new Set<string>();
  private readonly seenIds = new Set<unknown>();
  private lastOffset = -Infinity;
  private pages = 0;

  constructor(readonly label: string, private readonly maxPages = MAX_PAGES) {}

  /** Positions are offsets (numbers, which must grow) or cursors (strings, which must not repeat). */
  start(position: number | string | undefined): void {
    if (typeof position === 'number') this.lastOffset = position;
    else if (typeof position === 'string') this.positions.add(position);
  }

  /**
   * After a page: its item ids and where the next page starts (null/undefined = the end).
   * Returns true when another page should be read.
   */
  next(ids: readonly unknown[], nextPosition: number | string | null | undefined): boolean {
    this.pages++;
    let fresh = 0;
    for (const id of ids) {
      if (id === undefined || !this.seenIds.has(id)) fresh++;
      if (id !== undefined) this.seenIds.add(id);
    }
    if (nextPosition === null || nextPosition === undefined) return false;
    if (typeof nextPosition === 'number') {
      if (!(nextPosition > this.lastOffset)) throw new PagingStuckError(this.label, 'stuck', this.pages);
      this.lastOffset = nextPosition;
    } else {
      if (this.positions.has(nextPosition)) throw new PagingStuckError(this.label, 'repeated', this.pages);
      this.positions.add(nextPosition);
    }
    if (fresh === 0) throw new PagingStuckError(this.label, 'no-new-items', this.pages);
    if (this.pages >= this.maxPages) throw new PagingStuckError(this.label, 'page-cap', this.pages);
    return true;
  }
}

/** The id of a record-like item, for PagingGuard (undefined for items without one). */
export function itemId(item: unknown): unknown {
  if (item !== null && typeof item === 'object') {
    const o = item as { id?: unknown; item?: unknown; object?: unknown; data?: { id?: unknown } };
    if (o.id !== undefined) return o.item !== undefined || o.object !== undefined ? `${String(o.item ?? o.object)}:${String(o.id)}` : o.id;
    if (o.data && typeof o.data === 'object' && o.data.id !== undefined) return `${String(o.object ?? '')}:${String(o.data.id)}`;
  }
  return undefined;
}



/** Where a page starts: an offset (offset routes) or a cursor (cursor routes, undefined for the first). */
export interface PagePosition {
  start: number;
  cursor: string | undefined;
}

/**
 * Every item of a paged route, page after page, guarded (see PagingGuard): the one way to walk any
 * list method of the client. `fetchPage` takes the position it needs, e.g.
 * `iterate(({ start }) => client.listOrganizationDeals(id, { limit: 100, start }))` or
 * `iterate(({ cursor }) => client.v2.listOrganizationsV2({ limit: 500, cursor }))`.
 */
export async function* iterate<T>(
  fetchPage: (at: PagePosition) => Promise<OffsetPage<T, unknown> | CursorPage<T>>,
  from: Partial<PagePosition> = {},
  label = 'paging',
): AsyncGenerator<T, void, undefined> {
  const guard = new PagingGuard(label);
  let at: PagePosition = { start: from.start ?? 0, cursor: from.cursor };
  guard.start(at.cursor ?? at.start);
  for (;;) {
    const page = await fetchPage(at);
    yield* page.items;
    if ('nextCursor' in page) {
      if (!guard.next(page.items.map(itemId), page.nextCursor)) return;
      at = { start: at.start, cursor: page.nextCursor! };
    } else {
      // An empty page that claims more would loop forever; treat it as the end.
      if (!page.moreItems || page.items.length === 0) return;
      if (!guard.next(page.items.map(itemId), page.nextStart)) return;
      at = { start: page.nextStart!, cursor: undefined };
    }
  }
}
