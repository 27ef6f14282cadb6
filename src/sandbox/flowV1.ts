// The v1 org flow ("updates"): one time-ordered stream built from the org's records, so adding a
// follower or editing a field shows up in the flow without a second copy of the data.
import { Store } from './db';
import { Org } from './model';
import { activityV1, dealV1, fileV1, followerV1, mailV1, userV1 } from './shapesV1';
import { v1Time } from './time';

/** The `items` filter values Pipedrive documents for this route. */
export const FLOW_ITEM_TYPES = ['activity', 'plannedActivity', 'note', 'file', 'change', 'deal', 'follower',
  'participant', 'mailMessage', 'mailMessageWithAttachment', 'invoice', 'activityFile', 'document'] as const;
export type FlowItemType = (typeof FLOW_ITEM_TYPES)[number];

interface FlowEntry { type: FlowItemType; time: number; id: number; render: () => Record<string, unknown> }

export function flowEntries(store: Store, org: Org, allChanges: boolean): FlowEntry[] {
  const s = store.subsOf(org);
  const out: FlowEntry[] = [];
  for (const a of s.activities) {
    out.push({ type: a.done ? 'activity' : 'plannedActivity', time: a.done ? a.markedDoneTime ?? a.addTime : a.addTime, id: a.id,
      render: () => ({ object: a.done ? 'activity' : 'plannedActivity', timestamp: v1Time(a.addTime), data: activityV1(store, a) }) });
  }
  for (const f of s.files) out.push({ type: 'file', time: f.addTime, id: f.id, render: () => ({ object: 'file', timestamp: v1Time(f.addTime), data: fileV1(store, f) }) });
  for (const d of s.deals) {
    if (d.orgId !== org.id) continue;
    out.push({ type: 'deal', time: d.addTime, id: d.id, render: () => ({ object: 'deal', timestamp: v1Time(d.addTime), data: dealV1(store, d) }) });
  }
  for (const f of s.followers) out.push({ type: 'follower', time: f.addTime, id: f.id, render: () => ({ object: 'follower', timestamp: v1Time(f.addTime), data: followerV1(f) }) });
  for (const m of s.mails) {
    const type = m.withAttachment ? 'mailMessageWithAttachment' : 'mailMessage';
    out.push({ type, time: m.time, id: m.id, render: () => ({ ...mailV1(m, false), object: type }) });
  }
  for (const c of s.changes) {
    if (c.custom && !allChanges) continue;
    out.push({ type: 'change', time: c.time, id: c.id, render: () => ({
      object: 'organizationChange', timestamp: v1Time(c.time),
      data: { id: c.id, item_id: org.id, user_id: c.actorUserId, field_key: c.fieldKey, old_value: c.oldValue,
        new_value: c.newValue, is_bulk_update_flag: null, log_time: v1Time(c.time), change_source: 'app',
        change_source_user_agent: 'pipedrive-sandbox', additional_data: {} },
    }) });
  }
  for (const x of s.extras) {
    out.push({ type: x.object, time: x.time, id: x.id, render: () => ({
      object: x.object, timestamp: v1Time(x.time),
      data: { id: x.id, user_id: x.userId, org_id: org.id, content: x.content, add_time: v1Time(x.time), active_flag: true },
    }) });
  }
  for (const n of org.notes) {
    out.push({ type: 'note', time: org.addTime, id: 0, render: () => ({
      object: 'note', timestamp: v1Time(org.addTime),
      data: { id: 0, user_id: org.ownerId, org_id: org.id, content: n, add_time: v1Time(org.addTime), active_flag: true },
    }) });
  }
  // Newest first, as Pipedrive shows the flow; id breaks ties so pages are stable.
  return out.sort((a, b) => b.time - a.time || b.id - a.id);
}

export function flowRelated(store: Store, org: Org, userIds: number[]): Record<string, unknown> {
  const user: Record<string, unknown> = {};
  for (const id of new Set([org.ownerId, ...userIds])) user[id] = userV1(id);
  return { organization: { [org.id]: { id: org.id, name: org.name, people_count: store.counts(org).people_count,
    owner_id: org.ownerId, address: org.address?.value ?? null, active_flag: true, cc_email: null } }, user };
}
