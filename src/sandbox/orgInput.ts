// Request bodies for org writes, v1 and v2, validated into one internal patch. Fields that are
// absent stay undefined so an update changes only what was sent.
import { CUSTOM_FIELDS, LABELS, customField, userById } from './company';
import { OrgPatch } from './db';
import { badRequest } from './envelope';
import { Address, Visibility } from './model';
import { parseTime } from './time';

type Body = Record<string, unknown>;

export function asBody(body: unknown): Body {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Request body must be a JSON object');
  return body as Body;
}

function name(v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '') throw badRequest('Name must be given and cannot be empty');
  return v;
}

function owner(v: unknown): number {
  if (!Number.isInteger(v) || !userById(v as number)) throw badRequest(`Invalid owner_id: user ${String(v)} not found`);
  return v as number;
}

function visibility(v: unknown): Visibility {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (n !== 1 && n !== 3 && n !== 5 && n !== 7) throw badRequest('Invalid visible_to: must be one of 1, 3, 5, 7');
  return n;
}

function labels(v: unknown): number[] {
  if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x))) throw badRequest('label_ids must be an array of integers');
  for (const id of v) if (!LABELS.some((l) => l.id === id)) throw badRequest(`Invalid label id ${id}`);
  return [...new Set(v as number[])];
}

function optInt(v: unknown, field: string): number | null {
  if (v === null) return null;
  if (!Number.isInteger(v)) throw badRequest(`${field} must be an integer`);
  return v as number;
}

function optStr(v: unknown, field: string): string | null {
  if (v === null) return null;
  if (typeof v !== 'string') throw badRequest(`${field} must be a string`);
  return v;
}

function addTime(v: unknown): number {
  const t = typeof v === 'string' ? parseTime(v) : NaN;
  if (Number.isNaN(t)) throw badRequest('Invalid add_time');
  return t;
}

export function addressFromText(v: unknown): Address | null {
  if (v === null || v === '') return null;
  if (typeof v !== 'string') throw badRequest('address must be a string');
  return { value: v, country: '', admin_area_level_1: '', admin_area_level_2: '', locality: '', sublocality: '',
    route: '', street_number: '', subpremise: '', postal_code: '' };
}

function addressFromObject(v: unknown): Address | null {
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw badRequest('address must be an object');
  const a = v as Record<string, unknown>;
  const out = addressFromText(typeof a.value === 'string' ? a.value : '') ?? addressFromText(' ')!;
  for (const k of Object.keys(out) as (keyof Address)[]) if (typeof a[k] === 'string') out[k] = a[k] as string;
  return out;
}

/** Validates one custom field value given in v2 form (option ids, {value,currency}, "YYYY-MM-DD"). */
function customValue(key: string, v: unknown): unknown {
  const f = customField(key);
  if (!f) throw badRequest(`Unknown custom field ${key}`);
  if (v === null) return null;
  const optionIds = (f.options ?? []).map((o) => o.id);
  switch (f.type) {
    case 'enum':
      if (!optionIds.includes(Number(v))) throw badRequest(`Invalid option for ${f.name}`);
      return Number(v);
    case 'set': {
      const ids = Array.isArray(v) ? v.map(Number) : String(v).split(',').map(Number);
      if (!ids.every((id) => optionIds.includes(id))) throw badRequest(`Invalid option for ${f.name}`);
      return ids;
    }
    case 'monetary':
      if (typeof v === 'number') return { value: v, currency: 'EUR' };
      if (typeof v === 'object' && typeof (v as { value: unknown }).value === 'number') return v;
      throw badRequest(`Invalid monetary value for ${f.name}`);
    case 'date':
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw badRequest(`Invalid date for ${f.name}`);
      return v;
    default:
      if (typeof v !== 'string') throw badRequest(`${f.name} must be a string`);
      return v;
  }
}

function common(b: Body, p: OrgPatch, creating: boolean): void {
  if (creating || b.name !== undefined) p.name = name(b.name);
  if (b.owner_id !== undefined) p.ownerId = owner(b.owner_id);
  if (b.visible_to !== undefined) p.visibleTo = visibility(b.visible_to);
  if (b.label_ids !== undefined) p.labelIds = labels(b.label_ids);
  if (creating && b.add_time !== undefined) p.addTime = addTime(b.add_time);
}

/** v1 body: flat, `label` alongside `label_ids`, address as text, custom fields by key at top level. */
export function v1OrgPatch(body: unknown, creating: boolean): OrgPatch {
  const b = asBody(body);
  const p: OrgPatch = {};
  common(b, p, creating);
  if (b.label !== undefined) p.labelIds = b.label === null ? [] : labels([b.label]);
  if (b.address !== undefined) p.address = addressFromText(b.address);
  const custom: Record<string, unknown> = {};
  for (const f of CUSTOM_FIELDS) {
    if (b[f.key] === undefined) continue;
    const v = f.type === 'monetary' && typeof b[f.key] === 'number'
      ? { value: b[f.key], currency: typeof b[`${f.key}_currency`] === 'string' ? b[`${f.key}_currency`] : 'EUR' }
      : b[f.key];
    custom[f.key] = customValue(f.key, v);
  }
  if (Object.keys(custom).length) p.custom = custom;
  return p;
}

/** v2 body: typed fields, address as an object, custom fields under `custom_fields`. */
export function v2OrgPatch(body: unknown, creating: boolean): OrgPatch {
  const b = asBody(body);
  const p: OrgPatch = {};
  common(b, p, creating);
  if (b.address !== undefined) p.address = addressFromObject(b.address);
  if (b.website !== undefined) p.website = optStr(b.website, 'website');
  if (b.linkedin !== undefined) p.linkedin = optStr(b.linkedin, 'linkedin');
  if (b.industry !== undefined) p.industry = optInt(b.industry, 'industry');
  if (b.annual_revenue !== undefined) p.annualRevenue = optInt(b.annual_revenue, 'annual_revenue');
  if (b.employee_count !== undefined) p.employeeCount = optInt(b.employee_count, 'employee_count');
  if (b.custom_fields !== undefined) {
    if (typeof b.custom_fields !== 'object' || b.custom_fields === null) throw badRequest('custom_fields must be an object');
    p.custom = {};
    for (const [k, v] of Object.entries(b.custom_fields)) p.custom[k] = customValue(k, v);
  }
  return p;
}
