// Flow items → timeline entries (host) and entries → day groups (webview). No vscode, no DOM.
import type { FlowItem, OrganizationRelatedObjects } from '../../api';
import { asRecord } from '../../api/coerce';
import type { DisplayNames } from '../DisplayNames';
import { cleanView, dayOf, DEFAULT_LOCALE, formatBytes, formatDateTime, formatDay, formatMoney, plainText } from '../format';
import { safeExternalUrl } from '../validate';
import { FLOW_ITEM_TYPES, type FlowItemTypeName, type FlowItemView } from './protocol';
import { t } from '../../util/l10n';

export const FLOW_TYPE_LABELS: Record<FlowItemTypeName, string> = {
  activity: 'Activities',
  plannedActivity: 'Planned activities',
  note: 'Notes',
  file: 'Files',
  change: 'Changes',
  deal: 'Deals',
  follower: 'Followers',
  participant: 'Participants',
  mailMessage: 'Emails',
  mailMessageWithAttachment: 'Emails with attachments',
  invoice: 'Invoices',
  activityFile: 'Activity files',
  document: 'Documents',
};

export const FLOW_ICONS: Record<FlowItemTypeName | 'other', string> = {
  activity: 'pass',
  plannedActivity: 'calendar',
  note: 'note',
  file: 'file',
  change: 'edit',
  deal: 'briefcase',
  follower: 'eye',
  participant: 'person',
  mailMessage: 'mail',
  mailMessageWithAttachment: 'mail',
  invoice: 'credit-card',
  activityFile: 'file-media',
  document: 'file-text',
  other: 'circle-outline',
};

/** The filter type of a flow object (`organizationChange` → change, ...). */
export function flowKind(object: string, data: Record<string, unknown>): FlowItemTypeName | 'other' {
  if (/change$/i.test(object)) return 'change';
  if (object === 'mailMessage' && (data.has_real_attachments_flag === 1 || data.has_attachments_flag === 1)) return 'mailMessageWithAttachment';
  if (object === 'activity' && data.done === false) return 'plannedActivity';
  return (FLOW_ITEM_TYPES as readonly string[]).includes(object) ? (object as FlowItemTypeName) : 'other';
}

export interface FlowContext {
  catalog: DisplayNames;
  related?: OrganizationRelatedObjects;
  /** The display language (numbers); English when absent. */
  locale?: string;
}

function userName(ctx: FlowContext, id: unknown): string {
  if (id === null || id === undefined || id === 0) return '';
  if (typeof id !== 'number' && typeof id !== 'string') return '';
  const related = asRecord(asRecord(asRecord(ctx.related)?.user)?.[String(id)]);
  return plainText(related?.name) || ctx.catalog.userName(id);
}

/**
 * One flow item as text, every string cleaned of bidi and zero-width characters. `index` is its
 * position in the whole timeline (keeps keys unique). Any shape of item gives a view, never a throw.
 */
export function flowItemView(item: FlowItem, ctx: FlowContext, index: number): FlowItemView {
  return cleanView(flowItemText((asRecord(item) ?? {}) as unknown as FlowItem, ctx, index));
}

function flowItemText(item: FlowItem, ctx: FlowContext, index: number): FlowItemView {
  const data = (asRecord(item.data) ?? {}) as Record<string, unknown>;
  const kind = flowKind(plainText(item.object), data);
  const when = formatDateTime(item.timestamp);
  const base = {
    key: `${plainText(item.object)}:${plainText(data.id)}:${index}`,
    kind,
    icon: FLOW_ICONS[kind],
    day: dayOf(item.timestamp),
    time: when.length >= 16 ? when.slice(11, 16) : '',
  };
  const user = userName(ctx, data.user_id ?? data.actor_user_id);
  const withUser = user ? { user } : {};
  const text = (v: unknown) => plainText(v);
  switch (kind) {
    case 'change': {
      const key = text(data.field_key);
      const field = ctx.catalog.fieldName(key);
      const from = ctx.catalog.formatValue(key, data.old_value) || t('(empty)');
      const to = ctx.catalog.formatValue(key, data.new_value) || t('(empty)');
      return { ...base, ...withUser, title: t('{0} changed', field), lines: [], change: { field, from, to } };
    }
    case 'activity':
    case 'plannedActivity': {
      const due = [text(data.due_date), text(data.due_time)].filter(Boolean).join(' ');
      return {
        ...base,
        ...withUser,
        title: text(data.subject) || t('Activity'),
        lines: [text(data.type), due ? t('due {0}', due) : '', data.done === true ? t('done') : t('not done')].filter(Boolean),
      };
    }
    case 'file':
    case 'activityFile': {
      const fileName = text(data.file_name) || text(data.name);
      if (!fileName) break;
      const size = formatBytes(data.file_size);
      return { ...base, ...withUser, title: fileName, lines: size ? [size] : [], url: safeExternalUrl(data.url) };
    }
    case 'mailMessage':
    case 'mailMessageWithAttachment': {
      const sender = asRecord(Array.isArray(data.from) ? data.from[0] : undefined);
      const from = sender ? text(sender.name) || text(sender.email_address) : '';
      return { ...base, ...withUser, title: text(data.subject) || t('(no subject)'), lines: from ? [t('from {0}', from)] : [] };
    }
    case 'deal': {
      const value = text(data.formatted_value) || formatMoney(data.value, data.currency, ctx.locale ?? DEFAULT_LOCALE);
      return { ...base, ...withUser, title: text(data.title) || t('Deal'), lines: [value, text(data.status)].filter(Boolean) };
    }
    case 'follower': {
      const who = userName(ctx, data.user_id);
      return { ...base, title: who ? t('{0} is following', who) : t('A user is following'), lines: [] };
    }
    case 'note':
      return { ...base, ...withUser, title: t('Note'), lines: [text(data.content)].filter(Boolean) };
  }
  // Invoices, documents, participants, activity files without a name, and kinds added later.
  const label = kind === 'other' ? text(item.object) : FLOW_TYPE_LABELS[kind].replace(/s$/, '');
  const title = text(data.title) || text(data.name) || text(data.subject) || label;
  const content = text(data.content);
  return { ...base, ...withUser, title, lines: content && content !== title ? [content] : [] };
}

export interface DayGroup<T extends { day: string }> {
  day: string;
  label: string;
  items: T[];
  /** True when the group continues the day shown last before these items (a "Load older" page). */
  continues: boolean;
}

/** Groups entries (already newest first) by day, keeping their order. */
export function groupByDay<T extends { day: string }>(items: readonly T[], lastShownDay?: string, locale: string = DEFAULT_LOCALE): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  let current: DayGroup<T> | undefined;
  for (const item of items) {
    if (!current || current.day !== item.day) {
      current = { day: item.day, label: formatDay(item.day, locale), items: [], continues: groups.length === 0 && lastShownDay !== undefined && item.day === lastShownDay };
      groups.push(current);
    }
    current.items.push(item);
  }
  return groups;
}

/** Newest first within a page (stable): the route orders by its own notion of time, not always `timestamp`. */
export function newestFirst<T extends { day: string; time: string }>(views: T[]): T[] {
  return views
    .map((v, i) => ({ v, i, at: `${v.day} ${v.time}` }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.i - b.i))
    .map((x) => x.v);
}
