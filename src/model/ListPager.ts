// The paging engine of the store: one PagedList per key, loaded page by page from its source,
// concurrent callers sharing one request, failures kept on the list, and everything a reset left
// behind aborted.
import type { CallOptions } from '../api';
import { RECENT_KEY, type ListKey } from './listKeys';
import { PagedList, type Page, type PageFetcher } from './PagedList';
import { t } from '../util/l10n';

const MAX_LIMIT = 500;
/** Pipedrive's files route takes at most 100 per page. */
const FILES_MAX_LIMIT = 100;

export interface PagerDeps {
  fetcherFor(key: ListKey): PageFetcher<unknown>;
  pageSize(): number;
  /** A load ended (items or error) and the list is still current: tell whoever shows it. */
  settled(list: PagedList<unknown>): void;
  /** The list's state changed before its load ended (Load more hides at once). */
  changed(key: ListKey): void;
}

function idOfItem(item: unknown): unknown {
  return typeof item === 'number' ? item : (item as { id?: unknown })?.id;
}

export class ListPager {
  private lists = new Map<ListKey, PagedList<unknown>>();
  private generation = new AbortController();

  constructor(private readonly deps: PagerDeps) {}

  /** The list for a key (created idle when new). */
  list<T = unknown>(key: ListKey): PagedList<T> {
    let list = this.lists.get(key);
    if (!list) {
      list = new PagedList<unknown>(key, idOfItem);
      this.lists.set(key, list);
    }
    return list as PagedList<T>;
  }

  /** The list if it exists, without creating it. */
  peek<T = unknown>(key: ListKey): PagedList<T> | undefined {
    return this.lists.get(key) as PagedList<T> | undefined;
  }

  entries(): IterableIterator<[ListKey, PagedList<unknown>]> {
    return this.lists.entries();
  }

  /**
   * An organization is gone: its own groups are forgotten, and it leaves the letter and "Recently
   * changed" lists. Returns the keys of the lists that changed.
   */
  dropOrganization(id: number): ListKey[] {
    const changed: ListKey[] = [];
    for (const [key, list] of [...this.lists]) {
      if (key.startsWith(`org:${id}/`)) this.lists.delete(key);
      else if ((key === RECENT_KEY || key.startsWith('letter:')) && list.remove(id)) changed.push(key);
    }
    return changed;
  }

  /** Forgets one list; true when there was one. */
  drop(key: ListKey): boolean {
    return this.lists.delete(key);
  }

  /**
   * Loads the first page of a list unless it is loaded or loading (concurrent callers share one
   * request). After a refresh the first load asks for as many items as were shown before.
   * Never rejects: a failure is kept on the list (list.error) for the tree to show.
   */
  ensureLoaded(key: ListKey, call: CallOptions = {}): Promise<void> {
    const list = this.list(key);
    if (list.loading) return list.loading;
    if (list.loaded || list.error !== undefined) return Promise.resolve();
    return this.run(list, false, () => this.loadFirst(list, call));
  }

  /** Loads the next page (one request of pageSize). No-op when everything is loaded. */
  loadMore(key: ListKey, call: CallOptions = {}): Promise<void> {
    const list = this.list(key);
    if (list.loading) return list.loading;
    if (!list.hasMore) return Promise.resolve();
    return this.run(list, true, async () => {
      const fetcher = this.deps.fetcherFor(key);
      list.append(await fetcher(list.next ?? undefined, limitFor(key, this.deps.pageSize()), this.signal(call)));
    });
  }

  /** Tries the failed load again: the first page, or the next one when some were loaded. */
  retry(key: ListKey, call: CallOptions = {}): Promise<void> {
    const list = this.list(key);
    if (list.loading) return list.loading;
    list.error = undefined;
    return list.loaded ? this.loadMore(key, call) : this.ensureLoaded(key, call);
  }

  /**
   * Forgets every list and aborts their loads. With `keepCounts` each loaded list remembers how
   * many items it showed, and its next first load fetches that many again (one request up to 500).
   */
  reset(keepCounts: boolean): void {
    this.generation.abort();
    this.generation = new AbortController();
    const old = this.lists;
    this.lists = new Map();
    if (!keepCounts) return;
    for (const [key, list] of old) {
      const shown = list.items.length - list.pinned.size;
      if (list.loaded && shown > 0) this.list(key).wanted = shown;
    }
  }

  /**
   * Reads every loaded, idle list again through `reread` (a local source: no request), as many
   * items as it shows, at least a page. Returns the keys whose items changed; pins are dropped.
   */
  replaceLoaded(reread: (key: ListKey, shown: number) => Page<number> | undefined): ListKey[] {
    const changed: ListKey[] = [];
    for (const [key, list] of this.lists) {
      if (!list.loaded || list.loading) continue;
      const page = reread(key, Math.max(this.deps.pageSize(), list.items.length - list.pinned.size));
      if (!page) continue;
      const same = page.items.length === list.items.length && page.items.every((id, i) => list.items[i] === id) && page.next === list.next;
      if (same) continue;
      list.items = page.items;
      list.pinned.clear();
      list.next = page.next;
      changed.push(key);
    }
    return changed;
  }

  dispose(): void {
    this.generation.abort();
  }

  private async run(list: PagedList<unknown>, more: boolean, load: () => Promise<void>): Promise<void> {
    const generation = this.generation;
    list.error = undefined;
    list.loadingMore = more;
    const promise = (async () => {
      try {
        await load();
      } catch (e) {
        if (generation.signal.aborted) return;
        list.error = e ?? new Error(t('Loading failed'));
      } finally {
        list.loading = undefined;
        list.loadingMore = false;
      }
      if (generation === this.generation && this.lists.get(list.key as ListKey) === list) this.deps.settled(list);
    })();
    list.loading = promise;
    // Loading more hides "Load more…" at once; a first load is awaited by getChildren itself.
    if (more) this.deps.changed(list.key as ListKey);
    return promise;
  }

  private async loadFirst(list: PagedList<unknown>, call: CallOptions): Promise<void> {
    const key = list.key as ListKey;
    const fetcher = this.deps.fetcherFor(key);
    const want = Math.max(this.deps.pageSize(), list.wanted);
    const signal = this.signal(call);
    // One request when the wanted count fits one page (up to 500); more only past that.
    let from: number | string | undefined;
    do {
      const limit = limitFor(key, want - list.items.length);
      list.append(await fetcher(from, limit, signal));
      from = list.next ?? undefined;
    } while (list.hasMore && list.items.length < want);
    list.wanted = 0;
  }

  /** The caller's signal joined with the pager's: a reset aborts what the old state started. */
  private signal(call: CallOptions): AbortSignal {
    const own = this.generation.signal;
    if (!call.signal) return own;
    const both = new AbortController();
    const abort = () => both.abort();
    if (own.aborted || call.signal.aborted) both.abort();
    own.addEventListener('abort', abort, { once: true });
    call.signal.addEventListener('abort', abort, { once: true });
    return both.signal;
  }
}

function limitFor(key: ListKey, want: number): number {
  const max = key.endsWith('/files') ? FILES_MAX_LIMIT : MAX_LIMIT;
  return Math.max(1, Math.min(max, want));
}
