import type { CursorPage } from './pages';

/**
 * Serves start/limit pages from a cursor-paged v2 route, so v1-style callers keep working after a
 * route retires. Remembers the cursor found at each position, so walking page after page costs one
 * request per page instead of re-reading from the beginning.
 */
export class OffsetOverCursor {
  /** key → (position → cursor that continues from there) */
  private readonly positions = new Map<string, Map<number, string>>();

  async page<T>(
    key: string,
    start: number,
    limit: number,
    fetch: (cursor: string | undefined, limit: number) => Promise<CursorPage<T>>,
    keep: (item: T) => boolean = () => true,
  ): Promise<{ items: T[]; moreItems: boolean }> {
    const known = this.positions.get(key) ?? new Map<number, string>();
    this.positions.set(key, known);
    let at = 0;
    let cursor: string | undefined;
    for (const [pos, c] of known) {
      if (pos <= start && pos > at) {
        at = pos;
        cursor = c;
      }
    }
    const collected: T[] = [];
    for (;;) {
      const want = Math.min(500, Math.max(1, start + limit - at));
      const page = await fetch(cursor, want);
      for (const item of page.items) {
        if (!keep(item)) continue;
        if (at >= start) collected.push(item);
        at++;
      }
      if (page.nextCursor === null) return { items: collected.slice(0, limit), moreItems: collected.length > limit };
      cursor = page.nextCursor;
      known.set(at, cursor);
      if (collected.length >= limit) return { items: collected.slice(0, limit), moreItems: true };
    }
  }
}
