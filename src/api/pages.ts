// Page shapes and the two walkers. Offset paging stops on `more_items_in_collection` (never on
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

/** Walks an offset-paged route from `start` to the end, yielding items. */
export async function* walkOffset<T>(
  fetchPage: (start: number) => Promise<OffsetPage<T, unknown>>,
  start = 0,
): AsyncGenerator<T, void, undefined> {
  let at = start;
  for (;;) {
    const page = await fetchPage(at);
    yield* page.items;
    // An empty page that claims more would loop forever; treat it as the end.
    if (!page.moreItems || page.items.length === 0 || page.nextStart === undefined || page.nextStart <= at) return;
    at = page.nextStart;
  }
}

/** Walks a cursor-paged route to the end, yielding items. */
export async function* walkCursor<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  cursor?: string,
): AsyncGenerator<T, void, undefined> {
  let at = cursor;
  for (;;) {
    const page = await fetchPage(at);
    yield* page.items;
    if (page.nextCursor === null || page.nextCursor === at) return;
    at = page.nextCursor;
  }
}
