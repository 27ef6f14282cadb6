// Account-wide reference data: users, labels, organization fields and saved filters.
// Fixed (not seeded) so tests can name them.
import { createHash } from 'node:crypto';
import { User } from './model';

export const COMPANY = { id: 7001, name: 'Sandbox Co', domain: 'sandbox-co' };

export const USERS: readonly User[] = [
  { id: 1, name: 'Ada Admin', email: 'ada@sandbox-co.example', isAdmin: true, activeFlag: true },
  { id: 2, name: 'Rita Regular', email: 'rita@sandbox-co.example', isAdmin: false, activeFlag: true },
  { id: 3, name: 'Björn Åström', email: 'bjorn@sandbox-co.example', isAdmin: false, activeFlag: true },
  { id: 4, name: 'Chen Wei 陈伟', email: 'chen@sandbox-co.example', isAdmin: false, activeFlag: true },
  { id: 5, name: 'Dana Okafor', email: 'dana@sandbox-co.example', isAdmin: false, activeFlag: true },
  { id: 6, name: 'Élodie Martin', email: 'elodie@sandbox-co.example', isAdmin: false, activeFlag: true },
  { id: 7, name: 'Farid Haddad', email: 'farid@sandbox-co.example', isAdmin: false, activeFlag: true },
  { id: 8, name: 'Greta Nowak', email: 'greta@sandbox-co.example', isAdmin: false, activeFlag: true },
  { id: 9, name: 'Hiro Tanaka', email: 'hiro@sandbox-co.example', isAdmin: false, activeFlag: true },
  { id: 10, name: 'Ivan Petrov', email: 'ivan@sandbox-co.example', isAdmin: false, activeFlag: true },
  { id: 11, name: 'Jo Former', email: 'jo@sandbox-co.example', isAdmin: false, activeFlag: false },
  { id: 12, name: 'Kai Müller', email: 'kai@sandbox-co.example', isAdmin: true, activeFlag: true },
];

export function userById(id: number): User | undefined {
  return USERS.find((u) => u.id === id);
}

export const LABELS = [
  { id: 1, label: 'Customer', color: 'green' },
  { id: 2, label: 'Prospect', color: 'blue' },
  { id: 3, label: 'Partner', color: 'purple' },
  { id: 4, label: 'Hot lead', color: 'red' },
  { id: 5, label: 'Churned', color: 'gray' },
];

export type CustomFieldType = 'varchar' | 'text' | 'enum' | 'set' | 'monetary' | 'date';

export interface CustomField {
  key: string;
  name: string;
  type: CustomFieldType;
  options?: { id: number; label: string }[];
}

/** Pipedrive custom field keys are 40 hex characters; derive them so they never change. */
function fieldKey(name: string): string {
  return createHash('sha1').update('sandbox-field:' + name).digest('hex');
}

export const CUSTOM_FIELDS: readonly CustomField[] = [
  { key: fieldKey('Account code'), name: 'Account code', type: 'varchar' },
  { key: fieldKey('Background'), name: 'Background', type: 'text' },
  {
    key: fieldKey('Tier'), name: 'Tier', type: 'enum',
    options: [{ id: 101, label: 'Gold' }, { id: 102, label: 'Silver' }, { id: 103, label: 'Bronze' }],
  },
  {
    key: fieldKey('Regions'), name: 'Regions', type: 'set',
    options: [{ id: 201, label: 'EMEA' }, { id: 202, label: 'Americas' }, { id: 203, label: 'APAC' }],
  },
  { key: fieldKey('Contract value'), name: 'Contract value', type: 'monetary' },
  { key: fieldKey('Renewal date'), name: 'Renewal date', type: 'date' },
];

export function customField(key: string): CustomField | undefined {
  return CUSTOM_FIELDS.find((f) => f.key === key);
}

/** A saved filter's conditions in Pipedrive's nested glue form; the store evaluates them. */
export interface FilterCondition {
  object: 'organization';
  field_id: string;
  operator: '=' | '!=' | "LIKE '%$%'";
  value: string | number;
  extra_value: null;
}

export interface SavedFilter {
  id: number;
  name: string;
  userId: number;
  conditions: FilterCondition[];
}

export const FILTERS: readonly SavedFilter[] = [
  { id: 1, name: 'Owned by user 2', userId: 1, conditions: [cond('owner_id', '=', 2)] },
  { id: 2, name: 'Label: Customer', userId: 1, conditions: [cond('label', '=', 1)] },
  { id: 3, name: "Name contains 'Tech'", userId: 1, conditions: [cond('name', "LIKE '%$%'", 'Tech')] },
  {
    id: 4, name: "Customers owned by user 3", userId: 3,
    conditions: [cond('label', '=', 1), cond('owner_id', '=', 3)],
  },
];

function cond(field: string, operator: FilterCondition['operator'], value: string | number): FilterCondition {
  return { object: 'organization', field_id: field, operator, value, extra_value: null };
}

export const ACTIVITY_TYPES = ['call', 'meeting', 'task', 'deadline', 'email', 'lunch'] as const;

export const INDUSTRIES = [1, 2, 3, 4, 5, 6, 7, 8];

export const STAGES = [
  { id: 1, name: 'Qualified' }, { id: 2, name: 'Contact made' }, { id: 3, name: 'Proposal made' },
  { id: 4, name: 'Negotiations started' },
];
