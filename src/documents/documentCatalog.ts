// What an organization document needs to know about the account (no vscode): the users (owner
// and user fields are written by name), the label and visibility options, and every custom field
// with the name it goes under in the document. Built from GET /v1/organizationFields and /v1/users.
import type { OrganizationField, User } from '../api';
import { labelChoices, visibilityChoices, type Choice } from '../commands/editValues';
import { activeCustomFields, customFieldKind, fieldOptions, isCustomFieldKey, type CustomFieldKind } from '../model/customFields';

/** How a custom field's value is written in the document. */
export type CustomKind = 'text' | 'number' | 'integer' | 'monetary' | 'date' | 'time' | 'enum' | 'set' | 'user' | 'person' | 'org' | 'address' | 'raw';

export interface OptionChoice {
  id: number;
  label: string;
}

export interface CustomFieldSpec {
  /** The 40-character field key the API uses. */
  readonly key: string;
  /** The property name in the document: the field's name, made unique when two fields share one. */
  readonly name: string;
  readonly fieldType: string;
  readonly kind: CustomKind;
  readonly options: readonly OptionChoice[];
}

export interface UserChoice {
  readonly id: number;
  /** The user's name, or "name <email>" when two users share a name. */
  readonly label: string;
  readonly active: boolean;
}

export interface DocumentCatalog {
  readonly users: readonly UserChoice[];
  readonly labels: readonly Choice<number>[];
  readonly visibility: readonly Choice<number>[];
  readonly custom: readonly CustomFieldSpec[];
}

/** How the document writes each kind of the shared model (model/customFields). */
const DOCUMENT_KIND: Readonly<Record<CustomFieldKind, CustomKind>> = {
  text: 'text',
  largeText: 'text',
  number: 'number',
  integer: 'integer',
  monetary: 'monetary',
  date: 'date',
  time: 'time',
  option: 'enum',
  options: 'set',
  user: 'user',
  person: 'person',
  organization: 'org',
  address: 'address',
  unknown: 'raw',
};

export { isCustomFieldKey };

export function buildCatalog(fields: readonly OrganizationField[], users: Iterable<User>): DocumentCatalog {
  return {
    users: userChoices([...users]),
    labels: labelChoices(fields),
    visibility: visibilityChoices(fields),
    custom: customFields(fields),
  };
}

function userChoices(users: readonly User[]): UserChoice[] {
  const count = new Map<string, number>();
  for (const u of users) count.set(u.name, (count.get(u.name) ?? 0) + 1);
  return users
    .filter((u) => Number.isSafeInteger(u.id) && u.id > 0 && typeof u.name === 'string')
    .map((u) => ({ id: u.id, label: (count.get(u.name) ?? 0) > 1 ? `${u.name} <${u.email}>` : u.name, active: u.active_flag !== false }));
}

function customFields(fields: readonly OrganizationField[]): CustomFieldSpec[] {
  const custom = activeCustomFields(fields);
  const count = new Map<string, number>();
  for (const f of custom) count.set(f.name, (count.get(f.name) ?? 0) + 1);
  return custom.map((f) => ({
    key: f.key,
    // Two fields of one name would collide as properties: the key's start tells them apart.
    name: (count.get(f.name) ?? 0) > 1 ? `${f.name} (${f.key.slice(0, 8)})` : String(f.name ?? f.key),
    fieldType: f.field_type,
    kind: DOCUMENT_KIND[customFieldKind(f.field_type)],
    options: fieldOptions(f),
  }));
}
