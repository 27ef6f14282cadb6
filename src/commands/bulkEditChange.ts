// What a bulk edit does to each organization, as data (no vscode): the change the person chose,
// how it reads in the confirm and the result, and the per-organization label arithmetic. Labels are
// added to or removed from each organization's own set, never replaced by one set for all.
import type { UpdateOrganizationInput, VisibleTo } from '../api';
import { t } from '../util/l10n';

export type BulkChange =
  | { readonly kind: 'owner'; readonly ownerId: number; readonly ownerName: string }
  | { readonly kind: 'addLabels' | 'removeLabels'; readonly labels: ReadonlyArray<{ readonly id: number; readonly name: string }> }
  | { readonly kind: 'visibility'; readonly visibleTo: VisibleTo; readonly visibilityName: string }
  | { readonly kind: 'follow' | 'unfollow'; readonly userId: number; readonly userName: string; readonly isMe: boolean };

/** True for the changes that are a PATCH of the organization record (the rest are follower calls). */
export function changesRecord(change: BulkChange): boolean {
  return change.kind === 'owner' || change.kind === 'visibility' || change.kind === 'addLabels' || change.kind === 'removeLabels';
}

/** True when each organization's current labels must be read first (to add to or take from them). */
export function needsCurrentLabels(change: BulkChange): boolean {
  return change.kind === 'addLabels' || change.kind === 'removeLabels';
}

/**
 * The label set an organization should have after the change, from the set it has now; undefined
 * when it already is that way (no request needed). Order: its labels as they were, new ones after.
 */
export function labelsAfter(current: readonly number[], change: BulkChange): number[] | undefined {
  if (change.kind !== 'addLabels' && change.kind !== 'removeLabels') return undefined;
  const ids = change.labels.map((l) => l.id);
  const next = change.kind === 'addLabels' ? [...new Set([...current, ...ids])] : current.filter((id) => !ids.includes(id));
  const same = next.length === new Set(current).size && next.every((id) => current.includes(id));
  return same ? undefined : next;
}

/**
 * The body of the update for one organization. `currentLabels` is its label set as just read
 * (label changes only). Undefined: nothing to send.
 */
export function updateFor(change: BulkChange, currentLabels: readonly number[] = []): UpdateOrganizationInput | undefined {
  switch (change.kind) {
    case 'owner':
      return { owner_id: change.ownerId };
    case 'visibility':
      return { visible_to: change.visibleTo };
    case 'addLabels':
    case 'removeLabels': {
      const next = labelsAfter(currentLabels, change);
      return next ? { label_ids: next } : undefined;
    }
    default:
      return undefined;
  }
}

function quotedList(names: readonly string[]): string {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? q.join('') : t('{0} and {1}', q.slice(0, -1).join(', '), q[q.length - 1]);
}

/** The change as a verb phrase for the confirm: "add the label "Customer"", "set the owner to Ann". */
export function describeChange(change: BulkChange): string {
  switch (change.kind) {
    case 'owner':
      return t('set the owner to {0}', change.ownerName);
    case 'visibility':
      return t('set the visibility to "{0}"', change.visibilityName);
    case 'addLabels': {
      const names = quotedList(change.labels.map((l) => l.name));
      return change.labels.length === 1 ? t('add the label {0}', names) : t('add the labels {0}', names);
    }
    case 'removeLabels': {
      const names = quotedList(change.labels.map((l) => l.name));
      return change.labels.length === 1 ? t('remove the label {0}', names) : t('remove the labels {0}', names);
    }
    case 'follow':
      return change.isMe ? t('follow them yourself') : t('make {0} a follower', change.userName);
    case 'unfollow':
      return change.isMe ? t('stop following them yourself') : t('remove {0} as a follower', change.userName);
  }
}

/** Why an organization needed no request, for the result: "already had it". */
export function unchangedReason(change: BulkChange): string {
  switch (change.kind) {
    case 'addLabels':
      return change.labels.length === 1 ? t('already had the label') : t('already had the labels');
    case 'removeLabels':
      return change.labels.length === 1 ? t('did not have the label') : t('had none of the labels');
    case 'follow':
      return change.isMe ? t('you already followed them') : t('{0} already followed them', change.userName);
    case 'unfollow':
      return change.isMe ? t('you did not follow them') : t('{0} did not follow them', change.userName);
    default:
      return t('already set');
  }
}
