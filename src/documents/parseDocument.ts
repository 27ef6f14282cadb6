// The document's text → the values it asks for (no vscode). Every rule names the field it is
// about, so the editor can mark it and the failed save can say what to fix. A property left out
// means "unchanged"; null clears.
import { ADDRESS_PARTS, checkAddress, checkName, isCalendarDate, type VisibleTo } from '../api';
import type { CustomFieldSpec, DocumentCatalog } from './documentCatalog';
import { DOCUMENT_KEYS, type AddressValue, type EditableValues } from './organizationDocument';
import { t } from '../util/l10n';

export type DocPath = ReadonlyArray<string | number>;

export interface DocumentProblem {
  /** Where in the document: property names and array indexes from the top. */
  readonly path: DocPath;
  /** The path as people read it: `custom_fields.Tier`, `labels[1]`. */
  readonly field: string;
  readonly message: string;
}

export interface ParsedDocument {
  /** Only the properties present in the document. */
  readonly values: Partial<EditableValues>;
  readonly readOnly: Record<string, unknown> | undefined;
}

export type ParseResult = { ok: true; doc: ParsedDocument } | { ok: false; problem: DocumentProblem };

class Problem extends Error {
  constructor(
    readonly path: DocPath,
    message: string,
  ) {
    super(message);
  }
}

export function fieldName(path: DocPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(document)';
}

function fail(path: DocPath, message: string): never {
  throw new Problem(path, t('{0}: {1}', fieldName(path), message));
}

/**
 * Parses and checks the document. `readOnly`, when given, is the section as it was written: any
 * change to it is a problem naming the field.
 */
export function parseDocument(text: string, catalog: DocumentCatalog, readOnly?: Record<string, unknown>): ParseResult {
  try {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      fail([], t('not valid JSON ({0}).', e instanceof Error ? e.message : String(e)));
    }
    return { ok: true, doc: parseObject(json, catalog, readOnly) };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: { path: e.path, field: fieldName(e.path), message: e.message } };
    throw e;
  }
}

function parseObject(json: unknown, catalog: DocumentCatalog, expectedReadOnly: Record<string, unknown> | undefined): ParsedDocument {
  const doc = asObject(json, []);
  for (const key of Object.keys(doc)) {
    if (!(DOCUMENT_KEYS as readonly string[]).includes(key)) fail([key], t('not a field of an organization here (use {0}).', DOCUMENT_KEYS.join(', ')));
  }
  const values: Partial<EditableValues> = {};
  if ('name' in doc) {
    const bad = checkName(doc.name);
    if (bad) fail(['name'], t('must be text that is not empty.'));
    values.name = doc.name as string;
  }
  if ('owner' in doc) values.ownerId = doc.owner === null ? fail(['owner'], t('an organization needs an owner.')) : userId(doc.owner, ['owner'], catalog);
  if ('labels' in doc) values.labelIds = labelIds(doc.labels, catalog);
  if ('visible_to' in doc) values.visibleTo = visibility(doc.visible_to, catalog);
  if ('address' in doc) values.address = address(doc.address);
  if ('custom_fields' in doc) values.custom = customFields(doc.custom_fields, catalog);
  const readOnly = 'readOnly' in doc ? asObject(doc.readOnly, ['readOnly']) : undefined;
  if (expectedReadOnly) checkReadOnly(readOnly ?? {}, expectedReadOnly);
  return { values, readOnly };
}

function asObject(v: unknown, path: DocPath): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, t('must be an object { … }.'));
  return v as Record<string, unknown>;
}

function userId(v: unknown, path: DocPath, catalog: DocumentCatalog): number {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v <= 0) fail(path, t('{0} is not a user id.', v));
    if (catalog.users.length && !catalog.users.some((u) => u.id === v)) fail(path, t('there is no user with id {0}.', v));
    return v;
  }
  if (typeof v === 'string') {
    const found = catalog.users.find((u) => u.label === v) ?? catalog.users.find((u) => u.label.toLowerCase() === v.trim().toLowerCase());
    if (found) return found.id;
    const examples = catalog.users.filter((u) => u.active).slice(0, 3).map((u) => JSON.stringify(u.label)).join(', ');
    fail(path, catalog.users.length ? t('there is no user named {0} (for example {1}).', JSON.stringify(v), examples) : t('there is no user named {0}.', JSON.stringify(v)));
  }
  return fail(path, t('must be a user name (or id).'));
}

function labelIds(v: unknown, catalog: DocumentCatalog): number[] {
  if (v === null) return [];
  if (!Array.isArray(v)) fail(['labels'], t('must be a list of label names, e.g. ["Customer"] ([] for none).'));
  const ids = v.map((item, i) => {
    const found = typeof item === 'number' ? catalog.labels.find((l) => l.value === item) : catalog.labels.find((l) => l.label === item) ?? catalog.labels.find((l) => typeof item === 'string' && l.label.toLowerCase() === item.trim().toLowerCase());
    if (!found) fail(['labels', i], t('{0} is not a label (use {1}).', JSON.stringify(item), catalog.labels.map((l) => JSON.stringify(l.label)).join(', ') || t('none: the account has no labels')));
    return found.value;
  });
  return [...new Set(ids)];
}

function visibility(v: unknown, catalog: DocumentCatalog): VisibleTo {
  const found = catalog.visibility.find((c) => c.value === v || c.label === v || (typeof v === 'string' && c.label.toLowerCase() === v.trim().toLowerCase()));
  if (!found) fail(['visible_to'], t('{0} is not a visibility (use {1}).', JSON.stringify(v), catalog.visibility.map((c) => JSON.stringify(c.label)).join(', ')));
  return found.value as VisibleTo;
}

function address(v: unknown): AddressValue | null {
  if (v === null) return null;
  const a = asObject(v, ['address']);
  const bad = checkAddress({ value: '', ...a });
  if (bad) fail(bad.field.split('.'), bad.message.replace(/^address(\.\w+)? /, ''));
  const out = {} as AddressValue;
  for (const part of ADDRESS_PARTS) out[part] = typeof a[part] === 'string' ? (a[part] as string) : '';
  const any = ADDRESS_PARTS.some((p) => out[p].trim() !== '');
  // Pipedrive geocodes the parts from the full text: parts without it would be dropped.
  if (any && !out.value.trim()) fail(['address', 'value'], t('the full address is required when any part is given (or set address to null to clear it).'));
  return any ? out : null;
}

function customFields(v: unknown, catalog: DocumentCatalog): Record<string, unknown> {
  const given = asObject(v, ['custom_fields']);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const f = catalog.custom.find((c) => c.name === name);
    if (!f) fail(['custom_fields', name], t('there is no organization field named {0}.', JSON.stringify(name)));
    out[f.key] = customValue(f, value, ['custom_fields', name], catalog);
  }
  return out;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** A document value → the API value for the field, or a problem naming the field. */
export function customValue(f: CustomFieldSpec, v: unknown, path: DocPath, catalog: DocumentCatalog): unknown {
  if (v === null) return null;
  const option = (x: unknown, at: DocPath) => {
    const found = typeof x === 'number' ? f.options.find((o) => o.id === x) : f.options.find((o) => o.label === x);
    if (!found) fail(at, t('{0} is not an option of {1} (use {2}).', JSON.stringify(x), f.name, f.options.map((o) => JSON.stringify(o.label)).join(', ')));
    return found.id;
  };
  switch (f.kind) {
    case 'text':
      if (typeof v !== 'string') fail(path, t('must be text.'));
      return v;
    case 'number':
    case 'integer':
      if (typeof v !== 'number' || !Number.isFinite(v) || (f.kind === 'integer' && !Number.isInteger(v))) fail(path, f.kind === 'integer' ? t('must be a whole number.') : t('must be a number.'));
      return v;
    case 'monetary': {
      const m = asObject(v, path);
      for (const k of Object.keys(m)) if (k !== 'value' && k !== 'currency') fail([...path, k], t('not a part of an amount (use value and currency).'));
      if (typeof m.value !== 'number' || !Number.isFinite(m.value)) fail([...path, 'value'], t('must be a number.'));
      if (typeof m.currency !== 'string' || !CURRENCY.test(m.currency)) fail([...path, 'currency'], t('must be a three-letter currency code such as "EUR".'));
      return { value: m.value, currency: m.currency };
    }
    case 'date':
      if (typeof v !== 'string' || !isCalendarDate(v)) fail(path, t('{0} is not a date: use YYYY-MM-DD, e.g. "2025-03-31".', JSON.stringify(v)));
      return v;
    case 'time':
      if (typeof v !== 'string' || !TIME.test(v)) fail(path, t('{0} is not a time: use HH:MM or HH:MM:SS.', JSON.stringify(v)));
      return v;
    case 'enum':
      return option(v, path);
    case 'set':
      if (!Array.isArray(v)) fail(path, t('must be a list of options, e.g. [{0}].', f.options.slice(0, 2).map((o) => JSON.stringify(o.label)).join(', ')));
      return [...new Set(v.map((x, i) => option(x, [...path, i])))];
    case 'user':
      return userId(v, path, catalog);
    case 'person':
    case 'org':
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) fail(path, f.kind === 'org' ? t('must be the id of an organization.') : t('must be the id of a person.'));
      return v;
    case 'address': {
      const bad = checkAddress(v);
      if (bad) fail([...path, ...bad.field.split('.').slice(1)], bad.message.replace(/^address(\.\w+)? /, ''));
      return v;
    }
    default:
      return v;
  }
}

function checkReadOnly(actual: Record<string, unknown>, expected: Record<string, unknown>): void {
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (!sameValue(actual[key], expected[key])) {
      fail(['readOnly', key], key in expected ? t('is read-only: it cannot be changed here (it was {0}).', JSON.stringify(expected[key])) : t('is not a field of this section: the read-only section cannot be changed.'));
    }
  }
}

/** Deep equality of JSON values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
