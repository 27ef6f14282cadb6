// One paged list of the store (a letter, "Recently changed", or an organization's persons/deals/...):
// the items loaded so far, where the next page starts, and the state of the one in-flight load.

/** Where the next page starts: an offset, a cursor, or null at the end. */
export type PageNext = number | string | null;

export interface Page<T> {
  items: T[];
  next: PageNext;
  /** A note to show above the items (e.g. why the list fell back to another route). */
  notice?: string;
}

/** Fetches one page from `from` (undefined: the first page). */
export type PageFetcher<T> = (from: number | string | undefined, limit: number, signal: AbortSignal) => Promise<Page<T>>;

export type ListState = 'idle' | 'loading' | 'loaded' | 'error';

export class PagedList<T> {
  items: T[] = [];
  /** undefined until the first page arrived. */
  next: PageNext | undefined = undefined;
  error: unknown = undefined;
  notice: string | undefined;
  loading: Promise<void> | undefined;
  /** True while loading the next page (not the first): the tree hides "Load more…" then. */
  loadingMore = false;
  /** Items that were shown before a refresh: the first load fetches this many again. */
  wanted = 0;
  /** Items inserted locally (reveal) that the server's offsets do not count yet. */
  readonly pinned = new Set<unknown>();

  constructor(
    readonly key: string,
    readonly idOf: (item: T) => unknown,
  ) {}

  get state(): ListState {
    if (this.loading) return 'loading';
    if (this.error !== undefined) return 'error';
    return this.next === undefined ? 'idle' : 'loaded';
  }

  get loaded(): boolean {
    return this.next !== undefined;
  }

  get hasMore(): boolean {
    return this.next !== undefined && this.next !== null;
  }

  /** Appends a page, skipping items already shown (a local insert can shift the server's offsets). */
  append(page: Page<T>): void {
    const seen = new Set(this.items.map(this.idOf));
    for (const item of page.items) {
      const id = this.idOf(item);
      if (seen.has(id)) {
        this.pinned.delete(id);
        continue;
      }
      seen.add(id);
      this.items.push(item);
    }
    this.next = page.next;
    if (page.notice !== undefined) this.notice = page.notice;
  }

  indexOf(id: unknown): number {
    return this.items.findIndex((x) => this.idOf(x) === id);
  }

  /** Inserts at `index`; counts it in the server offset unless `pinned`. */
  insert(item: T, index: number, pinned = false): void {
    this.items.splice(Math.max(0, Math.min(index, this.items.length)), 0, item);
    if (pinned) this.pinned.add(this.idOf(item));
    else if (typeof this.next === 'number') this.next += 1;
  }

  /** Removes by id; returns whether it was there. Keeps the server offset in step. */
  remove(id: unknown): boolean {
    const i = this.indexOf(id);
    if (i < 0) return false;
    this.items.splice(i, 1);
    if (this.pinned.has(id)) this.pinned.delete(id);
    else if (typeof this.next === 'number' && this.next > 0) this.next -= 1;
    return true;
  }
}
