// The message at the end of a bulk edit (no vscode): how many were changed, which failed and why,
// which were not done after a cancel, and which organizations a Retry or Continue sends again.
import { safeLine } from '../util/safeText';
import type { BulkChange } from './bulkEditChange';
import { unchangedReason } from './bulkEditChange';
import type { BulkOutcome, BulkRunResult } from './bulkEditRun';
import type { PickedOrganization } from './pickOrganization';

/** At most this many names in a message; the rest are counted. */
import { LISTED } from './confirmList';

export interface BulkSummary {
  /** 'info' when everything asked for is there now; 'error' when something failed or was not done. */
  readonly severity: 'info' | 'error';
  readonly message: string;
  /** The organizations the action sends again (empty: no action). */
  readonly again: PickedOrganization[];
  /** 'Retry' after failures, 'Continue' after a cancel. */
  readonly action?: 'Retry' | 'Continue';
}

/** The change as done: "added the label "Customer"". */
export function describeDone(change: BulkChange): string {
  const labels = (c: { labels: ReadonlyArray<{ name: string }> }) =>
    `${c.labels.length === 1 ? 'the label' : 'the labels'} ${c.labels.map((l) => `"${l.name}"`).join(', ')}`;
  switch (change.kind) {
    case 'owner':
      return `owner set to ${change.ownerName}`;
    case 'visibility':
      return `visibility set to "${change.visibilityName}"`;
    case 'addLabels':
      return `added ${labels(change)}`;
    case 'removeLabels':
      return `removed ${labels(change)}`;
    case 'follow':
      return change.isMe ? 'you follow them now' : `${change.userName} follows them now`;
    case 'unfollow':
      return change.isMe ? 'you no longer follow them' : `${change.userName} no longer follows them`;
  }
}

function plural(n: number, word = 'organization'): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, LISTED);
  if (list.length > LISTED) shown.push(`${list.length - LISTED} more`);
  return shown.join(', ');
}

/** The person-facing reason: the client's message without the trailing "(operationName)". */
export function reasonOf(error: unknown): string {
  const e = error as { message?: unknown; uncertain?: unknown } | undefined;
  const text = safeLine(e?.message ?? String(error)).replace(/\s*\([a-zA-Z]+(V2)?\)\.?$/, '').replace(/\.$/, '');
  return e?.uncertain === true ? `${text}; Pipedrive may have saved it` : text;
}

export function summarize(change: BulkChange, result: BulkRunResult): BulkSummary {
  const by = <S extends BulkOutcome['status']>(s: S) => result.outcomes.filter((o): o is Extract<BulkOutcome, { status: S }> => o.status === s);
  const total = result.outcomes.length;
  const changed = by('changed').length;
  const unchanged = by('unchanged');
  const failed = by('failed');
  const interrupted = by('interrupted');
  const skipped = by('skipped');
  const done = describeDone(change);
  const sameAlready = unchanged.length ? ` ${plural(unchanged.length)} needed no change (${unchangedReason(change)}).` : '';

  if (!failed.length && !interrupted.length && !skipped.length) {
    const message = changed
      ? `Changed ${plural(changed)}: ${done}.${sameAlready}`
      : `Nothing to change for ${plural(total)}: ${unchangedReason(change)}.`;
    return { severity: 'info', message, again: [] };
  }

  const parts = [`${result.cancelled ? 'Stopped: changed' : 'Changed'} ${changed} of ${plural(total)} (${done}).`];
  if (unchanged.length) parts.push(`${plural(unchanged.length)} needed no change.`);
  if (failed.length) parts.push(`Failed: ${names(failed.map((f) => `"${f.org.name}" (${reasonOf(f.error)})`))}.`);
  const notDone = [...interrupted.map((o) => `"${o.org.name}" (interrupted; Pipedrive may have saved it)`), ...skipped.map((o) => `"${o.org.name}"`)];
  if (notDone.length) {
    const why = result.cancelled ? 'Not done' : `Not tried after "${reasonOf(result.stoppedBy)}"`;
    parts.push(`${why}: ${names(notDone)}.`);
  }
  const again = [...failed, ...interrupted, ...skipped].map((o) => o.org);
  // In tree order, as they were picked.
  const order = new Map(result.outcomes.map((o, i) => [o.org.id, i]));
  again.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { severity: 'error', message: parts.join(' '), again, action: result.cancelled ? 'Continue' : 'Retry' };
}
