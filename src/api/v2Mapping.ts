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

// Maps v2 records into the v1 shapes the client's methods return, so callers see one type in both
// modes. What v2 does not send stays undefined (the record types mark those fields "v1 only").

export type UserLookup = (id: number) => User | undefined;

/** `2021-01-01T10:20:30Z` (v2) → `2021-01-01 10:20:30` (v1, UTC). Other text passes through. */
export function toV1DateTime(value: string | null | undefined): string {
  if (!value) return value ?? '';
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
export function firstCharOf(name: string): string {
  const first = [...name.trimStart()][0] ?? '';
  return first.toLowerCase();
}

export function userRef(id: number | null | undefined, users: UserLookup): UserRef | null {
  if (id === null || id === undefined) return null;
  const u = users(id);
  if (!u) return { id, value: id };
  return {
    id,
    value: id,
    name: u.name,
    email: u.email,
    has_pic: u.has_pic,
    pic_hash: u.pic_hash ?? null,
    active_flag: u.active_flag,
  };
}

function addressFields(org: OrganizationV2) {
  const a = org.address ?? null;
  return {
    address: a?.value ?? null,
    address_subpremise: a?.subpremise ?? null,
    address_street_number: a?.street_number ?? null,
    address_route: a?.route ?? null,
    address_sublocality: a?.sublocality ?? null,
    address_locality: a?.locality ?? null,
    address_admin_area_level_1: a?.admin_area_level_1 ?? null,
    address_admin_area_level_2: a?.admin_area_level_2 ?? null,
    address_country: a?.country ?? null,
    address_postal_code: a?.postal_code ?? null,
    address_formatted_address: a?.value ?? null,
  };
}

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
export function organizationFromV2(org: OrganizationV2, users: UserLookup): Organization {
  const owner = userRef(org.owner_id, users);
  const out: Organization = {
    id: org.id,
    name: org.name,
    owner_id: owner ?? { id: 0, value: 0 },
    owner_name: owner?.name,
    active_flag: !org.is_deleted,
    first_char: firstCharOf(org.name ?? ''),
    add_time: toV1DateTime(org.add_time),
    update_time: toV1DateTime(org.update_time),
    visible_to: String(org.visible_to),
    label: org.label_ids?.[0] ?? null,
    label_ids: org.label_ids ?? [],
    ...addressFields(org),
    website: org.website,
    linkedin: org.linkedin,
    industry: org.industry,
    annual_revenue: org.annual_revenue,
    employee_count: org.employee_count,
    custom_fields: org.custom_fields ?? {},
  };
  for (const f of V2_COUNT_FIELDS) if (typeof org[f] === 'number') (out as Record<string, unknown>)[f] = org[f];
  // v1 lists custom fields as top-level keys; keep that so callers reading either way work.
  for (const [k, v] of Object.entries(org.custom_fields ?? {})) if (!(k in out)) out[k] = v;
  return out;
}

/** v2 organization → the collection record (cc_email is v1 only; delete_time is null unless deleted). */
export function collectionOrganizationFromV2(org: OrganizationV2): CollectionOrganization {
  return {
    id: org.id,
    active_flag: !org.is_deleted,
    owner_id: org.owner_id,
    name: org.name,
    update_time: toV1DateTime(org.update_time),
    delete_time: org.is_deleted ? toV1DateTime(org.update_time) : null,
    add_time: toV1DateTime(org.add_time),
    visible_to: String(org.visible_to),
    label: org.label_ids?.[0] ?? null,
    label_ids: org.label_ids ?? [],
    ...addressFields(org),
  };
}

/**
 * v2 deal → v1 Deal. v2 gives ids where v1 embeds objects: user/creator refs are completed from
 * the users list, person_id and org_id carry `value` only (plus the org's name when known).
 * Counters, formatted values, next-activity text and stage order are v1 only.
 */
export function dealFromV2(d: DealV2, users: UserLookup, orgName?: string): Deal {
  return {
    ...customTopLevel(d.custom_fields),
    id: d.id,
    title: d.title,
    creator_user_id: userRef(d.creator_user_id, users),
    user_id: userRef(d.owner_id, users),
    owner_name: d.owner_id != null ? users(d.owner_id)?.name : undefined,
    person_id: d.person_id != null ? { value: d.person_id } : null,
    org_id: d.org_id != null ? { value: d.org_id, name: orgName } : null,
    org_name: orgName,
    stage_id: d.stage_id,
    pipeline_id: d.pipeline_id,
    value: d.value,
    currency: d.currency,
    add_time: toV1DateTime(d.add_time),
    update_time: toV1DateTime(d.update_time),
    stage_change_time: d.stage_change_time ? toV1DateTime(d.stage_change_time) : null,
    status: d.status,
    active: d.status === 'open' && !d.is_deleted,
    deleted: d.is_deleted,
    is_archived: d.is_archived,
    probability: d.probability ?? null,
    lost_reason: d.lost_reason ?? null,
    visible_to: String(d.visible_to),
    close_time: d.close_time ? toV1DateTime(d.close_time) : null,
    won_time: d.won_time ? toV1DateTime(d.won_time) : null,
    lost_time: d.lost_time ? toV1DateTime(d.lost_time) : null,
    expected_close_date: d.expected_close_date ?? null,
    label_ids: d.label_ids,
  };
}

/** v2 person → v1 Person (emails/phones become email/phone; first_char, counters, picture are v1 only). */
export function personFromV2(p: PersonV2, users: UserLookup, orgName?: string): Person {
  return {
    ...customTopLevel(p.custom_fields),
    id: p.id,
    name: p.name,
    first_name: p.first_name ?? null,
    last_name: p.last_name ?? null,
    active_flag: !p.is_deleted,
    phone: p.phones ?? [],
    email: p.emails ?? [],
    owner_id: userRef(p.owner_id, users),
    owner_name: p.owner_id != null ? users(p.owner_id)?.name : undefined,
    org_id: p.org_id != null ? { value: p.org_id, name: orgName } : null,
    org_name: orgName,
    add_time: toV1DateTime(p.add_time),
    update_time: toV1DateTime(p.update_time),
    visible_to: String(p.visible_to),
    label: p.label_ids?.[0] ?? null,
    label_ids: p.label_ids ?? [],
  };
}

/** v2 activity → v1 Activity (owner_id becomes user_id, busy becomes busy_flag, location flattens). */
export function activityFromV2(a: ActivityV2, users: UserLookup, orgName?: string): Activity {
  const loc = a.location ?? null;
  return {
    id: a.id,
    subject: a.subject,
    type: a.type,
    done: a.done,
    due_date: a.due_date ?? null,
    due_time: a.due_time ?? null,
    duration: a.duration ?? null,
    user_id: a.owner_id ?? null,
    assigned_to_user_id: a.owner_id ?? undefined,
    owner_name: a.owner_id != null ? users(a.owner_id)?.name : undefined,
    created_by_user_id: a.creator_user_id ?? undefined,
    deal_id: a.deal_id ?? null,
    lead_id: a.lead_id ?? null,
    person_id: a.person_id ?? null,
    org_id: a.org_id ?? null,
    org_name: orgName,
    project_id: a.project_id ?? null,
    location: loc?.value ?? null,
    location_subpremise: loc?.subpremise ?? null,
    location_street_number: loc?.street_number ?? null,
    location_route: loc?.route ?? null,
    location_sublocality: loc?.sublocality ?? null,
    location_locality: loc?.locality ?? null,
    location_admin_area_level_1: loc?.admin_area_level_1 ?? null,
    location_admin_area_level_2: loc?.admin_area_level_2 ?? null,
    location_country: loc?.country ?? null,
    location_postal_code: loc?.postal_code ?? null,
    location_formatted_address: loc?.value ?? null,
    public_description: a.public_description ?? null,
    note: a.note ?? null,
    busy_flag: a.busy ?? null,
    participants: a.participants?.map((p) => ({ person_id: p.person_id, primary_flag: p.primary })) ?? null,
    attendees: a.attendees ?? null,
    active_flag: !a.is_deleted,
    add_time: toV1DateTime(a.add_time),
    update_time: toV1DateTime(a.update_time),
    marked_as_done_time: a.marked_as_done_time ? toV1DateTime(a.marked_as_done_time) : null,
  };
}

function customTopLevel(custom: Record<string, unknown> | undefined): Record<string, unknown> {
  return custom ? { ...custom } : {};
}

/** v1 add input → v2 POST body: label folds into label_ids, times become RFC 3339, custom fields nest. */
export function addInputToV2(input: AddOrganizationInput): Record<string, unknown> {
  const body: Record<string, unknown> = { name: input.name };
  if (input.owner_id !== undefined) body.owner_id = input.owner_id;
  if (input.add_time !== undefined) body.add_time = toRfc3339(input.add_time);
  if (input.visible_to !== undefined) body.visible_to = Number(input.visible_to);
  const labels = labelIds(input);
  if (labels) body.label_ids = labels;
  if (input.custom_fields && Object.keys(input.custom_fields).length) body.custom_fields = input.custom_fields;
  return body;
}

/** v1 update input → v2 PATCH body. */
export function updateInputToV2(input: UpdateOrganizationInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.owner_id !== undefined) body.owner_id = input.owner_id;
  if (input.visible_to !== undefined) body.visible_to = Number(input.visible_to);
  const labels = labelIds(input);
  if (labels) body.label_ids = labels;
  if (input.custom_fields && Object.keys(input.custom_fields).length) body.custom_fields = input.custom_fields;
  return body;
}

/** v1: "When the label field is updated, the label_ids field value will be overwritten by the label field value." */
function labelIds(input: { label?: number; label_ids?: number[] }): number[] | undefined {
  if (input.label !== undefined) return [input.label];
  return input.label_ids;
}

/** v1 add/update input → v1 body: custom field values go top level as v1 expects. */
export function inputToV1(input: AddOrganizationInput | UpdateOrganizationInput): Record<string, unknown> {
  const { custom_fields, ...rest } = input;
  const body: Record<string, unknown> = { ...(custom_fields ?? {}) };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) body[k] = k === 'visible_to' ? String(v) : v;
  return body;
}
