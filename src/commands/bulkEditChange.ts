// What a bulk edit does to each organization, as data (no vscode): the change the person chose,
// how it reads in the confirm and the result, and the per-organization label arithmetic. Labels are
// added to or removed from each organization's own set, never replaced by one set for all.
import type { UpdateOrganizationInput, VisibleTo } from '../api';

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
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

function labelWord(change: { labels: readonly unknown[] }): string {
  return change.labels.length === 1 ? 'the label' : 'the labels';
}

/** The change as a verb phrase for the confirm: "add the label "Customer"", "set the owner to Ann". */
export function describeChange(change: BulkChange): string {
  switch (change.kind) {
    case 'owner':
      return `set the owner to ${change.ownerName}`;
    case 'visibility':
      return `set the visibility to "${change.visibilityName}"`;
    case 'addLabels':
      return `add ${labelWord(change)} ${quotedList(change.labels.map((l) => l.name))}`;
    case 'removeLabels':
      return `remove ${labelWord(change)} ${quotedList(change.labels.map((l) => l.name))}`;
    case 'follow':
      return change.isMe ? 'follow them yourself' : `make ${change.userName} a follower`;
    case 'unfollow':
      return change.isMe ? 'stop following them yourself' : `remove ${change.userName} as a follower`;
  }
}

/** Why an organization needed no request, for the result: "already had it". */
export function unchangedReason(change: BulkChange): string {
  switch (change.kind) {
    case 'addLabels':
      return change.labels.length === 1 ? 'already had the label' : 'already had the labels';
    case 'removeLabels':
      return change.labels.length === 1 ? 'did not have the label' : 'had none of the labels';
    case 'follow':
      return change.isMe ? 'you already followed them' : `${change.userName} already followed them`;
    case 'unfollow':
      return change.isMe ? 'you did not follow them' : `${change.userName} did not follow them`;
    default:
      return 'already set';
  }
}
