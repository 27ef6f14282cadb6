// How records read in the tree: labels, descriptions and tooltips. Labels are plain text (VS Code
// renders TreeItem labels literally); tooltips are markdown built only from escaped text.
import type { Activity, Deal, OrganizationFile, OrganizationFollower, Person, User } from '../api';
import type { GroupItem, GroupKind } from '../model/OrganizationStore';
import type { OrgCounts, OrgSummary } from '../model/OrgSummary';
import { escapeMarkdown, oneLine, truncate } from '../util/escape';
import { t } from '../util/l10n';

/** A group's row in the tree, in the display language. */
export function groupLabel(group: GroupKind): string {
  switch (group) {
    case 'persons': return t('Persons');
    case 'deals': return t('Deals');
    case 'activities': return t('Activities');
    case 'files': return t('Files');
    case 'followers': return t('Followers');
  }
}

export const GROUP_ICONS: Record<GroupKind, string> = {
  persons: 'person',
  deals: 'briefcase',
  activities: 'calendar',
  files: 'file',
  followers: 'eye',
};

/** The line an empty list shows. */
export function emptyText(what: GroupKind | 'organizations'): string {
  switch (what) {
    case 'organizations': return t('No organizations');
    case 'persons': return t('No persons');
    case 'deals': return t('No deals');
    case 'activities': return t('No activities');
    case 'files': return t('No files');
    case 'followers': return t('No followers');
  }
}

/** "Owner · City" (each part only when known). */
export function organizationDescription(org: OrgSummary): string {
  return [org.ownerName, org.locality].filter((p): p is string => !!p).map((p) => truncate(oneLine(p), 60)).join(' · ');
}

/** Markdown source of the organization tooltip: every value escaped. */
export function organizationTooltip(org: OrgSummary): string {
  const lines = [`**${escapeMarkdown(org.name)}**`];
  if (org.ownerName) lines.push(t('Owner: {0}', escapeMarkdown(org.ownerName)));
  if (org.address) lines.push(t('Address: {0}', escapeMarkdown(org.address)));
  const counts = countsLine(org.counts);
  if (counts) lines.push(escapeMarkdown(counts));
  if (org.updateTime) lines.push(t('Updated: {0}', escapeMarkdown(org.updateTime)));
  lines.push(t('ID: {0}', org.id));
  return lines.join('\n\n');
}

function countsLine(c: OrgCounts): string {
  const parts: string[] = [];
  if (c.persons !== undefined) parts.push(t('{0} persons', c.persons));
  if (c.deals !== undefined) parts.push(t('{0} deals', c.deals));
  if (c.activities !== undefined) parts.push(t('{0} activities', c.activities));
  return parts.join(', ');
}

export function groupCount(org: OrgSummary | undefined, group: GroupKind): number | undefined {
  return org?.counts[group];
}

export interface ItemText {
  label: string;
  description?: string;
  icon: string;
}

export function itemText(group: GroupKind, item: GroupItem, users: ReadonlyMap<number, User>): ItemText {
  switch (group) {
    case 'persons': {
      const p = item as Person;
      const email = p.email?.find((e) => e.primary)?.value ?? p.email?.[0]?.value;
      return { label: oneLine(p.name ?? t('Person {0}', p.id)), description: email ? oneLine(email) : undefined, icon: 'person' };
    }
    case 'deals': {
      const d = item as Deal;
      const value = typeof d.value === 'number' ? `${d.value} ${d.currency ?? ''}`.trim() : undefined;
      return { label: oneLine(d.title ?? t('Deal {0}', d.id)), description: [d.status, value].filter(Boolean).join(' · '), icon: 'briefcase' };
    }
    case 'activities': {
      const a = item as Activity;
      return {
        label: oneLine(a.subject ?? t('Activity {0}', a.id)),
        description: [a.type, a.due_date].filter(Boolean).join(' · '),
        icon: a.done ? 'pass-filled' : 'circle-large-outline',
      };
    }
    case 'files': {
      const f = item as OrganizationFile;
      return { label: oneLine(f.file_name || f.name || t('File {0}', f.id)), description: typeof f.file_size === 'number' ? formatBytes(f.file_size) : undefined, icon: 'file' };
    }
    case 'followers': {
      const f = item as OrganizationFollower;
      const user = users.get(f.user_id);
      return { label: oneLine(user?.name ?? t('User {0}', f.user_id)), description: user?.email, icon: 'eye' };
    }
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
