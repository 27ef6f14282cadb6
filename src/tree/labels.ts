// How records read in the tree: labels, descriptions and tooltips. Labels are plain text (VS Code
// renders TreeItem labels literally); tooltips are markdown built only from escaped text.
import type { Activity, Deal, OrganizationFile, OrganizationFollower, Person, User } from '../api';
import type { GroupItem, GroupKind } from '../model/OrganizationStore';
import type { OrgCounts, OrgSummary } from '../model/OrgSummary';
import { escapeMarkdown, oneLine, truncate } from '../util/escape';

export const GROUP_LABELS: Record<GroupKind, string> = {
  persons: 'Persons',
  deals: 'Deals',
  activities: 'Activities',
  files: 'Files',
  followers: 'Followers',
};

export const GROUP_ICONS: Record<GroupKind, string> = {
  persons: 'person',
  deals: 'briefcase',
  activities: 'calendar',
  files: 'file',
  followers: 'eye',
};

export const EMPTY_TEXT: Record<GroupKind | 'organizations', string> = {
  organizations: 'No organizations',
  persons: 'No persons',
  deals: 'No deals',
  activities: 'No activities',
  files: 'No files',
  followers: 'No followers',
};

/** "Owner · City" (each part only when known). */
export function organizationDescription(org: OrgSummary): string {
  return [org.ownerName, org.locality].filter((p): p is string => !!p).map((p) => truncate(oneLine(p), 60)).join(' · ');
}

/** Markdown source of the organization tooltip: every value escaped. */
export function organizationTooltip(org: OrgSummary): string {
  const lines = [`**${escapeMarkdown(org.name)}**`];
  if (org.ownerName) lines.push(`Owner: ${escapeMarkdown(org.ownerName)}`);
  if (org.address) lines.push(`Address: ${escapeMarkdown(org.address)}`);
  const counts = countsLine(org.counts);
  if (counts) lines.push(escapeMarkdown(counts));
  if (org.updateTime) lines.push(`Updated: ${escapeMarkdown(org.updateTime)}`);
  lines.push(`ID: ${org.id}`);
  return lines.join('\n\n');
}

function countsLine(c: OrgCounts): string {
  const parts: string[] = [];
  if (c.persons !== undefined) parts.push(`${c.persons} persons`);
  if (c.deals !== undefined) parts.push(`${c.deals} deals`);
  if (c.activities !== undefined) parts.push(`${c.activities} activities`);
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
      return { label: oneLine(p.name ?? `Person ${p.id}`), description: email ? oneLine(email) : undefined, icon: 'person' };
    }
    case 'deals': {
      const d = item as Deal;
      const value = typeof d.value === 'number' ? `${d.value} ${d.currency ?? ''}`.trim() : undefined;
      return { label: oneLine(d.title ?? `Deal ${d.id}`), description: [d.status, value].filter(Boolean).join(' · '), icon: 'briefcase' };
    }
    case 'activities': {
      const a = item as Activity;
      return {
        label: oneLine(a.subject ?? `Activity ${a.id}`),
        description: [a.type, a.due_date].filter(Boolean).join(' · '),
        icon: a.done ? 'pass-filled' : 'circle-large-outline',
      };
    }
    case 'files': {
      const f = item as OrganizationFile;
      return { label: oneLine(f.file_name || f.name || `File ${f.id}`), description: typeof f.file_size === 'number' ? formatBytes(f.file_size) : undefined, icon: 'file' };
    }
    case 'followers': {
      const f = item as OrganizationFollower;
      const user = users.get(f.user_id);
      return { label: oneLine(user?.name ?? `User ${f.user_id}`), description: user?.email, icon: 'eye' };
    }
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
