// Pipedrive records arrive as JSON we do not control: a number where a name belongs, `null` inside
// a list, a nesting no schema allows. Mappers read every field through these helpers, so a wrong
// type becomes "absent" (or a sensible text) instead of an exception that loses a whole page.

/** Called once per record a mapper could not use; the host logs it as one line. */
export type OnSkip = (what: string, reason: string) => void;

/** A positive safe integer id (numeric text accepted, as v1 sends some ids as strings). */
export function asId(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Text as is; finite numbers and booleans as their text; anything else `fallback`. */
export function asText(v: unknown, fallback = ''): string {
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return fallback;
}

/** Like asText, but absence stays visible: `undefined` for anything that is not text or a number. */
export function asOptText(v: unknown): string | undefined {
  const t = asText(v, '\u0000');
  return t === '\u0000' ? undefined : t;
}

/** A finite number (numeric text accepted); else undefined. */
export function asNumber(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function asBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  return undefined;
}

/** An array, or [] for anything else. */
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A plain object (not null, not an array), or undefined. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The ids in a list, wrong entries left out. */
export function asIds(v: unknown): number[] {
  return asArray(v).map(asId).filter((n): n is number => n !== undefined);
}

/**
 * Maps each record, leaving out (and reporting through `onSkip`) those that are not objects with
 * an id, or that the mapper still cannot read: one bad record never costs the rest of the list.
 */
export function mapRecords<T>(items: unknown, what: string, map: (item: Record<string, unknown>, index: number) => T | undefined, onSkip?: OnSkip): T[] {
  const out: T[] = [];
  const list = asArray(items);
  if (!Array.isArray(items) && items !== undefined && items !== null) onSkip?.(what, `expected a list, got ${typeName(items)}`);
  list.forEach((item, i) => {
    const rec = asRecord(item);
    if (!rec) {
      onSkip?.(what, `item ${i} is ${typeName(item)}, not a record`);
      return;
    }
    try {
      const mapped = map(rec, i);
      if (mapped === undefined) onSkip?.(what, `item ${i} (id ${describeId(rec.id)}) could not be read`);
      else out.push(mapped);
    } catch (e) {
      onSkip?.(what, `item ${i} (id ${describeId(rec.id)}): ${e instanceof Error ? e.message.slice(0, 120) : 'unreadable'}`);
    }
  });
  return out;
}

/** Collects skips so a caller can log them as one line. */
export class SkipLog {
  readonly reasons: string[] = [];
  readonly add: OnSkip = (what, reason) => {
    this.reasons.push(`${what}: ${reason}`);
  };
  get count(): number {
    return this.reasons.length;
  }
  /** One line for the log ('' when nothing was skipped). */
  summary(context: string): string {
    if (!this.reasons.length) return '';
    const shown = this.reasons.slice(0, 3).join('; ');
    return `${context}: skipped ${this.reasons.length} unreadable record(s): ${shown}${this.reasons.length > 3 ? '; …' : ''}`;
  }
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v;
}

function describeId(v: unknown): string {
  return asId(v) !== undefined ? String(v) : 'missing';
}
