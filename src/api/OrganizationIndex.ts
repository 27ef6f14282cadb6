import type { CursorPage } from './pages';
import type { Organization, OrganizationV2 } from './records';

/** Fetches one page of GET /api/v2/organizations (limit 500), from `updatedSince` when given. */
export type OrganizationPageFetcher = (cursor: string | undefined, updatedSince: string | undefined) => Promise<CursorPage<OrganizationV2>>;

export interface IndexQuery {
  first_char?: string;
  user_id?: number;
  sort?: string;
  start: number;
  limit: number;
}

/**
 * The organizations as v2 sees them, kept locally because v2 cannot list by first character.
 * Built by walking GET /api/v2/organizations once, then kept fresh with updated_since: each query
 * first asks for what changed since the newest update_time seen. Deleted organizations drop out.
 */
export class OrganizationIndex {
  private readonly orgs = new Map<number, OrganizationV2>();
  private watermark: string | undefined;
  private built = false;
  private refreshing: Promise<void> | undefined;

  private builtAt = 0;

  /**
   * @param maxAgeMs after this long the next refresh walks everything again: v2 lists no deleted
   *   organizations, so only a full walk notices deletions made outside this client.
   */
  constructor(
    private readonly fetchPage: OrganizationPageFetcher,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = 15 * 60_000,
  ) {}

  get size(): number {
    return this.orgs.size;
  }

  get(id: number): OrganizationV2 | undefined {
    return this.orgs.get(id);
  }

  /** Brings the index up to date; concurrent callers share one refresh. */
  refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.walk().finally(() => {
        this.refreshing = undefined;
      });
    }
    return this.refreshing;
  }

  /** Records a change this client made, so the next query shows it even before a refresh. */
  upsert(org: OrganizationV2): void {
    if (org.is_deleted) this.orgs.delete(org.id);
    else this.orgs.set(org.id, org);
  }

  remove(id: number): void {
    this.orgs.delete(id);
  }

  /** Filters, sorts and pages like GET /v1/organizations does, on v1-shaped records. */
  query(q: IndexQuery, toV1: (org: OrganizationV2) => Organization): { items: Organization[]; moreItems: boolean } {
    const wanted = q.first_char;
    const matches: Organization[] = [];
    for (const org of this.orgs.values()) {
      if (q.user_id !== undefined && org.owner_id !== q.user_id) continue;
      if (wanted !== undefined && !sameFirstChar(org.name, wanted)) continue;
      matches.push(toV1(org));
    }
    matches.sort(compareBy(q.sort));
    const items = matches.slice(q.start, q.start + q.limit);
    return { items, moreItems: q.start + q.limit < matches.length };
  }

  private async walk(): Promise<void> {
    const full = !this.built || this.now() - this.builtAt > this.maxAgeMs;
    const since = full ? undefined : this.watermark;
    const seen = full ? new Set<number>() : undefined;
    let cursor: string | undefined;
    let newest = this.watermark;
    do {
      const page = await this.fetchPage(cursor, since);
      for (const org of page.items) {
        this.upsert(org);
        seen?.add(org.id);
        if (!newest || Date.parse(org.update_time) > Date.parse(newest)) newest = org.update_time;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (seen) {
      for (const id of [...this.orgs.keys()]) if (!seen.has(id)) this.orgs.delete(id);
      this.builtAt = this.now();
    }
    this.watermark = newest;
    this.built = true;
  }
}

/** First code point of the name equals `ch`, ignoring case in the Unicode sense. */
export function sameFirstChar(name: string, ch: string): boolean {
  const first = [...(name ?? '').trimStart()][0];
  if (first === undefined) return false;
  return first.toLowerCase() === ch.toLowerCase() || first.toUpperCase() === ch.toUpperCase();
}

/** A comparator for a v1 sort expression like `name ASC, update_time DESC` (default: id). */
export function compareBy(sort: string | undefined): (a: Organization, b: Organization) => number {
  const keys = (sort ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [field, dir] = s.split(/\s+/);
      return { field, sign: /^desc$/i.test(dir ?? '') ? -1 : 1 };
    });
  keys.push({ field: 'id', sign: 1 });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const c = compareValues(a[field], b[field]);
      if (c !== 0) return c * sign;
    }
    return 0;
  };
}

// The same collation Pipedrive's name sort shows (accents and case ignored, digits by value); made
// on first use, since the first Intl object of a process loads ICU data and activation need not wait.
let collator: Intl.Collator | undefined;

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function compareValues(x: unknown, y: unknown): number {
  if (x === y) return 0;
  if (x === undefined || x === null) return 1;
  if (y === undefined || y === null) return -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'object' && typeof y === 'object') {
    return compareValues((x as { value?: unknown }).value, (y as { value?: unknown }).value);
  }
  const a = String(x);
  const b = String(y);
  // v1 times are fixed-width `YYYY-MM-DD HH:MM:SS`: text order is time order.
  if (TIME.test(a) && TIME.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return (collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true })).compare(a, b);
}
