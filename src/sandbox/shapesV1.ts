// Internal records → Pipedrive v1 JSON (times "YYYY-MM-DD HH:MM:SS", visible_to as a string,
// owners as nested user objects, custom fields flattened onto the record by key).
import { COMPANY, CUSTOM_FIELDS, STAGES, USERS, userById } from './company';
import { Store } from './db';
import { firstChar } from './firstChar';
import { Activity, Change, Deal, FileRec, Follower, MailMessage, Org, Person } from './model';
import { v1Date, v1Time } from './time';

export function userV1(id: number): Record<string, unknown> {
  const u = userById(id) ?? USERS[0];
  return { id: u.id, name: u.name, email: u.email, has_pic: 0, pic_hash: null, active_flag: u.activeFlag };
}

export function ccEmail(orgId: number): string {
  return `${COMPANY.domain}+o${orgId}@pipedrivemail.com`;
}

/** The short org object used in related_objects and as a deal's/person's org_id. */
export function orgRefV1(store: Store, org: Org): Record<string, unknown> {
  return {
    id: org.id, name: org.name, people_count: store.counts(org).people_count, owner_id: org.ownerId,
    address: org.address?.value ?? null, active_flag: !org.deleted, cc_email: ccEmail(org.id),
  };
}

export function customV1(org: Org): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of CUSTOM_FIELDS) {
    const v = org.custom[f.key];
    if (v === undefined || v === null) { out[f.key] = null; continue; }
    if (f.type === 'enum') out[f.key] = String(v);
    else if (f.type === 'set') out[f.key] = (v as number[]).join(',');
    else if (f.type === 'monetary') {
      out[f.key] = (v as { value: number }).value;
      out[`${f.key}_currency`] = (v as { currency: string }).currency;
    } else out[f.key] = v;
  }
  return out;
}

export function addressV1(org: Org): Record<string, unknown> {
  const a = org.address;
  return {
    address: a?.value ?? null,
    address_subpremise: a?.subpremise ?? null, address_street_number: a?.street_number ?? null,
    address_route: a?.route ?? null, address_sublocality: a?.sublocality ?? null,
    address_locality: a?.locality ?? null, address_admin_area_level_1: a?.admin_area_level_1 ?? null,
    address_admin_area_level_2: a?.admin_area_level_2 ?? null, address_country: a?.country ?? null,
    address_postal_code: a?.postal_code ?? null, address_formatted_address: a?.value ?? null,
  };
}

export function orgV1(store: Store, org: Org): Record<string, unknown> {
  const owner = userV1(org.ownerId);
  const { next, last } = store.activityMarks(org);
  return {
    id: org.id,
    company_id: COMPANY.id,
    owner_id: { ...owner, value: org.ownerId },
    name: org.name,
    ...store.counts(org),
    active_flag: !org.deleted,
    picture_id: null,
    country_code: null,
    first_char: firstChar(org.name),
    update_time: v1Time(org.updateTime),
    add_time: v1Time(org.addTime),
    visible_to: String(org.visibleTo),
    next_activity_date: next ? v1Date(next.dueTime) : null,
    next_activity_time: next ? v1Time(next.dueTime).slice(11) : null,
    next_activity_id: next?.id ?? null,
    last_activity_id: last?.id ?? null,
    last_activity_date: last ? v1Date(last.dueTime) : null,
    label: org.labelIds[0] ?? null,
    label_ids: org.labelIds,
    ...addressV1(org),
    website: org.website,
    linkedin: org.linkedin,
    industry: org.industry,
    annual_revenue: org.annualRevenue,
    employee_count: org.employeeCount,
    owner_name: owner.name,
    cc_email: ccEmail(org.id),
    ...customV1(org),
  };
}

export function orgCollectionV1(org: Org): Record<string, unknown> {
  return {
    id: org.id, active_flag: !org.deleted, owner_id: org.ownerId, name: org.name,
    update_time: v1Time(org.updateTime), delete_time: org.deleteTime === null ? null : v1Time(org.deleteTime),
    add_time: v1Time(org.addTime), visible_to: String(org.visibleTo), label: org.labelIds[0] ?? null,
    label_ids: org.labelIds, ...addressV1(org), cc_email: ccEmail(org.id),
  };
}

/** related_objects for a set of orgs: the orgs themselves and every user they mention. */
export function relatedV1(store: Store, orgs: Org[], userIds: number[] = []): Record<string, unknown> {
  const organization: Record<string, unknown> = {};
  const user: Record<string, unknown> = {};
  for (const o of orgs) {
    organization[o.id] = orgRefV1(store, o);
    user[o.ownerId] = userV1(o.ownerId);
  }
  for (const id of userIds) user[id] = userV1(id);
  return { organization, user };
}

function userWithValue(id: number, hasPicBool: boolean): Record<string, unknown> {
  const u = userV1(id);
  return { ...u, has_pic: hasPicBool ? false : 0, value: id };
}

export function personV1(store: Store, p: Person): Record<string, unknown> {
  const org = p.orgId === null ? undefined : store.anyOrg(p.orgId);
  return {
    id: p.id, company_id: COMPANY.id, owner_id: userWithValue(p.ownerId, false),
    org_id: org ? { ...orgRefV1(store, org), value: org.id } : null,
    name: p.name, first_name: p.firstName, last_name: p.lastName,
    open_deals_count: 0, related_open_deals_count: 0, closed_deals_count: 0, related_closed_deals_count: 0,
    participant_open_deals_count: 0, participant_closed_deals_count: 0, email_messages_count: 0,
    activities_count: 0, done_activities_count: 0, undone_activities_count: 0, files_count: 0, notes_count: 0,
    followers_count: 0, won_deals_count: 0, related_won_deals_count: 0, lost_deals_count: 0, related_lost_deals_count: 0,
    active_flag: !p.deleted,
    phone: [{ value: p.phone, primary: true, label: 'work' }],
    email: [{ value: p.email, primary: true, label: 'work' }],
    primary_email: p.email, first_char: firstChar(p.name),
    update_time: v1Time(p.updateTime), add_time: v1Time(p.addTime), visible_to: '3',
    marketing_status: 'no_consent', picture_id: null,
    next_activity_date: null, next_activity_time: null, next_activity_id: null,
    last_activity_id: null, last_activity_date: null, last_incoming_mail_time: null, last_outgoing_mail_time: null,
    label: null, label_ids: [], org_name: org?.name ?? null, owner_name: userById(p.ownerId)?.name ?? '',
    cc_email: ccEmail(p.orgId ?? 0),
  };
}

export function dealV1(store: Store, d: Deal): Record<string, unknown> {
  const org = d.orgId === null ? undefined : store.anyOrg(d.orgId);
  const person = store.person(d.personId);
  const stage = STAGES.find((s) => s.id === d.stageId)!;
  const fmt = `${d.currency === 'EUR' ? '€' : '$'}${d.value.toLocaleString('en-US')}`;
  return {
    id: d.id,
    creator_user_id: userWithValue(d.creatorId, true),
    user_id: userWithValue(d.ownerId, true),
    person_id: person ? {
      active_flag: !person.deleted, name: person.name,
      email: [{ label: 'work', value: person.email, primary: true }],
      phone: [{ label: 'work', value: person.phone, primary: true }], owner_id: person.ownerId, value: person.id,
    } : null,
    org_id: org ? { ...orgRefV1(store, org), value: org.id } : null,
    stage_id: d.stageId, title: d.title, value: d.value, currency: d.currency,
    add_time: v1Time(d.addTime), update_time: v1Time(d.updateTime), stage_change_time: v1Time(d.updateTime),
    active: d.status === 'open', deleted: d.status === 'deleted', status: d.status, probability: null,
    next_activity_date: null, next_activity_time: null, next_activity_id: null, last_activity_id: null,
    last_activity_date: null, lost_reason: d.lostReason, visible_to: '3',
    close_time: d.closeTime === null ? null : v1Time(d.closeTime), pipeline_id: 1,
    won_time: d.status === 'won' && d.closeTime !== null ? v1Time(d.closeTime) : null,
    first_won_time: d.status === 'won' && d.closeTime !== null ? v1Time(d.closeTime) : null,
    lost_time: d.status === 'lost' && d.closeTime !== null ? v1Time(d.closeTime) : null,
    products_count: 0, files_count: 0, notes_count: 0, followers_count: 0, email_messages_count: 0,
    activities_count: 0, done_activities_count: 0, undone_activities_count: 0, participants_count: person ? 1 : 0,
    expected_close_date: v1Date(d.addTime + 45 * 86_400_000), last_incoming_mail_time: null,
    last_outgoing_mail_time: null, label: null, stage_order_nr: stage.id, person_name: person?.name ?? null,
    org_name: org?.name ?? null, next_activity_subject: null, next_activity_type: null,
    next_activity_duration: null, next_activity_note: null, formatted_value: fmt, weighted_value: d.value,
    formatted_weighted_value: fmt, weighted_value_currency: d.currency, rotten_time: null,
    owner_name: userById(d.ownerId)?.name ?? '', cc_email: `${COMPANY.domain}+deal${d.id}@pipedrivemail.com`,
    org_hidden: false, person_hidden: false,
  };
}

export function activityV1(store: Store, a: Activity): Record<string, unknown> {
  const org = store.anyOrg(a.orgId);
  const person = store.person(a.personId);
  const deal = store.deal(a.dealId);
  const due = v1Time(a.dueTime);
  return {
    id: a.id, company_id: COMPANY.id, user_id: a.ownerId, done: a.done, type: a.type,
    reference_type: 'none', reference_id: 0, conference_meeting_client: '', conference_meeting_url: '',
    conference_meeting_id: '', due_date: due.slice(0, 10), due_time: due.slice(11, 16), duration: '00:30',
    busy_flag: true, add_time: v1Time(a.addTime),
    marked_as_done_time: a.markedDoneTime === null ? '' : v1Time(a.markedDoneTime),
    last_notification_time: '', last_notification_user_id: 0, notification_language_id: 1,
    subject: a.subject, public_description: '', calendar_sync_include_context: '', location: '',
    org_id: a.orgId, person_id: a.personId ?? 0, deal_id: a.dealId ?? 0, lead_id: null, project_id: null,
    active_flag: true, update_time: v1Time(a.updateTime), update_user_id: a.ownerId, gcal_event_id: '',
    google_calendar_id: '', google_calendar_etag: '', source_timezone: '', rec_rule: '', rec_rule_extension: '',
    rec_master_activity_id: 0, series: [], note: a.note, created_by_user_id: a.ownerId,
    location_subpremise: '', location_street_number: '', location_route: '', location_sublocality: '',
    location_locality: '', location_admin_area_level_1: '', location_admin_area_level_2: '', location_country: '',
    location_postal_code: '', location_formatted_address: '', attendees: null,
    participants: person ? [{ person_id: person.id, primary_flag: true }] : null,
    org_name: org?.name ?? '', person_name: person?.name ?? '', deal_title: deal?.title ?? '',
    owner_name: userById(a.ownerId)?.name ?? '', person_dropbox_bcc: '', deal_dropbox_bcc: '',
    assigned_to_user_id: a.ownerId, file: {},
  };
}

export function fileV1(store: Store, f: FileRec): Record<string, unknown> {
  const org = store.anyOrg(f.orgId);
  const deal = store.deal(f.dealId);
  return {
    id: f.id, user_id: f.userId, deal_id: f.dealId ?? 0, person_id: f.personId ?? 0, org_id: f.orgId,
    product_id: 0, activity_id: 0, lead_id: null, project_id: null, log_id: null,
    add_time: v1Time(f.addTime), update_time: v1Time(f.updateTime), file_name: f.name, file_type: f.fileType,
    file_size: f.size, active_flag: true, inline_flag: false, remote_location: 's3', remote_id: f.name, cid: '',
    s3_bucket: '', mail_message_id: '', mail_template_id: '', deal_name: deal?.title ?? '', person_name: '',
    people_name: '', org_name: org?.name ?? '', product_name: '', lead_name: '', project_name: '',
    url: `https://${COMPANY.domain}.pipedrive.com/api/v1/files/${f.id}/download`, name: f.name, description: '',
  };
}

export function followerV1(f: Follower): Record<string, unknown> {
  return { user_id: f.userId, id: f.id, org_id: f.orgId, add_time: v1Time(f.addTime) };
}

export function mailV1(m: MailMessage, includeBody: boolean): Record<string, unknown> {
  const party = (email: string, id: number) => ({
    id, email_address: email, name: email.split('@')[0], linked_person_id: 0, linked_person_name: '', mail_message_party_id: id,
  });
  const iso = new Date(m.time).toISOString();
  const data: Record<string, unknown> = {
    id: m.id, from: [party(m.from, 1)], to: [party(m.to, 2)], cc: [], bcc: [],
    body_url: `https://${COMPANY.domain}.pipedrive.com/api/v1/mailbox/mailMessages/${m.id}/body`,
    nylas_id: `n${m.id}`, account_id: `acc${m.userId}`, user_id: m.userId, mail_thread_id: m.id, subject: m.subject,
    snippet: m.subject, mail_tracking_status: null, mail_link_tracking_enabled_flag: 0, read_flag: 1, draft: '',
    s3_bucket: '', s3_bucket_path: '', draft_flag: 0, synced_flag: 1, deleted_flag: 0, external_deleted_flag: false,
    has_body_flag: 1, sent_flag: 0, sent_from_pipedrive_flag: 0, smart_bcc_flag: 0, message_time: iso, add_time: iso,
    update_time: iso, has_attachments_flag: m.withAttachment ? 1 : 0, has_inline_attachments_flag: 0,
    has_real_attachments_flag: m.withAttachment ? 1 : 0, mua_message_id: `${m.id}@mailer.example`, template_id: 0,
    item_type: 'mailMessage', timestamp: iso, company_id: COMPANY.id,
  };
  if (includeBody) data.body = m.body;
  return { object: 'mailMessage', timestamp: v1Time(m.time), data };
}

export function changeV1(c: Change): Record<string, unknown> {
  return {
    field_key: c.fieldKey, old_value: c.oldValue, new_value: c.newValue, actor_user_id: c.actorUserId,
    time: v1Time(c.time), change_source: 'app', change_source_user_agent: 'pipedrive-sandbox', is_bulk_update_flag: false,
  };
}
