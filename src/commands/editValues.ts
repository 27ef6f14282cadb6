// Pure helpers of the add and update prompts (no vscode): label and visibility choices from
// GET /v1/organizationFields, the add-time rule, the address and custom field values and their
// input rules, and the fields an update really changes.
import { ADDRESS_PARTS, checkName, isCalendarDate, VISIBLE_TO_VALUES, type AddressInput, type Organization, type OrganizationField, type UpdateOrganizationInput, type VisibleTo } from '../api';
import { safeLine } from '../util/safeText';
import { formatNumber, t } from '../util/l10n';
import { activeCustomFields, customFieldKind, fieldOptions, type CustomFieldKind } from '../model/customFields';

export interface Choice<T> {
  value: T;
  label: string;
}

/** Pipedrive's names of the visibility groups (used when the field list does not name them), in the display language. */
function defaultVisibilityName(v: VisibleTo): string {
  switch (v) {
    case 1: return t('Owner & followers');
    case 3: return t('Entire company');
    case 5: return t("Owner's visibility group");
    case 7: return t("Owner's visibility group and sub-groups");
  }
}

/** The label options: the `label_ids` field (or the older single `label` field) of the organization fields. */
export function labelChoices(fields: readonly OrganizationField[]): Choice<number>[] {
  const field = fields.find((f) => f.key === 'label_ids') ?? fields.find((f) => f.key === 'label');
  return (field?.options ?? [])
    .map((o) => ({ value: Number(o.id), label: String(o.label) }))
    .filter((o) => Number.isSafeInteger(o.value) && o.value > 0);
}

/** The visibility choices 1, 3, 5, 7, named as the account's `visible_to` field names them. */
export function visibilityChoices(fields: readonly OrganizationField[]): Choice<VisibleTo>[] {
  const named = new Map((fields.find((f) => f.key === 'visible_to')?.options ?? []).map((o) => [Number(o.id), String(o.label)]));
  return VISIBLE_TO_VALUES.map((v) => ({ value: v, label: named.get(v) ?? defaultVisibilityName(v) }));
}

export function visibilityName(value: unknown, fields: readonly OrganizationField[] = []): string | undefined {
  const n = Number(value);
  return visibilityChoices(fields).find((c) => c.value === n)?.label;
}

const ADD_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `YYYY-MM-DD HH:MM:SS` (UTC), a real moment not in the future; empty means "now". */
export function checkAddTime(value: string, now = Date.now()): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const m = ADD_TIME.exec(v);
  if (!m) return t('Use the form YYYY-MM-DD HH:MM:SS, e.g. 2024-05-17 09:30:00 (UTC), or leave it empty for now.');
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return t('{0} is not a real date and time.', v);
  }
  if (date.getTime() > now) return t('The add time cannot be in the future.');
  return undefined;
}

/** The client's name rule as a sentence for the input box. */
export function nameProblem(value: string): string | undefined {
  return checkName(value) ? t('Enter a name for the organization.') : undefined;
}

export interface OrganizationValues {
  name: string;
  ownerId?: number;
  labelIds: number[];
  visibleTo?: VisibleTo;
  /** Only when the edit covers it (extraValuesOf): null = no address. */
  address?: AddressInput | null;
  /** Only the custom fields the edit covers, by field key (extraValuesOf): null = empty. */
  custom?: Record<string, CustomValue>;
}

/** The values of an organization record, as the update prompts show them. */
export function valuesOf(org: Organization): OrganizationValues {
  const owner = org.owner_id as Organization['owner_id'] | number | null | undefined;
  const visible = Number(org.visible_to);
  return {
    name: org.name,
    ownerId: typeof owner === 'number' ? owner : owner?.value ?? owner?.id,
    labelIds: org.label_ids?.length ? [...org.label_ids] : typeof org.label === 'number' ? [org.label] : [],
    visibleTo: (VISIBLE_TO_VALUES as readonly number[]).includes(visible) ? (visible as VisibleTo) : undefined,
  };
}

/** Only what differs from `before`: the body of the update request (empty when nothing changed). */
export function changedFields(before: OrganizationValues, after: Partial<OrganizationValues>): UpdateOrganizationInput {
  const input: UpdateOrganizationInput = {};
  if (after.name !== undefined && after.name.trim() !== before.name) input.name = after.name.trim();
  if (after.ownerId !== undefined && after.ownerId !== before.ownerId) input.owner_id = after.ownerId;
  if (after.labelIds !== undefined && !sameSet(after.labelIds, before.labelIds)) input.label_ids = [...after.labelIds];
  if (after.visibleTo !== undefined && after.visibleTo !== before.visibleTo) input.visible_to = after.visibleTo;
  if (after.address !== undefined && !sameAddress(after.address, before.address ?? null)) input.address = after.address;
  for (const [key, value] of Object.entries(after.custom ?? {})) {
    if (!sameValue(value, before.custom?.[key] ?? null)) (input.custom_fields ??= {})[key] = value;
  }
  return input;
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  const x = [...new Set(a)].sort((p, q) => p - q);
  const y = [...new Set(b)].sort((p, q) => p - q);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export interface Rebased {
  /** What to send now: the user's changes on top of the record as it is in Pipedrive. */
  readonly input: UpdateOrganizationInput;
  /**
   * Fields both the user and someone else changed since the edit started (to ask about): name,
   * owner, visibility, address, or a custom field's name (from `names`, else its key).
   */
  readonly conflicts: ReadonlyArray<string>;
  /** True when the labels were merged with labels changed meanwhile. */
  readonly labelsMerged: boolean;
}

/**
 * The user's edit (`before` → `input`) replayed on the record as it is now (`latest`): fields the
 * user did not touch are not sent, so other people's changes to them stay; labels are sent as the
 * latest set plus what the user added minus what they removed; a field both changed is a conflict.
 */
export function rebaseEdit(before: OrganizationValues, input: UpdateOrganizationInput, latest: OrganizationValues, names: ReadonlyMap<string, string> = new Map()): Rebased {
  const out: UpdateOrganizationInput = { ...input };
  const conflicts: string[] = [];
  if (input.name !== undefined && latest.name !== before.name && latest.name !== input.name) conflicts.push('name');
  if (input.owner_id !== undefined && latest.ownerId !== before.ownerId && latest.ownerId !== input.owner_id) conflicts.push('owner');
  if (input.visible_to !== undefined && latest.visibleTo !== before.visibleTo && latest.visibleTo !== input.visible_to) conflicts.push('visibility');
  const theirs = (mine: unknown, was: unknown, now: unknown) => !sameValue(now ?? null, was ?? null) && !sameValue(now ?? null, mine ?? null);
  if (input.address !== undefined && latest.address !== undefined && theirs(input.address, before.address, latest.address)) conflicts.push('address');
  for (const [key, value] of Object.entries(input.custom_fields ?? {})) {
    if (latest.custom && key in latest.custom && theirs(value, before.custom?.[key], latest.custom[key])) conflicts.push(names.get(key) ?? key);
  }
  let labelsMerged = false;
  if (input.label_ids !== undefined && !sameSet(latest.labelIds, before.labelIds)) {
    const added = input.label_ids.filter((id) => !before.labelIds.includes(id));
    const removed = before.labelIds.filter((id) => !input.label_ids!.includes(id));
    out.label_ids = [...new Set([...latest.labelIds, ...added])].filter((id) => !removed.includes(id));
    labelsMerged = true;
  }
  return { input: out, conflicts, labelsMerged };
}

// ---- address and custom fields -------------------------------------------------------------

/** The value of a custom field in the form Pipedrive's v2 API writes it; null is empty. */
export type CustomValue = string | number | number[] | Money | null;

export interface Money {
  value: number;
  currency: string;
}

/** How a custom field is edited. */
export type CustomKind = 'text' | 'largeText' | 'number' | 'monetary' | 'date' | 'option' | 'options' | 'user' | 'person' | 'organization';

/** How Edit asks for each kind of the shared model (model/customFields); the rest are not edited here. */
const PROMPT_OF_KIND: Partial<Readonly<Record<CustomFieldKind, CustomKind>>> = {
  text: 'text',
  largeText: 'largeText',
  number: 'number',
  integer: 'number',
  monetary: 'monetary',
  date: 'date',
  option: 'option',
  options: 'options',
  user: 'user',
  person: 'person',
  organization: 'organization',
};

export interface CustomFieldSpec {
  /** The 40-character field key (`custom_fields` is keyed by it). */
  readonly key: string;
  /** The name people know it by (shown in every prompt). */
  readonly name: string;
  readonly kind: CustomKind;
  /** Whole numbers only (`int`). */
  readonly integer: boolean;
  /** Single and multiple option fields: the option ids and labels. */
  readonly options: Choice<number>[];
}

/** The account's custom fields this prompt can edit, in Pipedrive's order. */
export function editableCustomFields(fields: readonly OrganizationField[]): CustomFieldSpec[] {
  return activeCustomFields(fields).flatMap((f) => {
    const kind = customFieldKind(f.field_type);
    const prompt = PROMPT_OF_KIND[kind];
    if (!prompt) return [];
    return [{ key: f.key, name: safeLine(f.name) || f.key, kind: prompt, integer: kind === 'integer', options: fieldOptions(f).map((o) => ({ value: o.id, label: safeLine(o.label) })) }];
  });
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** An id from a number, a numeric string or a reference object ({value} in v1, {id} elsewhere). */
function asRefId(v: unknown): number | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { value?: unknown; id?: unknown };
    return asRefId(o.value ?? o.id);
  }
  const n = asNumber(v);
  return n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * A custom field's current value from a record: today's API nests it in `custom_fields` (option
 * ids, arrays, {value, currency}); the v1 record has it top level (a set as "1,2", money as a
 * number beside `<key>_currency`, references as {name, value}).
 */
export function customValueOf(org: Organization, spec: CustomFieldSpec): CustomValue {
  const rec = org as unknown as Record<string, unknown>;
  const nested = rec.custom_fields && typeof rec.custom_fields === 'object' ? (rec.custom_fields as Record<string, unknown>)[spec.key] : undefined;
  const raw = nested !== undefined && nested !== null ? nested : rec[spec.key];
  if (raw === undefined || raw === null || raw === '') return null;
  switch (spec.kind) {
    case 'text':
    case 'largeText':
      return typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null;
    case 'date':
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : null;
    case 'number':
      return asNumber(raw) ?? null;
    case 'monetary': {
      if (typeof raw === 'object' && !Array.isArray(raw)) {
        const m = raw as { value?: unknown; currency?: unknown };
        const value = asNumber(m.value);
        return value === undefined ? null : { value, currency: typeof m.currency === 'string' ? m.currency : '' };
      }
      const value = asNumber(raw);
      const currency = rec[`${spec.key}_currency`];
      return value === undefined ? null : { value, currency: typeof currency === 'string' ? currency : '' };
    }
    case 'options': {
      const list = Array.isArray(raw) ? raw : String(raw).split(',');
      const ids = list.map((v) => asRefId(v)).filter((v): v is number => v !== undefined);
      return ids.length ? ids : null;
    }
    default:
      return asRefId(raw) ?? null;
  }
}

/** The name a v1 record gives a person or organization reference ({name, value}), if any. */
export function customRefName(org: Organization, spec: CustomFieldSpec): string | undefined {
  const raw = (org as unknown as Record<string, unknown>)[spec.key];
  const name = raw && typeof raw === 'object' ? (raw as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name ? safeLine(name) : undefined;
}

/** A value as the prompts show it: option labels, amount and currency, user names. */
export function customValueText(spec: CustomFieldSpec, value: CustomValue, userName: (id: number) => string | undefined = () => undefined): string {
  if (value === null) return t('empty');
  const option = (id: number) => spec.options.find((o) => o.value === id)?.label ?? t('option {0}', id);
  switch (spec.kind) {
    case 'option':
      return option(value as number);
    case 'options':
      return (value as number[]).map(option).join(', ');
    case 'monetary': {
      const m = value as Money;
      return `${m.value} ${m.currency}`.trim();
    }
    case 'user':
      return userName(value as number) ?? t('user {0}', String(value));
    case 'person':
      return t('person {0}', String(value));
    case 'organization':
      return t('organization {0}', String(value));
    default:
      return safeLine(String(value));
  }
}

/** The address of a record as the input writes it (null: none); its parts where the record has them. */
export function addressOf(org: Organization): AddressInput | null {
  const rec = org as unknown as Record<string, unknown>;
  const value = typeof rec.address === 'string' ? rec.address : '';
  if (!value.trim()) return null;
  const out: AddressInput = { value };
  for (const part of ADDRESS_PARTS) {
    if (part === 'value') continue;
    const v = rec[`address_${part}`];
    if (typeof v === 'string' && v !== '') out[part] = v;
  }
  return out;
}

/** The address and the given custom fields of a record, to add to valuesOf() for an edit of them. */
export function extraValuesOf(org: Organization, specs: readonly CustomFieldSpec[]): Pick<OrganizationValues, 'address' | 'custom'> {
  return { address: addressOf(org), custom: Object.fromEntries(specs.map((s) => [s.key, customValueOf(org, s)])) };
}

/** Names of the address parts, in the order a person reads an address. */
export const addressPartNames = (): ReadonlyArray<[Exclude<keyof AddressInput, 'value'>, string]> => [
  ['street_number', t('House number')],
  ['route', t('Street')],
  ['subpremise', t('Apartment or suite')],
  ['sublocality', t('District')],
  ['locality', t('City')],
  ['postal_code', t('Postal code')],
  ['admin_area_level_2', t('County or region')],
  ['admin_area_level_1', t('State or province')],
  ['country', t('Country')],
];

function sameAddress(a: AddressInput | null, b: AddressInput | null): boolean {
  return sameValue(a, b);
}

/** Deep equality of plain values (numbers, text, arrays as sets of ids, objects by their keys). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && sameSet(a as number[], b as number[]);
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)].filter((k) => x[k] !== undefined || y[k] !== undefined));
  return [...keys].every((k) => sameValue(x[k] ?? null, y[k] ?? null));
}

/** A number as Pipedrive takes it; empty is null (clears). */
export function parseNumberInput(text: string, integer = false): { value?: number | null; problem?: string } {
  const compact = text.trim().replace(/\s/g, '');
  if (compact === '') return { value: null };
  const n = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(compact) ? Number(compact) : NaN;
  if (!Number.isFinite(n)) return { problem: integer ? t('Enter a number, e.g. 42, or leave it empty to clear the field.') : t('Enter a number with a dot for decimals, e.g. 1250.50, or leave it empty to clear the field.') };
  if (integer && !Number.isSafeInteger(n)) return { problem: t('Enter a whole number, e.g. 42, or leave it empty to clear the field.') };
  return { value: n };
}

/** `YYYY-MM-DD`, a real calendar date; empty clears. */
export function dateProblem(text: string): string | undefined {
  const v = text.trim();
  if (!v) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return t('Use the form YYYY-MM-DD, e.g. 2025-03-31, or leave it empty to clear the field.');
  return isCalendarDate(v) ? undefined : t('{0} is not a real date.', v);
}

/** Pipedrive keeps a text field to 255 characters, a large text field to 65,535. */
export function textProblem(text: string, large: boolean): string | undefined {
  const max = large ? 65_535 : 255;
  const n = [...text.trim()].length;
  return n > max ? t('At most {0} characters (this is {1}).', formatNumber(max), formatNumber(n)) : undefined;
}

/** A currency is a three-letter ISO 4217 code, as Pipedrive's currencies are. */
export function currencyProblem(text: string): string | undefined {
  return /^[A-Za-z]{3}$/.test(text.trim()) ? undefined : t('Enter a three-letter currency code, e.g. EUR or USD.');
}
