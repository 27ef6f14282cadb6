import { PipedriveError } from './PipedriveError';

// The same rules guard the client (bad input never reaches the network) and the extension's input
// boxes. Each `check*` returns a sentence for the person (or undefined when the value is fine);
// the matching `assert*` throws a PipedriveError of kind 'validation' naming the field and rule.

export const VISIBLE_TO_VALUES = [1, 3, 5, 7] as const;
export type VisibleTo = (typeof VISIBLE_TO_VALUES)[number];

export interface ValidationProblem {
  field: string;
  rule: string;
  message: string;
}

function problem(field: string, rule: string, message: string): ValidationProblem {
  return { field, rule, message };
}

/** Ids are positive integers. */
export function checkId(value: unknown, field = 'id'): ValidationProblem | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    return problem(field, 'positive-integer', `${field} must be a positive integer (got ${describe(value)}).`);
  }
  return undefined;
}

/** Exactly one character, counted in code points so "😀" or "Ä" is one character. */
export function checkFirstChar(value: unknown, field = 'first_char'): ValidationProblem | undefined {
  if (typeof value !== 'string' || [...value].length !== 1) {
    return problem(field, 'single-character', `${field} must be exactly one character (got ${describe(value)}).`);
  }
  return undefined;
}

/** Page sizes are 1..max (Pipedrive allows 500; files allows 100). */
export function checkLimit(value: unknown, field = 'limit', max = 500): ValidationProblem | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    return problem(field, `range-1-${max}`, `${field} must be an integer from 1 to ${max} (got ${describe(value)}).`);
  }
  return undefined;
}

/** Offsets are integers ≥ 0. */
export function checkStart(value: unknown, field = 'start'): ValidationProblem | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return problem(field, 'non-negative-integer', `${field} must be an integer of 0 or more (got ${describe(value)}).`);
  }
  return undefined;
}

/** Pipedrive's visibility groups: 1 owner & followers, 3 entire company, 5 owner's group, 7 owner's group and sub-groups. */
export function checkVisibleTo(value: unknown, field = 'visible_to'): ValidationProblem | undefined {
  const n = typeof value === 'string' && /^\d$/.test(value) ? Number(value) : value;
  if (!(VISIBLE_TO_VALUES as readonly unknown[]).includes(n)) {
    return problem(field, 'one-of-1-3-5-7', `${field} must be one of 1, 3, 5 or 7 (got ${describe(value)}).`);
  }
  return undefined;
}

/** Organization names are non-empty once trimmed. */
export function checkName(value: unknown, field = 'name'): ValidationProblem | undefined {
  if (typeof value !== 'string' || value.trim().length === 0) {
    return problem(field, 'non-empty', `${field} must not be empty.`);
  }
  return undefined;
}

/** True for `YYYY-MM-DD` naming a day the calendar has (not 2025-02-30): a date custom field's value. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The parts of an address Pipedrive stores; `value` is the full text. */
export const ADDRESS_PARTS = ['value', 'country', 'admin_area_level_1', 'admin_area_level_2', 'locality', 'sublocality', 'route', 'street_number', 'subpremise', 'postal_code'] as const;

/** An address is null (clear) or an object of text parts with the full text in `value`. */
export function checkAddress(value: unknown, field = 'address'): ValidationProblem | undefined {
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return problem(field, 'object', `${field} must be an object with the address parts, or null to clear it.`);
  const parts: readonly string[] = ADDRESS_PARTS;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!parts.includes(k)) return problem(`${field}.${k}`, 'known-part', `${field}.${k} is not an address part (use ${parts.join(', ')}).`);
    if (typeof v !== 'string') return problem(`${field}.${k}`, 'text', `${field}.${k} must be text (got ${describe(v)}).`);
  }
  if (typeof (value as Record<string, unknown>).value !== 'string') return problem(`${field}.value`, 'required', `${field}.value (the full address) is required.`);
  return undefined;
}

/** Search terms: at least 2 characters, or 1 with exact_match (Pipedrive's own rule). */
export function checkSearchTerm(value: unknown, exactMatch = false, field = 'term'): ValidationProblem | undefined {
  const min = exactMatch ? 1 : 2;
  if (typeof value !== 'string' || [...value.trim()].length < min) {
    return problem(
      field,
      exactMatch ? 'min-length-1' : 'min-length-2',
      `${field} must have at least ${min} character${min > 1 ? 's' : ''}${exactMatch ? '' : ', or 1 character with exact match'}.`,
    );
  }
  return undefined;
}

/** Merging needs two different organizations. */
export function checkMergeIds(id: unknown, mergeWithId: unknown): ValidationProblem | undefined {
  const bad = checkId(id) ?? checkId(mergeWithId, 'merge_with_id');
  if (bad) return bad;
  if (id === mergeWithId) {
    return problem('merge_with_id', 'differs-from-id', 'merge_with_id must differ from id (an organization cannot merge with itself).');
  }
  return undefined;
}

/** Bulk ids: a non-empty list of positive integers. */
export function checkIds(value: unknown, field = 'ids'): ValidationProblem | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    return problem(field, 'non-empty', `${field} must list at least one id.`);
  }
  for (let i = 0; i < value.length; i++) {
    const bad = checkId(value[i], `${field}[${i}]`);
    if (bad) return bad;
  }
  return undefined;
}

/** Throws the problem as a validation error of the operation (no request is made). */
export function assertValid(problemOrUndefined: ValidationProblem | undefined, operation: string): void {
  if (!problemOrUndefined) return;
  throw new PipedriveError({
    kind: 'validation',
    message: problemOrUndefined.message,
    operation,
    field: problemOrUndefined.field,
    rule: problemOrUndefined.rule,
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return String(value);
}
