// The columns of an export: the standard organization fields, then every custom field under its
// name from the organization fields (not its 40-character hash key), with option ids turned into
// their labels and the owner's id into a name. Both formats share them: CSV writes a header row of
// the names, JSON Lines uses them as keys. No vscode import.
import type { Organization, OrganizationField } from '../api/records';
import { ownerIdOf } from '../model/organization';
import { isCustomFieldKey } from '../model/customFields';

/** One value of a row: JSON Lines keeps its type; CSV writes it as text (lists joined with "; "). */
export type CellValue = string | number | boolean | null | readonly (string | number)[];

export interface Column {
  /** Header in CSV, key in JSON Lines. */
  readonly name: string;
  /** True when the local organization index keeps this field (index exports show only those). */
  readonly indexed: boolean;
  value(org: Organization): CellValue;
}

export interface ColumnOptions {
  /** The account's organization fields (GET /v1/organizationFields). */
  readonly fields: readonly OrganizationField[];
  /** User names by id, for the owner and user-type custom fields. */
  readonly userName?: (id: number) => string | undefined;
}

/** Pipedrive's custom field keys are 40 hex characters; standard fields have plain names. */

/** Every column of an export, standard first, custom fields in the account's field order. */
export function exportColumns(options: ColumnOptions): Column[] {
  const byKey = new Map(options.fields.map((f) => [f.key, f]));
  const userName = options.userName ?? (() => undefined);
  const labels = optionLabels(byKey.get('label_ids') ?? byKey.get('label'));
  const visibility = optionLabels(byKey.get('visible_to'));
  const industries = optionLabels(byKey.get('industry'));
  const standard: Column[] = [
    col('ID', true, (o) => num(o.id)),
    col('Name', true, (o) => text(o.name)),
    col('Owner ID', true, (o) => ownerId(o) ?? null),
    col('Owner', true, (o) => ownerName(o, userName)),
    col('Labels', true, (o) => labelIds(o).map((id) => labels.get(String(id)) ?? String(id))),
    col('Visible to', true, (o) => (o.visible_to === undefined || o.visible_to === null || o.visible_to === '' ? null : visibility.get(String(o.visible_to)) ?? String(o.visible_to))),
    col('Address', true, (o) => text(o.address_formatted_address) ?? text(o.address)),
    col('Street number', false, (o) => text(o.address_street_number)),
    col('Street', false, (o) => text(o.address_route)),
    col('City', true, (o) => text(o.address_locality)),
    col('State/province', false, (o) => text(o.address_admin_area_level_1)),
    col('Postal code', false, (o) => text(o.address_postal_code)),
    col('Country', false, (o) => text(o.address_country)),
    col('Website', false, (o) => text(o.website)),
    col('LinkedIn', false, (o) => text(o.linkedin)),
    col('Industry', false, (o) => (o.industry === undefined || o.industry === null ? null : industries.get(String(o.industry)) ?? String(o.industry))),
    col('Annual revenue', false, (o) => num(o.annual_revenue)),
    col('Number of employees', false, (o) => num(o.employee_count)),
    col('People', false, (o) => num(o.people_count)),
    col('Open deals', false, (o) => num(o.open_deals_count)),
    col('Created', true, (o) => text(o.add_time)),
    col('Updated', true, (o) => text(o.update_time)),
  ];
  const taken = new Set(standard.map((c) => c.name));
  const custom = options.fields
    .filter((f) => isCustomFieldKey(f.key) && f.active_flag !== false)
    .flatMap((f) => customColumns(f, uniqueName(f, taken), userName));
  return [...standard, ...custom];
}

/** The columns the local index can fill (it keeps no custom fields, counters or address parts). */
export function indexedColumns(columns: readonly Column[]): Column[] {
  return columns.filter((c) => c.indexed);
}

/** A row for JSON Lines: column names as keys, in column order. */
export function rowObject(columns: readonly Column[], org: Organization): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const c of columns) out[c.name] = c.value(org);
  return out;
}

/** A value as one CSV cell: numbers stay numbers (never neutralised), lists joined with "; ". */
export function cellText(value: CellValue): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  return value.join('; ');
}

function col(name: string, indexed: boolean, value: (o: Organization) => CellValue): Column {
  return { name, indexed, value };
}

/** A custom field's name, made unique against the standard columns and earlier custom fields. */
function uniqueName(field: OrganizationField, taken: Set<string>): string {
  const base = typeof field.name === 'string' && field.name.trim() !== '' ? field.name.trim() : field.key;
  let name = base;
  for (let n = 2; taken.has(name) || taken.has(`${name} currency`); n++) name = `${base} (${n})`;
  taken.add(name);
  return name;
}

function customColumns(field: OrganizationField, name: string, userName: (id: number) => string | undefined): Column[] {
  const key = field.key;
  const type = String(field.field_type);
  const options = optionLabels(field);
  const raw = (o: Organization) => customValue(o, key);
  switch (type) {
    case 'enum':
      return [col(name, false, (o) => optionLabel(raw(o), options))];
    case 'set':
      return [col(name, false, (o) => optionIds(raw(o)).map((id) => options.get(id) ?? id))];
    case 'monetary':
      // v1 sends the amount under the key and the currency under `<key>_currency`; v2 one object.
      return [
        col(name, false, (o) => num(amountOf(raw(o)))),
        col(`${name} currency`, false, (o) => text(currencyOf(raw(o))) ?? text(customValue(o, `${key}_currency`))),
      ];
    case 'user':
      return [col(name, false, (o) => refName(raw(o), userName))];
    case 'org':
    case 'people':
      return [col(name, false, (o) => refName(raw(o), () => undefined))];
    default:
      return [col(name, false, (o) => plain(raw(o)))];
  }
}

/** v1 puts custom fields at the top level of the record; v2 (mapped) under custom_fields too. */
function customValue(org: Organization, key: string): unknown {
  const top = org[key];
  if (top !== undefined) return top;
  const nested = org.custom_fields;
  return nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[key] : undefined;
}

function optionLabels(field: OrganizationField | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of Array.isArray(field?.options) ? field.options : []) {
    if (o && (typeof o.id === 'number' || typeof o.id === 'string') && typeof o.label === 'string') out.set(String(o.id), o.label);
  }
  return out;
}

function optionLabel(value: unknown, options: Map<string, string>): string | null {
  const id = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : undefined;
  if (id === undefined || id === '') return null;
  return options.get(id) ?? id;
}

/** A set field: v1 `"201,203"`, v2 `[201, 203]`. */
function optionIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'number' || typeof v === 'string').map((v) => String(v).trim());
  if (typeof value === 'number') return [String(value)];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return [];
}

function amountOf(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) return (value as { value?: unknown }).value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return value;
}

function currencyOf(value: unknown): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as { currency?: unknown }).currency : undefined;
}

/** A user, person or organization reference: v1 embeds `{value, name}`, v2 sends the id. */
function refName(value: unknown, nameOf: (id: number) => string | undefined): string | number | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const ref = value as { name?: unknown; value?: unknown; id?: unknown };
    if (typeof ref.name === 'string') return ref.name;
    const id = num(ref.value) ?? num(ref.id);
    return id === null ? null : nameOf(id) ?? id;
  }
  const id = num(value);
  return id === null ? text(value) : nameOf(id) ?? id;
}

/** Any other field: text, numbers and booleans as they are; an address object as its text. */
function plain(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { formatted_address?: unknown; value?: unknown };
    const t = text(v.formatted_address) ?? text(v.value);
    if (t !== null) return t;
  }
  return JSON.stringify(value);
}

function ownerId(o: Organization): number | undefined {
  return ownerIdOf(o.owner_id);
}

function ownerName(o: Organization, userName: (id: number) => string | undefined): string | null {
  const named = text(o.owner_name) ?? text((o.owner_id as { name?: unknown } | undefined)?.name);
  if (named !== null) return named;
  const id = ownerId(o);
  return id === undefined ? null : userName(id) ?? null;
}

function labelIds(o: Organization): (number | string)[] {
  if (Array.isArray(o.label_ids) && o.label_ids.length > 0) return o.label_ids;
  return o.label === null || o.label === undefined ? [] : [o.label];
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
