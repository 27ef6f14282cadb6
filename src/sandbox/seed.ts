// Deterministic data builders. Orgs are built eagerly (cheap), everything that hangs off an org
// lazily from (seed, org id), so 100000 orgs start fast and only touched orgs cost memory.
import { ACTIVITY_TYPES, CUSTOM_FIELDS, INDUSTRIES, LABELS, STAGES, USERS } from './company';
import {
  Activity, Address, Change, Deal, DealStatus, FileRec, FlowExtra, Follower, FollowerChange, MailMessage, Org,
  OrgSubs, Person, Visibility,
} from './model';
import { Rng, rng } from './prng';
import { CITIES, LONG_NAME, orgName, personName } from './seedNames';
import { DAY, SEED_EPOCH } from './time';

/** Ids of seeded orgs with known traits (valid when size >= 20). Same for every seed. */
export const sandboxFixtures = {
  /** A plain org named "Acme Technologies" (matches the "Tech" filter). */
  plainOrgId: 1,
  hostileNameOrgIds: [2, 3] as const,
  imgOnerrorOrgId: 2,
  scriptOrgId: 3,
  rtlOrgIds: [4, 15] as const,
  longNameOrgId: 5,
  /** 150 deals of every status, some only through a person (non-primary association). */
  manyDealsOrgId: 6,
  /** 2000+ flow items, for the webview benchmark. */
  bigFlowOrgId: 7,
  /** 20,000+ flow items (notes, invoices, documents…): the virtualised flow's scroll benchmark. */
  hugeFlowOrgId: 17,
  /** More than 100 persons, activities, files and mail messages: exercises paging. */
  manyItemsOrgId: 8,
  /** No persons, deals, activities, files, followers, mail or flow extras. */
  emptyOrgId: 9,
  noPersonsOrgId: 9,
  accentedOrgIds: [10, 11, 12] as const,
  nonLatinOrgIds: [13, 14, 4, 15] as const,
  namedOrgs: {
    1: 'Acme Technologies',
    2: '<img src=x onerror=alert(1)>',
    3: '<script>alert("x")</script> Ltd',
    4: 'שלום טכנולוגיות בע״מ',
    5: LONG_NAME,
    6: 'Dealmakers Tech Group',
    7: 'Flowing Rivers Media',
    8: 'Busy Bees Logistics',
    9: 'Quiet Empty Holdings',
    10: 'Östersund Energi AB',
    11: 'Ålesund Fisk AS',
    12: 'École Nationale Tech',
    13: 'Жемчуг Технологии',
    14: '東京テック株式会社',
    15: 'شركة النور للتقنية',
  } as Record<number, string>,
  /** Org ids that are always owned by user 2 (the regular user). */
  ownedByRegularUser: [1, 6] as const,
  minSize: 20,
} as const;

const ACTIVE_USER_IDS = USERS.filter((u) => u.activeFlag).map((u) => u.id);

const SALT = { org: 1, persons: 2, deals: 3, activities: 4, files: 5, followers: 6, mails: 7, changes: 8, extras: 9 };

/** Sub-record ids are derived from the org id so they are stable without a global counter. */
export const ID_STRIDE = 10_000;

export function buildOrg(seed: number, id: number): Org {
  const r = rng(seed, id, SALT.org);
  const name = sandboxFixtures.namedOrgs[id] ?? orgName(r);
  const addTime = SEED_EPOCH + Math.floor(r.next() * 700 * DAY);
  const updateTime = addTime + Math.floor(r.next() * 150 * DAY);
  const fixedOwner = (sandboxFixtures.ownedByRegularUser as readonly number[]).includes(id);
  const org: Org = {
    id,
    name,
    ownerId: fixedOwner ? 2 : r.pick(ACTIVE_USER_IDS),
    addTime,
    updateTime,
    visibleTo: r.pick([3, 3, 3, 7, 1, 5] as Visibility[]),
    labelIds: labelIds(r, id),
    address: r.chance(0.12) ? null : address(r),
    website: r.chance(0.5) ? `https://www.${slug(name)}.example` : null,
    linkedin: r.chance(0.3) ? `https://www.linkedin.com/company/${slug(name)}` : null,
    industry: r.chance(0.6) ? r.pick(INDUSTRIES) : null,
    annualRevenue: r.chance(0.5) ? r.int(1, 500) * 10000 : null,
    employeeCount: r.chance(0.6) ? r.int(1, 5000) : null,
    custom: customValues(r),
    notes: r.chance(0.2) ? [`Met at the ${r.pick(CITIES).locality} trade fair; ${r.pick(['warm', 'cold', 'keen'])} lead`] : [],
    deleted: false,
    deleteTime: null,
  };
  return org;
}

function labelIds(r: Rng, id: number): number[] {
  if (id === 1) return [1];
  if (r.chance(0.45)) return [];
  const first = r.pick(LABELS).id;
  return r.chance(0.2) ? [...new Set([first, r.pick(LABELS).id])] : [first];
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'org';
}

function address(r: Rng): Address {
  const c = r.pick(CITIES);
  const no = String(r.int(1, 200));
  return {
    value: `${c.route} ${no}, ${c.postal} ${c.locality}, ${c.country}`,
    country: c.country,
    admin_area_level_1: c.area1,
    admin_area_level_2: '',
    locality: c.locality,
    sublocality: '',
    route: c.route,
    street_number: no,
    subpremise: '',
    postal_code: c.postal,
  };
}

function customValues(r: Rng): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of CUSTOM_FIELDS) {
    if (r.chance(0.4)) continue;
    switch (f.type) {
      case 'varchar': out[f.key] = `AC-${r.int(1000, 9999)}`; break;
      case 'text': out[f.key] = r.pick(['Long-standing customer.', 'Referred by a partner.', 'Seasonal buyer.']); break;
      case 'enum': out[f.key] = r.pick(f.options!).id; break;
      case 'set': out[f.key] = [...new Set([r.pick(f.options!).id, r.pick(f.options!).id])].sort(); break;
      case 'monetary': out[f.key] = { value: r.int(1, 900) * 100, currency: r.pick(['EUR', 'USD']) }; break;
      case 'date': out[f.key] = `2025-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`; break;
    }
  }
  return out;
}

interface Counts {
  persons: number; deals: number; activities: number; files: number;
  followers: number; mails: number; changes: number; extras: number;
}

function countsFor(r: Rng, id: number): Counts {
  const F = sandboxFixtures;
  if (id === F.emptyOrgId) return { persons: 0, deals: 0, activities: 0, files: 0, followers: 0, mails: 0, changes: 1, extras: 0 };
  const c: Counts = {
    persons: r.chance(0.15) ? 0 : r.int(1, 5),
    deals: r.chance(0.25) ? 0 : r.int(1, 6),
    activities: r.chance(0.2) ? 0 : r.int(1, 6),
    files: r.chance(0.4) ? 0 : r.int(1, 3),
    followers: r.int(0, 3),
    mails: r.chance(0.5) ? 0 : r.int(1, 3),
    changes: r.int(1, 4),
    extras: r.int(0, 5),
  };
  if (id === F.manyDealsOrgId) Object.assign(c, { persons: 12, deals: 150 });
  if (id === F.manyItemsOrgId) Object.assign(c, { persons: 120, activities: 130, files: 110, mails: 105, followers: 8 });
  if (id === F.bigFlowOrgId) Object.assign(c, { persons: 10, deals: 40, activities: 300, files: 60, mails: 80, changes: 600, extras: 1200 });
  if (id === F.hugeFlowOrgId) c.extras = 20_000;
  return c;
}

/** Builds an org's sub-resources from (seed, org id): the same on every run. */
export function buildSubs(seed: number, org: Org): OrgSubs {
  const r = rng(seed, org.id, SALT.persons);
  const n = countsFor(r, org.id);
  const base = org.id * ID_STRIDE;
  const span = Math.max(DAY, org.updateTime - org.addTime);
  const at = (rr: Rng) => org.addTime + Math.floor(rr.next() * span);
  const users = ACTIVE_USER_IDS;

  const persons: Person[] = [];
  for (let k = 1; k <= n.persons; k++) {
    const { first, last } = personName(r);
    const t = at(r);
    persons.push({
      id: base + k, orgId: org.id, name: `${first} ${last}`, firstName: first, lastName: last,
      ownerId: r.pick(users), email: `${first}.${last}@example.com`.toLowerCase(),
      phone: `+372 5${r.int(100000, 999999)}`, addTime: t, updateTime: t, deleted: false,
    });
  }

  const rd = rng(seed, org.id, SALT.deals);
  const deals: Deal[] = [];
  const statuses: DealStatus[] = ['open', 'won', 'lost', 'deleted'];
  for (let k = 1; k <= n.deals; k++) {
    const status = n.deals >= 4 && k <= 4 ? statuses[k - 1] : rd.pick(['open', 'open', 'won', 'lost', 'deleted'] as DealStatus[]);
    const person = persons.length ? rd.pick(persons) : null;
    // Every fifth deal with a person is tied to the org only through that person.
    const primary = !(person && k % 5 === 0);
    const t = at(rd);
    deals.push({
      id: base + k, title: `${rd.pick(['Renewal', 'Pilot', 'Expansion', 'Licence', 'Support'])} #${k}`,
      orgId: primary ? org.id : null, relatedOrgId: org.id, personId: person ? person.id : null,
      ownerId: rd.pick(users), creatorId: rd.pick(users), value: rd.int(1, 200) * 250,
      currency: rd.pick(['EUR', 'USD']), status, stageId: rd.pick(STAGES).id, addTime: t,
      updateTime: t + rd.int(0, 20) * DAY, closeTime: status === 'won' || status === 'lost' ? t + 30 * DAY : null,
      lostReason: status === 'lost' ? 'Price' : null,
    });
  }

  const ra = rng(seed, org.id, SALT.activities);
  const activities: Activity[] = [];
  for (let k = 1; k <= n.activities; k++) {
    const done = k === 1 ? true : k === 2 ? false : ra.chance(0.5);
    const t = at(ra);
    const type = ra.pick(ACTIVITY_TYPES);
    activities.push({
      id: base + k, orgId: org.id, personId: persons.length ? ra.pick(persons).id : null,
      dealId: deals.length && ra.chance(0.5) ? ra.pick(deals).id : null, ownerId: ra.pick(users), type,
      subject: `${type[0].toUpperCase()}${type.slice(1)} about ${ra.pick(['pricing', 'onboarding', 'renewal', 'demo'])}`,
      done, dueTime: t + ra.int(-10, 40) * DAY, addTime: t, updateTime: t, markedDoneTime: done ? t + DAY : null,
      note: ra.chance(0.3) ? 'Bring the <b>slides</b>' : '',
    });
  }

  const rf = rng(seed, org.id, SALT.files);
  const files: FileRec[] = [];
  for (let k = 1; k <= n.files; k++) {
    const ext = rf.pick(['pdf', 'png', 'docx', 'xlsx']);
    const t = at(rf);
    files.push({
      id: base + k, orgId: org.id, userId: rf.pick(users), dealId: deals.length && rf.chance(0.3) ? rf.pick(deals).id : null,
      personId: null, name: `${rf.pick(['contract', 'logo', 'offer', 'minutes'])}-${k}.${ext}`,
      fileType: ext === 'png' ? 'img' : ext, size: rf.int(1000, 5_000_000), addTime: t, updateTime: t,
    });
  }

  const rfo = rng(seed, org.id, SALT.followers);
  const followers: Follower[] = [];
  const followerChanges: FollowerChange[] = [];
  const pool = [org.ownerId, ...users.filter((u) => u !== org.ownerId)];
  for (let k = 1; k <= Math.min(n.followers, pool.length); k++) {
    const t = at(rfo);
    followers.push({ id: base + k, orgId: org.id, userId: pool[k - 1], addTime: t });
    followerChanges.push({ action: 'added', actorUserId: org.ownerId, followerUserId: pool[k - 1], time: t });
  }

  const rm = rng(seed, org.id, SALT.mails);
  const mails: MailMessage[] = [];
  for (let k = 1; k <= n.mails; k++) {
    const p = persons.length ? rm.pick(persons) : null;
    mails.push({
      id: base + k, orgId: org.id, userId: rm.pick(users), subject: `${rm.pick(['Re: offer', 'Invoice', 'Meeting notes', 'Hello'])} ${k}`,
      body: '<p>Hi, please see the attached.</p>', from: p ? p.email : 'info@example.com',
      to: 'sales@sandbox-co.example', withAttachment: rm.chance(0.3), time: at(rm),
    });
  }

  const rc = rng(seed, org.id, SALT.changes);
  const changes: Change[] = [];
  for (let k = 1; k <= n.changes; k++) {
    const custom = k > 1 && rc.chance(0.3);
    const fieldKey = k === 1 ? 'name' : custom ? rc.pick(CUSTOM_FIELDS).key : rc.pick(['owner_id', 'visible_to', 'address', 'label']);
    changes.push({
      id: base + k, fieldKey, oldValue: k === 1 ? null : String(rc.int(1, 9)), newValue: k === 1 ? org.name : String(rc.int(1, 9)),
      actorUserId: rc.pick(users), time: k === 1 ? org.addTime : at(rc), custom,
    });
  }

  const rx = rng(seed, org.id, SALT.extras);
  const extras: FlowExtra[] = [];
  const kinds: FlowExtra['object'][] = ['note', 'invoice', 'document', 'participant', 'activityFile'];
  for (let k = 1; k <= n.extras; k++) {
    const object = k <= kinds.length ? kinds[k - 1] : rx.pick(kinds);
    extras.push({ id: base + k, object, userId: rx.pick(users), content: `${object} ${k} for ${org.name}`, time: at(rx) });
  }

  return { persons, deals, activities, files, followers, followerChanges, mails, changes, extras };
}
