// The sort setting (`pipedrive.sort`, a v1 expression such as `name ASC, update_time DESC`) parsed
// once. The store, the local index and the v2 client all read this shape instead of splitting the
// string themselves.

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  readonly field: string;
  readonly direction: SortDirection;
}

export interface SortSpec {
  /** The keys in order; never empty (falls back to `name ASC`). `id ASC` breaks ties last. */
  readonly keys: readonly SortKey[];
}

const FIELD = /^[a-z_][a-z0-9_]*$/i;

export const DEFAULT_SORT = 'name ASC';

/** Parses a v1 sort expression; unknown pieces are dropped, an empty result means `name ASC`. */
export function parseSort(expression: string | undefined): SortSpec {
  const keys: SortKey[] = [];
  for (const part of (expression ?? '').split(',')) {
    const [field, dir, ...rest] = part.trim().split(/\s+/);
    if (!field || !FIELD.test(field) || rest.length > 0) continue;
    if (dir !== undefined && !/^(asc|desc)$/i.test(dir)) continue;
    if (keys.some((k) => k.field === field)) continue;
    keys.push({ field, direction: /^desc$/i.test(dir ?? '') ? 'desc' : 'asc' });
  }
  if (keys.length === 0) keys.push({ field: 'name', direction: 'asc' });
  return { keys };
}

/** The expression again, normalised (`name ASC, update_time DESC`). */
export function formatSort(spec: SortSpec): string {
  return spec.keys.map((k) => `${k.field} ${k.direction.toUpperCase()}`).join(', ');
}

/** What v2 list routes accept: one of id, update_time, add_time (name order is not offered). */
export function toV2Sort(spec: SortSpec): { sort_by?: 'id' | 'update_time' | 'add_time'; sort_direction?: SortDirection } {
  const first = spec.keys[0];
  if (first.field !== 'id' && first.field !== 'update_time' && first.field !== 'add_time') return {};
  return { sort_by: first.field, sort_direction: first.direction };
}

const TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/;

/**
 * A comparator over records for the spec. Names compare with the collator given (locale-aware:
 * accents and case ignored, digits by value), times as instants, numbers as numbers, blanks last;
 * `id` ascending breaks ties so the order is total.
 */
export function comparatorFor<T extends object>(
  spec: SortSpec,
  collator: Intl.Collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }),
  read: (record: T, field: string) => unknown = (record, field) => (record as Record<string, unknown>)[field],
): (a: T, b: T) => number {
  const keys = [...spec.keys];
  if (!keys.some((k) => k.field === 'id')) keys.push({ field: 'id', direction: 'asc' });
  return (a, b) => {
    for (const { field, direction } of keys) {
      const c = compareValues(read(a, field), read(b, field), collator);
      if (c !== 0) return direction === 'desc' ? -c : c;
    }
    return 0;
  };
}

function compareValues(x: unknown, y: unknown, collator: Intl.Collator): number {
  if (x === y) return 0;
  if (x === undefined || x === null || x === '') return 1;
  if (y === undefined || y === null || y === '') return -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'object' && typeof y === 'object') {
    return compareValues((x as { value?: unknown }).value, (y as { value?: unknown }).value, collator);
  }
  const a = String(x);
  const b = String(y);
  if (TIME.test(a) && TIME.test(b)) {
    const d = Date.parse(a.replace(' ', 'T') + (a.length === 19 ? 'Z' : '')) - Date.parse(b.replace(' ', 'T') + (b.length === 19 ? 'Z' : ''));
    if (!Number.isNaN(d)) return d;
  }
  return collator.compare(a, b);
}
