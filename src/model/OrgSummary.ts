import type { CollectionOrganization, Organization, User } from '../api';

/** Counts shown on the organization's groups, when the record carries them. */
export interface OrgCounts {
  persons?: number;
  deals?: number;
  activities?: number;
  files?: number;
  followers?: number;
}

/**
 * What the tree shows of one organization, merged from whatever record we saw last (the full v1
 * list record, the lean collection record, or a record a command created or updated).
 */
export interface OrgSummary {
  id: number;
  name: string;
  ownerId?: number;
  ownerName?: string;
  locality?: string;
  address?: string;
  updateTime?: string;
  counts: OrgCounts;
  /** Whether the signed-in user follows it, once known (follow/unfollow commands set it). */
  followed?: boolean;
  /** The last full record, when one was seen. */
  record?: Organization;
}

export function summaryFromOrganization(org: Organization): OrgSummary {
  const owner = org.owner_id as Organization['owner_id'] | number | null | undefined;
  const ownerId = typeof owner === 'number' ? owner : owner?.value ?? owner?.id;
  const ownerName = org.owner_name ?? (typeof owner === 'object' && owner ? owner.name : undefined);
  const deals =
    typeof org.open_deals_count === 'number' && typeof org.closed_deals_count === 'number'
      ? org.open_deals_count + org.closed_deals_count
      : undefined;
  return {
    id: org.id,
    name: String(org.name ?? ''),
    ownerId,
    ownerName: ownerName ?? undefined,
    locality: org.address_locality ?? undefined,
    address: org.address ?? undefined,
    updateTime: org.update_time,
    counts: {
      persons: numberOrUndefined(org.people_count),
      deals,
      activities: numberOrUndefined(org.activities_count),
      files: numberOrUndefined(org.files_count),
      followers: numberOrUndefined(org.followers_count),
    },
    record: org,
  };
}

export function summaryFromCollection(org: CollectionOrganization, users?: ReadonlyMap<number, User>): OrgSummary {
  return {
    id: org.id,
    name: String(org.name ?? ''),
    ownerId: org.owner_id,
    ownerName: users?.get(org.owner_id)?.name,
    locality: org.address_locality ?? undefined,
    address: org.address ?? undefined,
    updateTime: org.update_time,
    counts: {},
  };
}

/** Newer values win; fields the newer record lacks keep what we knew. */
export function mergeSummary(old: OrgSummary | undefined, next: OrgSummary): OrgSummary {
  if (!old) return next;
  const merged: OrgSummary = { ...old };
  for (const [k, v] of Object.entries(next) as [keyof OrgSummary, unknown][]) {
    if (k === 'counts' || v === undefined) continue;
    (merged as unknown as Record<string, unknown>)[k] = v;
  }
  merged.counts = { ...old.counts };
  for (const [k, v] of Object.entries(next.counts) as [keyof OrgCounts, number | undefined][]) {
    if (v !== undefined) merged.counts[k] = v;
  }
  return merged;
}

function numberOrUndefined(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
