import type { AddOrganizationInput, UpdateOrganizationInput } from './params';
import type {
  Activity,
  ActivityV2,
  CollectionOrganization,
  Deal,
  DealV2,
  Organization,
  OrganizationV2,
  Person,
  PersonV2,
  User,
  UserRef,
} from './records';
import { asArray, asBool, asId, asIds, asNumber, asOptText, asRecord, asText, mapRecords, type OnSkip } from './coerce';

// Maps v2 records into the v1 shapes the client's methods return, so callers see one type in both
// modes. What v2 does not send stays undefined (the record types mark those fields "v1 only").
// Every field is read through ./coerce: a wrong type in one field becomes "absent", never a throw.

export type UserLookup = (id: number) => User | undefined;

/** `2021-01-01T10:20:30Z` (v2) → `2021-01-01 10:20:30` (v1, UTC). Other text passes through. */
export function toV1DateTime(value: string | null | undefined): string {
  if (typeof value !== 'string' || !value) return '';
  const t = Date.parse(value);
  if (!/T/.test(value) || Number.isNaN(t)) return value;
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2022-11-01 08:55:59` or any ISO 8601 text → RFC 3339 (`2022-11-01T08:55:59Z`), v1 times being UTC. */
export function toRfc3339(value: string): string {
  const v = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/.exec(v);
  if (m) return `${m[1]}T${m[2] ? (m[2].length === 5 ? m[2] + ':00' : m[2]) : '00:00:00'}Z`;
  const t = Date.parse(v);
  return Number.isNaN(t) ? v : new Date(t).toISOString().replace('.000Z', 'Z');
}

/** Pipedrive's first_char: the first code point of the name, lower-cased. */
export function firstCharOf(name: unknown): string {
  const first = [...asText(name).trimStart()][0] ?? '';
  return first.toLowerCase();
}

export function userRef(rawId: unknown, users: UserLookup): UserRef | null {
  const id = asId(rawId);
  if (id === undefined) return null;
  const u = asRecord(users(id));
  if (!u) return { id, value: id };
  return {
    id,
    value: id,
    name: asText(u.name),
    email: asText(u.email),
    has_pic: asBool(u.has_pic) ?? false,
    pic_hash: asOptText(u.pic_hash) ?? null,
    active_flag: asBool(u.active_flag) ?? true,
  } as UserRef;
}

const ADDRESS_PARTS = ['subpremise', 'street_number', 'route', 'sublocality', 'locality', 'admin_area_level_1', 'admin_area_level_2', 'country', 'postal_code'] as const;

/** A v2 address object → v1's flat `<prefix>_<part>` fields (text or null). */
function flatAddress(value: unknown, prefix: 'address' | 'location'): Record<string, string | null> {
  const a = asRecord(value) ?? {};
  const out: Record<string, string | null> = { [prefix]: asOptText(a.value) ?? null };
  for (const part of ADDRESS_PARTS) out[`${prefix}_${part}`] = asOptText(a[part]) ?? null;
  out[`${prefix}_formatted_address`] = asOptText(a.value) ?? null;
  return out;
}

function addressFields(org: Record<string, unknown>) {
  return flatAddress(org.address, 'address') as unknown as Pick<Organization, 'address' | 'address_locality' | 'address_formatted_address'>;
}

/** v2 sends visible_to as a number; v1 as text. Anything else: absent. */
function visibleTo(v: unknown): string {
  return asText(v);
}

function customFields(v: unknown): Record<string, unknown> {
  return { ...(asRecord(v) ?? {}) };
}

/** The counters v2 sends only through include_fields: the ones the tree, the Details header and the JSON document show. */
export const ORGANIZATION_COUNTERS = [
  'people_count', 'open_deals_count', 'closed_deals_count', 'won_deals_count', 'lost_deals_count', 'activities_count',
  'done_activities_count', 'undone_activities_count', 'files_count', 'notes_count', 'followers_count', 'email_messages_count',
] as const;

const V2_COUNT_FIELDS = [
  'email_messages_count',
  'people_count',
  'activities_count',
  'done_activities_count',
  'undone_activities_count',
  'files_count',
  'notes_count',
  'followers_count',
  'open_deals_count',
  'related_open_deals_count',
  'closed_deals_count',
  'related_closed_deals_count',
  'won_deals_count',
  'related_won_deals_count',
  'lost_deals_count',
  'related_lost_deals_count',
  'next_activity_id',
  'last_activity_id',
] as const;

/**
 * v2 organization → v1 Organization. Not available through v2: company_id, picture_id,
 * country_code, cc_email, edit_name, next/last activity dates and, unless requested with
 * include_fields, the counters. owner_name comes from the users list when the owner is known.
 */
export function organizationFromV2(record: OrganizationV2, users: UserLookup): Organization {
  const org = (asRecord(record) ?? {}) as Record<string, unknown>;
  const owner = userRef(org.owner_id, users);
  const name = asText(org.name);
  const labels = asIds(org.label_ids);
  const custom = customFields(org.custom_fields);
  const out = {
    id: asId(org.id) ?? 0,
    name,
    owner_id: owner ?? { id: 0, value: 0 },
    owner_name: owner?.name,
    active_flag: asBool(org.is_deleted) !== true,
    first_char: firstCharOf(name),
    add_time: toV1DateTime(org.add_time as string),
    update_time: toV1DateTime(org.update_time as string),
    visible_to: visibleTo(org.visible_to),
    label: labels[0] ?? null,
    label_ids: labels,
    ...addressFields(org),
    website: asOptText(org.website) ?? null,
    linkedin: asOptText(org.linkedin) ?? null,
    industry: org.industry === null || org.industry === undefined ? org.industry : asNumber(org.industry) ?? asOptText(org.industry) ?? null,
    annual_revenue: asNumber(org.annual_revenue) ?? null,
    employee_count: asNumber(org.employee_count) ?? null,
    custom_fields: custom,
  } as unknown as Organization;
  for (const f of V2_COUNT_FIELDS) if (typeof org[f] === 'number' && Number.isFinite(org[f])) (out as Record<string, unknown>)[f] = org[f];
  // v1 lists custom fields as top-level keys; keep that so callers reading either way work.
  for (const [k, v] of Object.entries(custom)) if (!(k in out)) out[k] = v;
  return out;
}

/**
 * Maps a v2 list, leaving out (and reporting) records without a usable id: in v2 mode one bad
 * record must not cost the whole letter.
 */
export function mapV2List<T>(items: unknown, what: string, map: (record: never) => T, onSkip?: OnSkip): T[] {
  return mapRecords(items, what, (rec) => (asId(rec.id) === undefined ? undefined : map(rec as never)), onSkip);
}

/** v2 organization → the collection record (cc_email is v1 only; delete_time is null unless deleted). */
export function collectionOrganizationFromV2(record: OrganizationV2): CollectionOrganization {
  const org = (asRecord(record) ?? {}) as Record<string, unknown>;
  const deleted = asBool(org.is_deleted) === true;
  const labels = asIds(org.label_ids);
  return {
    id: asId(org.id) ?? 0,
    active_flag: !deleted,
    owner_id: asId(org.owner_id) ?? 0,
    name: asText(org.name),
    update_time: toV1DateTime(org.update_time as string),
    delete_time: deleted ? toV1DateTime(org.update_time as string) : null,
    add_time: toV1DateTime(org.add_time as string),
    visible_to: visibleTo(org.visible_to),
    label: labels[0] ?? null,
    label_ids: labels,
    ...addressFields(org),
  } as unknown as CollectionOrganization;
}

/**
 * v2 deal → v1 Deal. v2 gives ids where v1 embeds objects: user/creator refs are completed from
 * the users list, person_id and org_id carry `value` only (plus the org's name when known).
 * Counters, formatted values, next-activity text and stage order are v1 only.
 */
export function dealFromV2(record: DealV2, users: UserLookup, orgName?: string): Deal {
  const d = (asRecord(record) ?? {}) as Record<string, unknown>;
  const ownerId = asId(d.owner_id);
  const personId = asId(d.person_id);
  const orgId = asId(d.org_id);
  const status = asText(d.status);
  const deleted = asBool(d.is_deleted) === true;
  return {
    ...customFields(d.custom_fields),
    id: asId(d.id) ?? 0,
    title: asText(d.title),
    creator_user_id: userRef(d.creator_user_id, users),
    user_id: userRef(ownerId, users),
    owner_name: ownerId !== undefined ? asOptText(users(ownerId)?.name) : undefined,
    person_id: personId !== undefined ? { value: personId } : null,
    org_id: orgId !== undefined ? { value: orgId, name: orgName } : null,
    org_name: orgName,
    stage_id: asId(d.stage_id) ?? null,
    pipeline_id: asId(d.pipeline_id) ?? null,
    value: asNumber(d.value) ?? 0,
    currency: asText(d.currency),
    add_time: toV1DateTime(d.add_time as string),
    update_time: toV1DateTime(d.update_time as string),
    stage_change_time: optTime(d.stage_change_time),
    status,
    active: status === 'open' && !deleted,
    deleted,
    is_archived: asBool(d.is_archived) ?? false,
    probability: asNumber(d.probability) ?? null,
    lost_reason: asOptText(d.lost_reason) ?? null,
    visible_to: visibleTo(d.visible_to),
    close_time: optTime(d.close_time),
    won_time: optTime(d.won_time),
    lost_time: optTime(d.lost_time),
    expected_close_date: asOptText(d.expected_close_date) ?? null,
    label_ids: asIds(d.label_ids),
  } as unknown as Deal;
}

function optTime(v: unknown): string | null {
  return typeof v === 'string' && v ? toV1DateTime(v) : null;
}

/** v2 person → v1 Person (emails/phones become email/phone; first_char, counters, picture are v1 only). */
export function personFromV2(record: PersonV2, users: UserLookup, orgName?: string): Person {
  const p = (asRecord(record) ?? {}) as Record<string, unknown>;
  const ownerId = asId(p.owner_id);
  const orgId = asId(p.org_id);
  const labels = asIds(p.label_ids);
  const contacts = (v: unknown) => asArray(v).filter((c) => asRecord(c) !== undefined);
  return {
    ...customFields(p.custom_fields),
    id: asId(p.id) ?? 0,
    name: asText(p.name),
    first_name: asOptText(p.first_name) ?? null,
    last_name: asOptText(p.last_name) ?? null,
    active_flag: asBool(p.is_deleted) !== true,
    phone: contacts(p.phones),
    email: contacts(p.emails),
    owner_id: userRef(ownerId, users),
    owner_name: ownerId !== undefined ? asOptText(users(ownerId)?.name) : undefined,
    org_id: orgId !== undefined ? { value: orgId, name: orgName } : null,
    org_name: orgName,
    add_time: toV1DateTime(p.add_time as string),
    update_time: toV1DateTime(p.update_time as string),
    visible_to: visibleTo(p.visible_to),
    label: labels[0] ?? null,
    label_ids: labels,
  } as unknown as Person;
}

/** v2 activity → v1 Activity (owner_id becomes user_id, busy becomes busy_flag, location flattens). */
export function activityFromV2(record: ActivityV2, users: UserLookup, orgName?: string): Activity {
  const a = (asRecord(record) ?? {}) as Record<string, unknown>;
  const ownerId = asId(a.owner_id);
  const participants = Array.isArray(a.participants)
    ? a.participants.map(asRecord).filter((x): x is Record<string, unknown> => x !== undefined).map((x) => ({ person_id: asId(x.person_id) ?? 0, primary_flag: asBool(x.primary) ?? false }))
    : null;
  return {
    id: asId(a.id) ?? 0,
    subject: asText(a.subject),
    type: asText(a.type),
    done: asBool(a.done) ?? false,
    due_date: asOptText(a.due_date) ?? null,
    due_time: asOptText(a.due_time) ?? null,
    duration: asOptText(a.duration) ?? null,
    user_id: ownerId ?? null,
    assigned_to_user_id: ownerId,
    owner_name: ownerId !== undefined ? asOptText(users(ownerId)?.name) : undefined,
    created_by_user_id: asId(a.creator_user_id),
    deal_id: asId(a.deal_id) ?? null,
    lead_id: asOptText(a.lead_id) ?? null,
    person_id: asId(a.person_id) ?? null,
    org_id: asId(a.org_id) ?? null,
    org_name: orgName,
    project_id: asId(a.project_id) ?? null,
    ...flatAddress(a.location, 'location'),
    public_description: asOptText(a.public_description) ?? null,
    note: asOptText(a.note) ?? null,
    busy_flag: asBool(a.busy) ?? null,
    participants,
    attendees: Array.isArray(a.attendees) ? a.attendees.filter((x) => asRecord(x) !== undefined) : null,
    active_flag: asBool(a.is_deleted) !== true,
    add_time: toV1DateTime(a.add_time as string),
    update_time: toV1DateTime(a.update_time as string),
    marked_as_done_time: optTime(a.marked_as_done_time),
  } as unknown as Activity;
}

/** v1 add input → v2 POST body: label folds into label_ids, times become RFC 3339, custom fields nest. */
export function addInputToV2(input: AddOrganizationInput): Record<string, unknown> {
  const body = updateInputToV2(input);
  if (input.add_time !== undefined) body.add_time = toRfc3339(input.add_time);
  return body;
}

/** v1 update input → v2 PATCH body (only the fields given). */
export function updateInputToV2(input: UpdateOrganizationInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.owner_id !== undefined) body.owner_id = input.owner_id;
  if (input.visible_to !== undefined) body.visible_to = Number(input.visible_to);
  const labels = labelIds(input);
  if (labels) body.label_ids = labels;
  if (input.address !== undefined) body.address = input.address;
  if (input.custom_fields && Object.keys(input.custom_fields).length) body.custom_fields = input.custom_fields;
  return body;
}

/** v1: "When the label field is updated, the label_ids field value will be overwritten by the label field value." */
function labelIds(input: { label?: number; label_ids?: number[] }): number[] | undefined {
  if (input.label !== undefined) return [input.label];
  return input.label_ids;
}

function isMoney(v: unknown): v is { value: number; currency: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { value?: unknown }).value === 'number' && typeof (v as { currency?: unknown }).currency === 'string';
}

/** v1 add/update input → v1 body: custom field values go top level as v1 expects. */
export function inputToV1(input: AddOrganizationInput | UpdateOrganizationInput): Record<string, unknown> {
  const { custom_fields, address, ...rest } = input;
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(custom_fields ?? {})) {
    // v1 takes money as the amount under the key and its currency under `<key>_currency`.
    if (isMoney(value)) {
      body[key] = value.value;
      body[`${key}_currency`] = value.currency;
    } else {
      body[key] = value;
    }
  }
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) body[k] = k === 'visible_to' ? String(v) : v;
  // v1 knows the address only as one line of text; Pipedrive geocodes the parts from it.
  if (address !== undefined) body.address = address === null ? '' : address.value;
  return body;
}
