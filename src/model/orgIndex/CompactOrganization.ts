// One organization as the index keeps it: only what the tree, the local query and export read,
// in a fixed shape (one hidden class for 100,000 records) with times as numbers. Counters are not
// kept: they change with every person, deal or activity, which recents does not report for the
// organization, so a stored count would go stale; the details read brings fresh ones.
import type { Organization } from '../../api/records';
import { asId, asIds, asOptText, asRecord, asText } from '../../api/coerce';
import { groupOf } from '../../api/firstChar';
import { ownerIdOf } from '../organization';

/** Shared by every record without labels, so 100,000 unlabelled records cost no arrays. */
const NO_LABELS: readonly number[] = Object.freeze([]);

/**
 * Group keys are shared between records: groupOf makes a new string per call, and 100,000 copies
 * of "東" or "Other" would cost more than the rest of a record. Bounded by the first characters in use.
 */
const groupKeys = new Map<string, string>();

function sharedGroup(name: string): string {
  const g = groupOf(name);
  const known = groupKeys.get(g);
  if (known !== undefined) return known;
  groupKeys.set(g, g);
  return g;
}

export class CompactOrganization {
  /** The root group of the tree (firstChar.ts): kept so counts and group lists need no regex per record. */
  readonly group: string;

  constructor(
    readonly id: number,
    readonly name: string,
    /** The owner's user id; 0 when the record names none. */
    readonly ownerId: number,
    /** Pipedrive's visibility group (1, 3, 5, 7); 0 when unknown. */
    readonly visibleTo: number,
    readonly labelIds: readonly number[],
    /** Seconds since the epoch (UTC); 0 when unknown. */
    readonly addTime: number,
    readonly updateTime: number,
    /** The one-line address (Pipedrive's formatted address), or undefined. */
    readonly address: string | undefined,
    readonly locality: string | undefined,
  ) {
    this.group = sharedGroup(name);
  }
}

/** True when two compact records hold the same values. */
export function sameCompact(a: CompactOrganization, b: CompactOrganization): boolean {
  return a.id === b.id && a.name === b.name && a.ownerId === b.ownerId && a.visibleTo === b.visibleTo
    && a.addTime === b.addTime && a.updateTime === b.updateTime && a.address === b.address && a.locality === b.locality
    && a.labelIds.length === b.labelIds.length && a.labelIds.every((l, i) => l === b.labelIds[i]);
}

/** `2024-02-29 10:20:30` (v1, UTC) or ISO 8601 (v2) → seconds since the epoch; 0 for anything else. */
export function toSeconds(value: unknown): number {
  if (typeof value !== 'string' || value === '') return 0;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? value.replace(' ', 'T') + 'Z' : value;
  const ms = Date.parse(iso);
  // Before 1970 or unparsable: unknown. The file accepts only counts, and a record it cannot read
  // back would drop the file (and cost a full walk) at every start.
  return Number.isNaN(ms) || ms < 1000 ? 0 : Math.floor(ms / 1000);
}

/** Seconds since the epoch → v1 text (`YYYY-MM-DD HH:MM:SS`, UTC); '' for 0. */
export function fromSeconds(seconds: number): string {
  return seconds > 0 ? new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ') : '';
}

/** The owner id of a v1 record (a user object) or of a lean one (a number); 0 when none. */
function ownerOrZero(owner: unknown): number {
  return ownerIdOf(owner) ?? 0;
}

/** The owner name a record carries (owner_name, or the name inside owner_id), if any. */
export function ownerNameOf(org: Organization): string | undefined {
  const rec = asRecord(org) ?? {};
  return asOptText(rec.owner_name) ?? asOptText(asRecord(rec.owner_id)?.name);
}

/**
 * The compact form of a record from any route (v1 list, v2 mapped, recents, a command's result).
 * Undefined when the record has no usable id. Reads every field through coerce: never throws.
 */
export function compactOrganization(org: Organization): CompactOrganization | undefined {
  const rec = asRecord(org);
  const id = asId(rec?.id);
  if (!rec || id === undefined) return undefined;
  const labels = asIds(rec.label_ids);
  const single = asId(rec.label);
  if (labels.length === 0 && single !== undefined) labels.push(single);
  const visible = Number(asText(rec.visible_to).trim() || NaN);
  return new CompactOrganization(
    id,
    asText(rec.name),
    ownerOrZero(rec.owner_id),
    Number.isSafeInteger(visible) && visible > 0 ? visible : 0,
    labels.length === 0 ? NO_LABELS : labels,
    toSeconds(rec.add_time),
    toSeconds(rec.update_time),
    emptyToUndefined(asOptText(rec.address_formatted_address) ?? asOptText(rec.address)),
    emptyToUndefined(asOptText(rec.address_locality)),
  );
}

function emptyToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

/**
 * The v1-shaped record readers get back (query, get). Fields the index does not keep (counters,
 * custom fields, website, address parts) are absent, as in a lean list record.
 */
export function expandOrganization(c: CompactOrganization, ownerName: string | undefined): Organization {
  const owner = c.ownerId > 0 ? { id: c.ownerId, value: c.ownerId, ...(ownerName !== undefined ? { name: ownerName } : {}) } : { id: 0, value: 0 };
  return {
    id: c.id,
    name: c.name,
    owner_id: owner,
    owner_name: ownerName,
    active_flag: true,
    first_char: ([...c.name.trimStart()][0] ?? '').toLowerCase(),
    add_time: fromSeconds(c.addTime),
    update_time: fromSeconds(c.updateTime),
    visible_to: c.visibleTo > 0 ? String(c.visibleTo) : '',
    label: c.labelIds[0] ?? null,
    label_ids: [...c.labelIds],
    address: c.address ?? null,
    address_formatted_address: c.address ?? null,
    address_locality: c.locality ?? null,
  };
}

/** The tuple a record takes in the index file: short, positional, JSON-safe. */
export type CompactTuple = [id: number, name: string, ownerId: number, visibleTo: number, labelIds: number[], addTime: number, updateTime: number, address: string | null, locality: string | null];

export function toTuple(c: CompactOrganization): CompactTuple {
  return [c.id, c.name, c.ownerId, c.visibleTo, [...c.labelIds], c.addTime, c.updateTime, c.address ?? null, c.locality ?? null];
}

/** A tuple read back from a file; undefined when it is not one (the file is then treated as corrupt). */
export function fromTuple(t: unknown): CompactOrganization | undefined {
  if (!Array.isArray(t) || t.length !== 9) return undefined;
  const [id, name, ownerId, visibleTo, labelIds, addTime, updateTime, address, locality] = t as unknown[];
  if (asId(id) === undefined || typeof name !== 'string' || !isCount(ownerId) || !isCount(visibleTo) || !isCount(addTime) || !isCount(updateTime)) return undefined;
  if (!Array.isArray(labelIds) || !labelIds.every((l) => asId(l) !== undefined)) return undefined;
  if (!(address === null || typeof address === 'string') || !(locality === null || typeof locality === 'string')) return undefined;
  return new CompactOrganization(
    id as number,
    name,
    ownerId as number,
    visibleTo as number,
    labelIds.length === 0 ? NO_LABELS : (labelIds as number[]),
    addTime as number,
    updateTime as number,
    address ?? undefined,
    locality ?? undefined,
  );
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
