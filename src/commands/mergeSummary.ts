// What a merge moves, as text for the prompts (pure, unit-tested). Pipedrive merges `id` into
// `merge_with_id`: the first is deleted, its persons, deals, activities, files and followers move
// to the second, and where both have a value the second's (merge_with_id's) is kept.
import type { Organization } from '../api';
import { recordCounts, type RecordCounts } from '../model/organization';

export type MergeCounts = RecordCounts;

/** What moves with `org`: its counts, with the followers listed when the details listed them. */
export function mergeCounts(org: Organization, followers?: number): MergeCounts {
  const counts = recordCounts(org);
  return { ...counts, followers: followers ?? counts.followers };
}

const NOUNS: [keyof MergeCounts, string, string][] = [
  ['persons', 'person', 'persons'],
  ['deals', 'deal', 'deals'],
  ['activities', 'activity', 'activities'],
  ['files', 'file', 'files'],
  ['followers', 'follower', 'followers'],
];

/** "3 persons, 1 deal, 0 activities, ? files, 2 followers" (? when Pipedrive did not count it). */
export function describeCounts(c: MergeCounts): string {
  return NOUNS.map(([k, one, many]) => (c[k] === undefined ? `? ${many}` : `${c[k]} ${c[k] === 1 ? one : many}`)).join(', ');
}

/** The choice line: keep `survivor`, merge `mergedAway` into it. */
export function keepLabel(survivor: { name: string }, mergedAway: { name: string }): string {
  return `Keep "${survivor.name}" (merge "${mergedAway.name}" into "${survivor.name}")`;
}

export function mergeDetail(survivor: { name: string }, mergedAway: { name: string }, moved: MergeCounts): string {
  return `"${mergedAway.name}" is deleted; its ${describeCounts(moved)} move to "${survivor.name}". Where both have a value, "${survivor.name}"'s is kept.`;
}
