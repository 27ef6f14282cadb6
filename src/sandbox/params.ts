// Query-string validation with Pipedrive's 400 messages. Routes read parameters through this so
// every bad value (limit 0, limit 501, id "abc") gets the same error envelope.
import { badRequest } from './envelope';

export class Query {
  constructor(readonly raw: URLSearchParams) {}

  has(name: string): boolean {
    return this.raw.has(name) && this.raw.get(name) !== '';
  }

  str(name: string): string | undefined {
    const v = this.raw.get(name);
    return v === null || v === '' ? undefined : v;
  }

  int(name: string, opts: { min?: number; max?: number; def?: number } = {}): number | undefined {
    const v = this.str(name);
    if (v === undefined) return opts.def;
    if (!/^-?\d+$/.test(v.trim())) throw badRequest(`Invalid "${name}": expected an integer, got "${v}"`);
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min) throw badRequest(`Invalid "${name}": must be at least ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw badRequest(`Invalid "${name}": must be at most ${opts.max}`);
    return n;
  }

  /** Pipedrive's 0/1 flags (also accepts true/false). */
  flag(name: string): boolean | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (v === '1' || v === 'true') return true;
    if (v === '0' || v === 'false') return false;
    throw badRequest(`Invalid "${name}": expected 0 or 1`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw badRequest(`Invalid "${name}": expected one of ${allowed.join(', ')}`);
    return v as T;
  }

  /** A comma-separated list of positive integers. */
  ids(name: string, max = 100): number[] | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    const parts = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (!parts.length) throw badRequest(`Invalid "${name}": empty list`);
    if (parts.length > max) throw badRequest(`Invalid "${name}": at most ${max} ids`);
    return parts.map((p) => {
      if (!/^\d+$/.test(p)) throw badRequest(`Invalid "${name}": "${p}" is not an id`);
      return Number(p);
    });
  }

  /** Offset paging; v1 caps limit at 500 (files at 100). */
  page(maxLimit = 500, defLimit = 100): { start: number; limit: number } {
    const start = this.int('start', { min: 0, def: 0 })!;
    const limit = this.int('limit', { min: 1, max: maxLimit, def: defLimit })!;
    return { start, limit };
  }
}

/** A path id segment: positive integer or 400. */
export function pathId(text: string, name = 'id'): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw badRequest(`Invalid "${name}": expected a positive integer, got "${decodeURIComponent(text)}"`);
  return Number(text);
}

/** Opaque cursors: base64url JSON, so clients cannot guess or build them. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(text: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    // fall through: a malformed cursor is the client's error
  }
  throw badRequest('Invalid cursor');
}

export function isOffsetCursor(v: unknown): v is { o: number } {
  return typeof v === 'object' && v !== null && Number.isInteger((v as { o: unknown }).o) && (v as { o: number }).o >= 0;
}

/** Slices by an offset cursor and returns the next cursor (null at the end). */
export function cursorSlice<T>(all: readonly T[], cursor: string | undefined, limit: number): { page: T[]; next: string | null } {
  const o = decodeCursor(cursor, isOffsetCursor)?.o ?? 0;
  const page = all.slice(o, o + limit);
  return { page, next: o + limit < all.length ? encodeCursor({ o: o + limit }) : null };
}
