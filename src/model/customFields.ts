// One model of the account's custom organization fields, shared by Edit's prompts
// (commands/editValues.ts), the JSON document (documents/documentCatalog.ts), export columns and the
// Details panel: which fields are custom, and what kind of value each holds. Each consumer maps
// these kinds to how it asks for or writes a value; none keeps a type table of its own. No vscode.
import type { OrganizationField } from '../api';

/** What a custom field holds, from Pipedrive's field_type. */
export type CustomFieldKind =
  | 'text'
  | 'largeText'
  | 'number'
  | 'integer'
  | 'monetary'
  | 'date'
  | 'time'
  | 'option'
  | 'options'
  | 'user'
  | 'person'
  | 'organization'
  | 'address'
  /** A type this extension does not know: shown and kept as Pipedrive sends it. */
  | 'unknown';

const KIND_OF_TYPE: Readonly<Record<string, CustomFieldKind>> = {
  varchar: 'text',
  varchar_auto: 'text',
  varchar_options: 'text',
  phone: 'text',
  text: 'largeText',
  double: 'number',
  int: 'integer',
  monetary: 'monetary',
  date: 'date',
  time: 'time',
  enum: 'option',
  set: 'options',
  user: 'user',
  people: 'person',
  person: 'person',
  org: 'organization',
  address: 'address',
};

/** Custom field keys are 40 hex characters; the standard fields have names as keys. */
const CUSTOM_KEY = /^[0-9a-f]{40}$/;

export function isCustomFieldKey(key: unknown): key is string {
  return typeof key === 'string' && CUSTOM_KEY.test(key);
}

export function customFieldKind(fieldType: string): CustomFieldKind {
  return KIND_OF_TYPE[fieldType] ?? 'unknown';
}

/** The account's custom fields that are in use (deactivated ones are left out), in Pipedrive's order. */
export function activeCustomFields(fields: readonly OrganizationField[]): OrganizationField[] {
  return fields.filter((f) => isCustomFieldKey(f.key) && f.active_flag !== false);
}

/** A single or multiple option field's choices; options without a numeric id are left out. */
export function fieldOptions(field: OrganizationField): { id: number; label: string }[] {
  return (field.options ?? []).map((o) => ({ id: Number(o.id), label: String(o.label) })).filter((o) => Number.isSafeInteger(o.id));
}
