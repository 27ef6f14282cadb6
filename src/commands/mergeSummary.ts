// What a merge moves, as text for the prompts (pure, unit-tested). Pipedrive merges `id` into
// `merge_with_id`: the first is deleted, its persons, deals, activities, files and followers move
// to the second, and where both have a value the second's (merge_with_id's) is kept.
import type { Organization } from '../api';
import { recordCounts, type RecordCounts } from '../model/organization';
import { t } from '../util/l10n';

export type MergeCounts = RecordCounts;

/** What moves with `org`: its counts, with the followers listed when the details listed them. */
export function mergeCounts(org: Organization, followers?: number): MergeCounts {
  const counts = recordCounts(org);
  return { ...counts, followers: followers ?? counts.followers };
}

/** One count in words: one message per form, so a translation can decline each ("? files": not counted). */
const NOUNS: [keyof MergeCounts, (n: number | undefined) => string][] = [
  ['persons', (n) => (n === undefined ? t('? persons') : n === 1 ? t('1 person') : t('{0} persons', n))],
  ['deals', (n) => (n === undefined ? t('? deals') : n === 1 ? t('1 deal') : t('{0} deals', n))],
  ['activities', (n) => (n === undefined ? t('? activities') : n === 1 ? t('1 activity') : t('{0} activities', n))],
  ['files', (n) => (n === undefined ? t('? files') : n === 1 ? t('1 file') : t('{0} files', n))],
  ['followers', (n) => (n === undefined ? t('? followers') : n === 1 ? t('1 follower') : t('{0} followers', n))],
];

/** "3 persons, 1 deal, 0 activities, ? files, 2 followers" (? when Pipedrive did not count it). */
export function describeCounts(c: MergeCounts): string {
  return NOUNS.map(([k, words]) => words(c[k])).join(', ');
}

/** The choice line: keep `survivor`, merge `mergedAway` into it. */
export function keepLabel(survivor: { name: string }, mergedAway: { name: string }): string {
  return t('Keep "{0}" (merge "{1}" into "{0}")', survivor.name, mergedAway.name);
}

export function mergeDetail(survivor: { name: string }, mergedAway: { name: string }, moved: MergeCounts): string {
  return t('"{0}" is deleted; its {1} move to "{2}". Where both have a value, "{2}"\'s is kept.', mergedAway.name, describeCounts(moved), survivor.name);
}
