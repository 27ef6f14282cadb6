// Reads what the Details panel shows and turns the records into rows of text. No vscode here.
import { PipedriveError, type Activity, type Deal, type MailMessageItem, type Organization, type OrganizationChange, type OrganizationDetails, type OrganizationFile, type Person, type PipedriveClient } from '../../api';
import { asArray, asId, asRecord, mapRecords, type OnSkip } from '../../api/coerce';
import type { DisplayNames } from '../DisplayNames';
import { cleanView, DEFAULT_LOCALE, formatBytes, formatCount, formatDateTime, formatDateTimeIn, formatMoney, plainText, pluralForm, type PluralForms } from '../format';
import { safeExternalUrl, websiteUrl } from '../validate';
import type { HeaderView, LoadSectionMessage, Row, SectionPage, UserOption } from './protocol';
import { organizationWebUrl } from '../../model/organization';
import { t } from '../../util/l10n';

/** Rows per "Load more" (the files route allows at most 100). */
export const SECTION_PAGE_SIZE = 50;

export type HeaderResult = { kind: 'ok'; header: HeaderView } | { kind: 'gone' };

/** How the panel reads: the display language, a cancel signal, and where skipped records are reported. */
export interface ReadOptions {
  locale?: string;
  signal?: AbortSignal;
  onSkip?: OnSkip;
}

export async function loadHeader(client: PipedriveClient, orgId: number, catalog: DisplayNames, companyDomain: string | undefined, myUserId?: number, opts: ReadOptions = {}): Promise<HeaderResult> {
  try {
    const details = await client.getOrganization(orgId, opts.signal ? { signal: opts.signal } : undefined);
    const org = asRecord(details.organization) as Organization | undefined;
    if (!org || asId(org.id) === undefined) {
      opts.onSkip?.('organization', `the record of ${orgId} has no usable id`);
      throw new PipedriveError({ kind: 'malformed', message: t('Pipedrive sent an organization the panel cannot read.'), operation: 'getOrganization' });
    }
    if (org.active_flag === false) return { kind: 'gone' };
    const header = headerView(org, catalog, companyDomain, opts.locale);
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
  const listed = Object.values(asRecord(details.followers) ?? {});
  if (listed.some((f) => asRecord(f)?.user_id === userId)) return true;
  const count = asRecord(details.organization)?.followers_count;
  return listed.length > 0 || count === 0 ? false : undefined;
}

/**
 * The counters the header shows, with the noun in both numbers ("1 email", "2 emails") in the
 * display language. A function, not a table: t() answers in the display language only once the
 * host has set it.
 */
function counters(): Array<[keyof Organization, PluralForms]> {
  return [
    ['people_count', { one: t('person'), other: t('people') }],
    ['open_deals_count', { one: t('open deal'), other: t('open deals') }],
    ['won_deals_count', { one: t('won deal'), other: t('won deals') }],
    ['lost_deals_count', { one: t('lost deal'), other: t('lost deals') }],
    ['activities_count', { one: t('activity'), other: t('activities') }],
    ['done_activities_count', { one: t('done activity'), other: t('done activities') }],
    ['files_count', { one: t('file'), other: t('files') }],
    ['notes_count', { one: t('note'), other: t('notes') }],
    ['followers_count', { one: t('follower'), other: t('followers') }],
    ['email_messages_count', { one: t('email'), other: t('emails') }],
  ];
}

/** A deal's status as its badge says it; a status Pipedrive adds later shows as it comes. */
function dealStatus(status: unknown): string {
  const words: Record<string, string> = { open: t('open'), won: t('won'), lost: t('lost'), deleted: t('deleted') };
  const s = plainText(status);
  return Object.hasOwn(words, s) ? words[s] : s;
}

export function headerView(record: Organization, catalog: DisplayNames, companyDomain: string | undefined, locale: string = DEFAULT_LOCALE): HeaderView {
  const org = (asRecord(record) ?? {}) as Organization;
  const ownerRec = asRecord(org.owner_id);
  const owner = plainText(org.owner_name) || plainText(ownerRec?.name) || catalog.userName(ownerRec ? ownerRec.id ?? ownerRec.value : org.owner_id);
  const ids = asArray(org.label_ids);
  const labelIds = ids.length ? ids : org.label !== null && org.label !== undefined ? [org.label] : [];
  const id = asId(org.id) ?? 0;
  const counts = counters().filter(([k]) => typeof org[k] === 'number' && Number.isFinite(org[k])).map(([k, forms]) => {
    const n = org[k] as number;
    return { label: pluralForm(n, forms, locale), value: formatCount(n, locale) };
  });
  return cleanView({
    id,
    name: plainText(org.name),
    owner: plainText(owner),
    address: plainText(org.address_formatted_address ?? org.address),
    labels: catalog.labelNames(labelIds),
    visibility: catalog.formatValue('visible_to', org.visible_to),
    counts,
    addTime: formatDateTimeIn(org.add_time, locale),
    updateTime: formatDateTimeIn(org.update_time, locale),
    pipedriveUrl: organizationWebUrl(companyDomain, id),
    website: websiteUrl(org.website),
    customFields: catalog.customFields(org),
  });
}

export interface SectionResult {
  page: SectionPage;
  candidates?: UserOption[];
  /** Followers section: follower record id → user id (host only, never posted). */
  followerUsers?: Array<[number, number]>;
}

/** One page of a section, as rows. */
export async function loadSection(client: PipedriveClient, orgId: number, m: LoadSectionMessage, catalog: DisplayNames, opts: ReadOptions = {}): Promise<SectionResult> {
  const result = await readSection(client, orgId, m, catalog, opts);
  return cleanView(result);
}

async function readSection(client: PipedriveClient, orgId: number, m: LoadSectionMessage, catalog: DisplayNames, opts: ReadOptions): Promise<SectionResult> {
  const limit = SECTION_PAGE_SIZE;
  const call = opts.signal ? { signal: opts.signal } : undefined;
  const locale = opts.locale ?? DEFAULT_LOCALE;
  /** Rows of the records that can be read; the others are reported once through onSkip. */
  const rows = <T>(items: unknown, what: string, row: (item: T) => Row): Row[] => mapRecords(items, what, (r) => (r.id === undefined || r.id === null ? undefined : row(r as T)), opts.onSkip);
  const offset = (page: { items: unknown[]; moreItems: boolean; nextStart?: number }, rows: Row[]): SectionPage => ({
    rows,
    ...(page.moreItems && page.nextStart !== undefined ? { next: page.nextStart } : {}),
  });
  switch (m.section) {
    case 'persons': {
      const page = await client.listOrganizationPersons(orgId, { start: m.start ?? 0, limit }, call);
      return { page: offset(page, rows(page.items, 'person', personRow)) };
    }
    case 'deals': {
      const page = await client.listOrganizationDeals(orgId, {
        start: m.start ?? 0,
        limit,
        status: m.params.status,
        sort: m.params.sort,
        only_primary_association: m.params.onlyPrimary ? 1 : 0,
      }, call);
      return { page: offset(page, rows<Deal>(page.items, 'deal', (d) => dealRow(d, catalog, locale))) };
    }
    case 'activities': {
      const done = m.params.done === 'all' ? undefined : m.params.done === 'done' ? 1 : 0;
      const page = await client.listOrganizationActivities(orgId, {
        start: m.start ?? 0,
        limit,
        ...(done !== undefined ? { done } : {}),
        ...(m.params.exclude.length ? { exclude: m.params.exclude } : {}),
      }, call);
      return { page: offset(page, rows<Activity>(page.items, 'activity', (a) => activityRow(a, catalog))) };
    }
    case 'files': {
      const page = await client.listOrganizationFiles(orgId, { start: m.start ?? 0, limit, sort: m.params.sort }, call);
      return { page: offset(page, rows<OrganizationFile>(page.items, 'file', (f) => fileRow(f, catalog))) };
    }
    case 'followers': {
      const page = await client.listOrganizationFollowers(orgId, call);
      const followers = mapRecords(page.items, 'follower', (f) => (asId(f.id) === undefined ? undefined : f), opts.onSkip);
      const following = new Set(followers.map((f) => asId(f.user_id)));
      const followerRows: Row[] = followers.map((f) => ({
        key: `follower:${f.id}`,
        icon: 'eye',
        title: catalog.userName(f.user_id),
        details: [`since ${formatDateTime(f.add_time)}`],
        followerId: asId(f.id),
      }));
      const candidates = catalog.userList
        .filter((u) => u.active_flag !== false && !following.has(u.id))
        .map((u) => ({ id: u.id, name: plainText(u.name) }))
        .sort((a, b) => a.name.localeCompare(b.name, locale));
      const followerUsers = followers.flatMap((f): Array<[number, number]> => {
        const id = asId(f.id);
        const user = asId(f.user_id);
        return id !== undefined && user !== undefined ? [[id, user]] : [];
      });
      return { page: { rows: followerRows }, candidates, followerUsers };
    }
    case 'mailMessages': {
      const page = await client.listOrganizationMailMessages(orgId, { start: m.start ?? 0, limit }, call);
      const mails = mapRecords(page.items, 'mail message', (r) => (asRecord(r.data) ? mailRow(r as unknown as MailMessageItem) : undefined), opts.onSkip);
      return { page: offset(page, mails) };
    }
    case 'permittedUsers': {
      const ids = asArray(await client.listOrganizationPermittedUsers(orgId, call)).map(asId).filter((id): id is number => id !== undefined);
      return { page: { rows: ids.map((id) => ({ key: `user:${id}`, icon: 'account', title: catalog.userName(id), details: [] })) } };
    }
    case 'changelog': {
      const page = await client.listOrganizationChangelog(orgId, { limit, ...(m.cursor ? { cursor: m.cursor } : {}) }, call);
      const changes = mapRecords(page.items, 'change', (c, i) => changeRow(c as unknown as OrganizationChange, catalog, `${m.cursor ?? ''}:${i}`), opts.onSkip);
      return { page: { rows: changes, ...(typeof page.nextCursor === 'string' && page.nextCursor ? { next: page.nextCursor } : {}) } };
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

export function dealRow(d: Deal, catalog: DisplayNames, locale: string = DEFAULT_LOCALE): Row {
  const value = typeof d.formatted_value === 'string' && d.formatted_value ? d.formatted_value : formatMoney(d.value, d.currency, locale);
  const user = asRecord(d.user_id);
  const owner = plainText(d.owner_name) || plainText(user?.name) || (d.user_id ? catalog.userName(user ? user.id ?? user.value : d.user_id) : '');
  return {
    key: `deal:${d.id}`,
    icon: 'briefcase',
    title: plainText(d.title),
    details: [value, plainText(d.person_name ?? asRecord(d.person_id)?.name), plainText(owner), d.update_time ? t('updated {0}', formatDateTime(d.update_time)) : ''].filter(Boolean),
    badge: dealStatus(d.status),
  };
}

export function activityRow(a: Activity, catalog: DisplayNames): Row {
  const due = [plainText(a.due_date), plainText(a.due_time)].join(' ').trim();
  return {
    key: `activity:${a.id}`,
    icon: a.done ? 'pass' : 'calendar',
    title: plainText(a.subject),
    details: [plainText(a.type), due ? t('due {0}', due) : '', plainText(a.person_name), a.owner_name ? plainText(a.owner_name) : a.user_id ? catalog.userName(a.user_id) : ''].filter(Boolean),
    badge: a.done ? t('done') : t('to do'),
  };
}

export function fileRow(f: OrganizationFile, catalog: DisplayNames): Row {
  return {
    key: `file:${f.id}`,
    icon: 'file',
    title: plainText(f.file_name) || plainText(f.name),
    details: [formatBytes(f.file_size), formatDateTime(f.add_time), f.user_id ? catalog.userName(f.user_id) : ''].filter(Boolean),
    url: safeExternalUrl(f.url),
  };
}

export function mailRow(m: MailMessageItem): Row {
  const d = asRecord(m.data) as MailMessageItem['data'] | undefined;
  const sender = asRecord(Array.isArray(d?.from) ? d.from[0] : undefined);
  const from = sender ? plainText(sender.name) || plainText(sender.email_address) : '';
  return {
    key: `mail:${d?.id}`,
    icon: 'mail',
    title: plainText(d?.subject) || t('(no subject)'),
    details: [from ? t('from {0}', from) : '', formatDateTime(d?.message_time ?? m.timestamp)].filter(Boolean),
    ...(d?.has_real_attachments_flag ? { badge: t('attachment') } : {}),
  };
}

export function changeRow(c: OrganizationChange, catalog: DisplayNames, key: string): Row {
  c = (asRecord(c) ?? {}) as unknown as OrganizationChange;
  const oldText = catalog.formatValue(c.field_key, c.old_value) || t('(empty)');
  const newText = catalog.formatValue(c.field_key, c.new_value) || t('(empty)');
  return {
    key: `change:${key}`,
    icon: 'history',
    title: `${catalog.fieldName(c.field_key)}: ${oldText} → ${newText}`,
    details: [catalog.userName(c.actor_user_id), formatDateTime(c.time)].filter(Boolean),
  };
}
