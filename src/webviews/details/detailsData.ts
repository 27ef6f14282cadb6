// Reads what the Details panel shows and turns the records into rows of text. No vscode here.
import { PipedriveError, type Activity, type Deal, type MailMessageItem, type Organization, type OrganizationChange, type OrganizationDetails, type OrganizationFile, type Person, type PipedriveClient } from '../../api';
import type { FieldCatalog } from '../fieldCatalog';
import { formatBytes, formatDateTime, formatMoney, plainText } from '../format';
import { safeExternalUrl } from '../validate';
import type { HeaderView, LoadSectionMessage, Row, SectionPage, UserOption } from './protocol';

/** Rows per "Load more" (the files route allows at most 100). */
export const SECTION_PAGE_SIZE = 50;

export type HeaderResult = { kind: 'ok'; header: HeaderView } | { kind: 'gone' };

export async function loadHeader(client: PipedriveClient, orgId: number, catalog: FieldCatalog, companyDomain: string | undefined, myUserId?: number): Promise<HeaderResult> {
  try {
    const details = await client.getOrganization(orgId);
    const org = details.organization;
    if (org.active_flag === false) return { kind: 'gone' };
    const header = headerView(org, catalog, companyDomain);
    const following = followingOf(details, myUserId);
    return { kind: 'ok', header: following === undefined ? header : { ...header, following } };
  } catch (e) {
    if (e instanceof PipedriveError && (e.kind === 'not-found' || e.kind === 'gone')) return { kind: 'gone' };
    throw e;
  }
}

/**
 * Whether `userId` follows, from the followers v1 details carry (keyed by user id). v2 details
 * carry none: with followers counted but none listed, it is unknown.
 */
export function followingOf(details: Pick<OrganizationDetails, 'organization' | 'followers'>, userId: number | undefined): boolean | undefined {
  if (userId === undefined) return undefined;
  const listed = Object.values(details.followers ?? {});
  if (listed.some((f) => f.user_id === userId)) return true;
  const count = details.organization.followers_count;
  return listed.length > 0 || count === 0 ? false : undefined;
}

const COUNTS: Array<[keyof Organization, string]> = [
  ['people_count', 'People'],
  ['open_deals_count', 'Open deals'],
  ['won_deals_count', 'Won deals'],
  ['lost_deals_count', 'Lost deals'],
  ['activities_count', 'Activities'],
  ['done_activities_count', 'Done activities'],
  ['files_count', 'Files'],
  ['notes_count', 'Notes'],
  ['followers_count', 'Followers'],
  ['email_messages_count', 'Emails'],
];

export function validCompanyDomain(domain: string | undefined): string | undefined {
  return domain && /^[a-z0-9](?:[a-z0-9-]{0,62})$/i.test(domain) ? domain : undefined;
}

export function pipedriveOrganizationUrl(domain: string | undefined, orgId: number): string | undefined {
  const d = validCompanyDomain(domain);
  return d ? `https://${d}.pipedrive.com/organization/${orgId}` : undefined;
}

export function headerView(org: Organization, catalog: FieldCatalog, companyDomain: string | undefined): HeaderView {
  const owner = org.owner_name ?? org.owner_id?.name ?? catalog.userName(org.owner_id?.id ?? org.owner_id?.value);
  const labelIds = Array.isArray(org.label_ids) && org.label_ids.length ? org.label_ids : org.label !== null && org.label !== undefined ? [org.label] : [];
  return {
    id: org.id,
    name: plainText(org.name),
    owner: plainText(owner),
    address: plainText(org.address_formatted_address ?? org.address),
    labels: catalog.labelNames(labelIds),
    visibility: catalog.formatValue('visible_to', org.visible_to),
    counts: COUNTS.filter(([k]) => typeof org[k] === 'number').map(([k, label]) => ({ label, value: String(org[k]) })),
    addTime: formatDateTime(org.add_time),
    updateTime: formatDateTime(org.update_time),
    pipedriveUrl: pipedriveOrganizationUrl(companyDomain, org.id),
    website: safeExternalUrl(org.website ?? undefined),
    customFields: catalog.customFields(org),
  };
}

export interface SectionResult {
  page: SectionPage;
  candidates?: UserOption[];
}

/** One page of a section, as rows. */
export async function loadSection(client: PipedriveClient, orgId: number, m: LoadSectionMessage, catalog: FieldCatalog): Promise<SectionResult> {
  const limit = SECTION_PAGE_SIZE;
  const offset = (page: { items: unknown[]; moreItems: boolean; nextStart?: number }, rows: Row[]): SectionPage => ({
    rows,
    ...(page.moreItems && page.nextStart !== undefined ? { next: page.nextStart } : {}),
  });
  switch (m.section) {
    case 'persons': {
      const page = await client.listOrganizationPersons(orgId, { start: m.start ?? 0, limit });
      return { page: offset(page, page.items.map(personRow)) };
    }
    case 'deals': {
      const page = await client.listOrganizationDeals(orgId, {
        start: m.start ?? 0,
        limit,
        status: m.params.status,
        sort: m.params.sort,
        only_primary_association: m.params.onlyPrimary ? 1 : 0,
      });
      return { page: offset(page, page.items.map((d) => dealRow(d, catalog))) };
    }
    case 'activities': {
      const done = m.params.done === 'all' ? undefined : m.params.done === 'done' ? 1 : 0;
      const page = await client.listOrganizationActivities(orgId, {
        start: m.start ?? 0,
        limit,
        ...(done !== undefined ? { done } : {}),
        ...(m.params.exclude.length ? { exclude: m.params.exclude } : {}),
      });
      return { page: offset(page, page.items.map((a) => activityRow(a, catalog))) };
    }
    case 'files': {
      const page = await client.listOrganizationFiles(orgId, { start: m.start ?? 0, limit, sort: m.params.sort });
      return { page: offset(page, page.items.map((f) => fileRow(f, catalog))) };
    }
    case 'followers': {
      const page = await client.listOrganizationFollowers(orgId);
      const following = new Set(page.items.map((f) => f.user_id));
      const rows: Row[] = page.items.map((f) => ({
        key: `follower:${f.id}`,
        icon: 'eye',
        title: catalog.userName(f.user_id),
        details: [`since ${formatDateTime(f.add_time)}`],
        followerId: f.id,
      }));
      const candidates = catalog.userList
        .filter((u) => u.active_flag !== false && !following.has(u.id))
        .map((u) => ({ id: u.id, name: plainText(u.name) }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return { page: { rows }, candidates };
    }
    case 'mailMessages': {
      const page = await client.listOrganizationMailMessages(orgId, { start: m.start ?? 0, limit });
      return { page: offset(page, page.items.map(mailRow)) };
    }
    case 'permittedUsers': {
      const ids = await client.listOrganizationPermittedUsers(orgId);
      return { page: { rows: ids.map((id) => ({ key: `user:${id}`, icon: 'account', title: catalog.userName(id), details: [] })) } };
    }
    case 'changelog': {
      const page = await client.listOrganizationChangelog(orgId, { limit, ...(m.cursor ? { cursor: m.cursor } : {}) });
      return { page: { rows: page.items.map((c, i) => changeRow(c, catalog, `${m.cursor ?? ''}:${i}`)), ...(page.nextCursor ? { next: page.nextCursor } : {}) } };
    }
  }
}

function primary(values: unknown): string {
  if (!Array.isArray(values)) return '';
  const v = values.find((x) => x && (x as { primary?: boolean }).primary) ?? values[0];
  return plainText((v as { value?: unknown } | undefined)?.value);
}

export function personRow(p: Person): Row {
  return { key: `person:${p.id}`, icon: 'person', title: plainText(p.name), details: [primary(p.email), primary(p.phone)].filter(Boolean) };
}

export function dealRow(d: Deal, catalog: FieldCatalog): Row {
  const value = typeof d.formatted_value === 'string' && d.formatted_value ? d.formatted_value : formatMoney(d.value, d.currency);
  const owner = d.owner_name ?? d.user_id?.name ?? (d.user_id ? catalog.userName(d.user_id.id ?? d.user_id.value) : '');
  return {
    key: `deal:${d.id}`,
    icon: 'briefcase',
    title: plainText(d.title),
    details: [value, plainText(d.person_name ?? d.person_id?.name), plainText(owner), `updated ${formatDateTime(d.update_time)}`].filter(Boolean),
    badge: plainText(d.status),
  };
}

export function activityRow(a: Activity, catalog: FieldCatalog): Row {
  const due = [a.due_date ?? '', a.due_time ?? ''].join(' ').trim();
  return {
    key: `activity:${a.id}`,
    icon: a.done ? 'pass' : 'calendar',
    title: plainText(a.subject),
    details: [plainText(a.type), due ? `due ${due}` : '', plainText(a.person_name), a.owner_name ? plainText(a.owner_name) : a.user_id ? catalog.userName(a.user_id) : ''].filter(Boolean),
    badge: a.done ? 'done' : 'to do',
  };
}

export function fileRow(f: OrganizationFile, catalog: FieldCatalog): Row {
  return {
    key: `file:${f.id}`,
    icon: 'file',
    title: plainText(f.file_name || f.name),
    details: [formatBytes(f.file_size), formatDateTime(f.add_time), f.user_id ? catalog.userName(f.user_id) : ''].filter(Boolean),
    url: safeExternalUrl(f.url),
  };
}

export function mailRow(m: MailMessageItem): Row {
  const d = m.data;
  const from = Array.isArray(d?.from) && d.from[0] ? plainText(d.from[0].name || d.from[0].email_address) : '';
  return {
    key: `mail:${d?.id}`,
    icon: 'mail',
    title: plainText(d?.subject) || '(no subject)',
    details: [from ? `from ${from}` : '', formatDateTime(d?.message_time ?? m.timestamp)].filter(Boolean),
    ...(d?.has_real_attachments_flag ? { badge: 'attachment' } : {}),
  };
}

export function changeRow(c: OrganizationChange, catalog: FieldCatalog, key: string): Row {
  const oldText = catalog.formatValue(c.field_key, c.old_value) || '(empty)';
  const newText = catalog.formatValue(c.field_key, c.new_value) || '(empty)';
  return {
    key: `change:${key}`,
    icon: 'history',
    title: `${catalog.fieldName(c.field_key)}: ${oldText} → ${newText}`,
    details: [catalog.userName(c.actor_user_id), formatDateTime(c.time)].filter(Boolean),
  };
}
