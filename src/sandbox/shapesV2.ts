// Internal records → Pipedrive v2 JSON: ISO times, flat ids instead of nested objects, custom
// fields under `custom_fields`, `is_deleted` instead of active flags.
import { CUSTOM_FIELDS } from './company';
import { OrgCounts, Store } from './db';
import { Activity, Deal, Org, Person } from './model';
import { v1Date, v1Time, v2Time } from './time';

export const V2_INCLUDE_FIELDS = ['next_activity_id', 'last_activity_id', 'open_deals_count', 'related_open_deals_count',
  'closed_deals_count', 'related_closed_deals_count', 'email_messages_count', 'people_count', 'activities_count',
  'done_activities_count', 'undone_activities_count', 'files_count', 'notes_count', 'followers_count', 'won_deals_count',
  'related_won_deals_count', 'lost_deals_count', 'related_lost_deals_count', 'smart_bcc_email'] as const;

export interface V2OrgOptions { include?: string[]; customKeys?: string[] }

export function orgV2(store: Store, org: Org, opts: V2OrgOptions = {}): Record<string, unknown> {
  const custom: Record<string, unknown> = {};
  for (const f of CUSTOM_FIELDS) {
    if (opts.customKeys && !opts.customKeys.includes(f.key)) continue;
    custom[f.key] = org.custom[f.key] ?? null;
  }
  const out: Record<string, unknown> = {
    id: org.id, name: org.name, owner_id: org.ownerId, add_time: v2Time(org.addTime), update_time: v2Time(org.updateTime),
    address: org.address ? { ...org.address } : null, is_deleted: org.deleted, visible_to: org.visibleTo,
    label_ids: org.labelIds, website: org.website, linkedin: org.linkedin, industry: org.industry,
    annual_revenue: org.annualRevenue, employee_count: org.employeeCount, custom_fields: custom,
  };
  if (opts.include?.length) {
    const counts = store.counts(org);
    const { next, last } = store.activityMarks(org);
    for (const f of opts.include) {
      if (f === 'next_activity_id') out[f] = next?.id ?? null;
      else if (f === 'last_activity_id') out[f] = last?.id ?? null;
      else if (f === 'smart_bcc_email') out[f] = `sandbox-co+o${org.id}@pipedrivemail.com`;
      else out[f] = counts[f as keyof OrgCounts];
    }
  }
  return out;
}

export function dealV2(d: Deal): Record<string, unknown> {
  const closed = d.closeTime === null ? null : v2Time(d.closeTime);
  return {
    id: d.id, title: d.title, creator_user_id: d.creatorId, owner_id: d.ownerId, value: d.value, person_id: d.personId,
    org_id: d.orgId, stage_id: d.stageId, pipeline_id: 1, currency: d.currency, add_time: v2Time(d.addTime),
    update_time: v2Time(d.updateTime), stage_change_time: v2Time(d.updateTime), is_deleted: d.status === 'deleted',
    status: d.status, probability: null, lost_reason: d.lostReason, visible_to: 3,
    close_time: closed, won_time: d.status === 'won' ? closed : null, lost_time: d.status === 'lost' ? closed : null,
    expected_close_date: v1Date(d.addTime + 45 * 86_400_000), label_ids: [], custom_fields: {},
  };
}

export function personV2(p: Person): Record<string, unknown> {
  return {
    id: p.id, name: p.name, first_name: p.firstName, last_name: p.lastName, owner_id: p.ownerId, org_id: p.orgId,
    add_time: v2Time(p.addTime), update_time: v2Time(p.updateTime),
    emails: [{ value: p.email, primary: true, label: 'work' }], phones: [{ value: p.phone, primary: true, label: 'work' }],
    is_deleted: p.deleted, visible_to: 3, label_ids: [], picture_id: null, custom_fields: {},
  };
}

export function activityV2(a: Activity): Record<string, unknown> {
  const due = v1Time(a.dueTime);
  return {
    id: a.id, subject: a.subject, type: a.type, owner_id: a.ownerId, creator_user_id: a.ownerId, is_deleted: false,
    add_time: v2Time(a.addTime), update_time: v2Time(a.updateTime), deal_id: a.dealId, lead_id: null,
    person_id: a.personId, org_id: a.orgId, project_id: null, due_date: due.slice(0, 10), due_time: due.slice(11, 16),
    duration: '00:30', busy: true, done: a.done, marked_as_done_time: a.markedDoneTime === null ? null : v2Time(a.markedDoneTime),
    location: null, participants: a.personId === null ? [] : [{ person_id: a.personId, primary: true }], attendees: [],
    conference_meeting_client: null, conference_meeting_url: null, conference_meeting_id: null,
    public_description: null, priority: null, note: a.note || null,
  };
}
