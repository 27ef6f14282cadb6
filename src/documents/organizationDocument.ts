// An organization as a JSON document (no vscode): the editable fields in Pipedrive's v2 shape,
// ids written as the names people know (owner, labels, visibility, options), custom fields under
// their names, and a "readOnly" section for reference.
import { ADDRESS_PARTS, type Organization } from '../api';
import type { CustomFieldSpec, DocumentCatalog } from './documentCatalog';
import { ORGANIZATION_COUNTERS } from '../api/v2Mapping';

export type AddressPart = (typeof ADDRESS_PARTS)[number];
export type AddressValue = Record<AddressPart, string>;

/** The editable values of an organization in API form (ids, v2 custom field values by key). */
export interface EditableValues {
  name: string;
  ownerId: number | null;
  labelIds: number[];
  visibleTo: number | null;
  address: AddressValue | null;
  /** Every custom field of the catalog by key (null when empty). */
  custom: Record<string, unknown>;
}

/** The top-level properties of the document, in the order they are written. */
export const DOCUMENT_KEYS = ['name', 'owner', 'labels', 'visible_to', 'address', 'custom_fields', 'readOnly'] as const;

/** Record fields shown (when the record has them) in the read-only section. */
const READ_ONLY_FIELDS = [
  'id',
  'add_time',
  'update_time',
  'active_flag',
  'website',
  'linkedin',
  'industry',
  'annual_revenue',
  'employee_count',
  ...ORGANIZATION_COUNTERS,
  'next_activity_date',
  'last_activity_date',
] as const;

/** The record's editable values, normalised to what a v2 PATCH takes. */
export function valuesOfRecord(org: Organization, catalog: DocumentCatalog): EditableValues {
  const ownerId = typeof org.owner_id === 'object' && org.owner_id ? Number(org.owner_id.id ?? org.owner_id.value) : Number(org.owner_id);
  const visibleTo = Number(org.visible_to);
  const customSource = { ...org, ...(org.custom_fields ?? {}) } as Record<string, unknown>;
  const custom: Record<string, unknown> = {};
  for (const f of catalog.custom) custom[f.key] = apiValue(f, customSource[f.key], customSource[`${f.key}_currency`]);
  return {
    name: String(org.name ?? ''),
    ownerId: Number.isSafeInteger(ownerId) && ownerId > 0 ? ownerId : null,
    labelIds: Array.isArray(org.label_ids) ? org.label_ids.map(Number).filter((n) => Number.isSafeInteger(n)) : org.label ? [Number(org.label)] : [],
    visibleTo: Number.isSafeInteger(visibleTo) && visibleTo > 0 ? visibleTo : null,
    address: addressOfRecord(org),
    custom,
  };
}

function addressOfRecord(org: Organization): AddressValue | null {
  const value = typeof org.address === 'string' ? org.address : '';
  const out = {} as AddressValue;
  let any = false;
  for (const part of ADDRESS_PARTS) {
    const raw = part === 'value' ? value : (org as Record<string, unknown>)[`address_${part}`];
    out[part] = typeof raw === 'string' ? raw : '';
    if (out[part]) any = true;
  }
  return any ? out : null;
}

/**
 * A custom field value as v1 or v2 sends it → the v2 form a PATCH takes: option ids as numbers,
 * sets as arrays, monetary as {value, currency}, user/person/org references as ids.
 */
export function apiValue(f: CustomFieldSpec, raw: unknown, v1Currency?: unknown): unknown {
  if (raw === undefined || raw === null || raw === '') return null;
  switch (f.kind) {
    case 'enum':
      return toNumber(raw) ?? raw;
    case 'set': {
      const parts = Array.isArray(raw) ? raw : String(raw).split(',');
      return parts.map((p) => toNumber(p) ?? p).filter((p) => p !== '');
    }
    case 'monetary':
      if (typeof raw === 'object' && !Array.isArray(raw)) {
        const m = raw as { value?: unknown; currency?: unknown };
        return { value: toNumber(m.value) ?? null, currency: typeof m.currency === 'string' ? m.currency : null };
      }
      return { value: toNumber(raw) ?? null, currency: typeof v1Currency === 'string' ? v1Currency : null };
    case 'user':
    case 'person':
    case 'org':
      if (typeof raw === 'object' && !Array.isArray(raw)) {
        const r = raw as { id?: unknown; value?: unknown };
        return toNumber(r.id ?? r.value) ?? raw;
      }
      return toNumber(raw) ?? raw;
    case 'number':
    case 'integer':
      return toNumber(raw) ?? raw;
    default:
      return raw;
  }
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** The read-only section: what the record says that this document cannot change. */
export function readOnlyOfRecord(org: Organization): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of READ_ONLY_FIELDS) {
    const v = (org as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** The document's JSON object for these values. */
export function documentObject(values: EditableValues, readOnly: Record<string, unknown>, catalog: DocumentCatalog): Record<string, unknown> {
  const custom: Record<string, unknown> = {};
  for (const f of catalog.custom) custom[f.name] = documentValue(f, values.custom[f.key], catalog);
  return {
    name: values.name,
    owner: values.ownerId === null ? null : userLabel(values.ownerId, catalog),
    labels: values.labelIds.map((id) => catalog.labels.find((l) => l.value === id)?.label ?? id),
    visible_to: values.visibleTo === null ? null : (catalog.visibility.find((v) => v.value === values.visibleTo)?.label ?? values.visibleTo),
    address: values.address && { ...values.address },
    custom_fields: custom,
    readOnly,
  };
}

/** The document's text: two-space JSON with a final newline. */
export function renderDocument(org: Organization, catalog: DocumentCatalog): string {
  return JSON.stringify(documentObject(valuesOfRecord(org, catalog), readOnlyOfRecord(org), catalog), null, 2) + '\n';
}

function userLabel(id: number, catalog: DocumentCatalog): string | number {
  return catalog.users.find((u) => u.id === id)?.label ?? id;
}

/** An API value → what the document shows: option labels, user names; unknown ids stay numbers. */
function documentValue(f: CustomFieldSpec, value: unknown, catalog: DocumentCatalog): unknown {
  if (value === null || value === undefined) return null;
  const label = (id: unknown) => f.options.find((o) => o.id === id)?.label ?? id;
  switch (f.kind) {
    case 'enum':
      return label(value);
    case 'set':
      return Array.isArray(value) ? value.map(label) : value;
    case 'user':
      return typeof value === 'number' ? userLabel(value, catalog) : value;
    default:
      return value;
  }
}
