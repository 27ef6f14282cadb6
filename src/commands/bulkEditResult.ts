// The message at the end of a bulk edit (no vscode): how many were changed, which failed and why,
// which were not done after a cancel, and which organizations a Retry or Continue sends again.
import { safeLine } from '../util/safeText';
import type { BulkChange } from './bulkEditChange';
import { unchangedReason } from './bulkEditChange';
import type { BulkOutcome, BulkRunResult } from './bulkEditRun';
import type { PickedOrganization } from './pickOrganization';

/** At most this many names in a message; the rest are counted. */
import { LISTED } from './confirmList';
import { t } from '../util/l10n';

export interface BulkSummary {
  /** 'info' when everything asked for is there now; 'error' when something failed or was not done. */
  readonly severity: 'info' | 'error';
  readonly message: string;
  /** The organizations the action sends again (empty: no action). */
  readonly again: PickedOrganization[];
  /** "Retry" after failures, "Continue" after a cancel (in the display language). */
  readonly action?: string;
}

/** The change as done: "added the label "Customer"". */
export function describeDone(change: BulkChange): string {
  const names = (c: { labels: ReadonlyArray<{ name: string }> }) => c.labels.map((l) => `"${l.name}"`).join(', ');
  switch (change.kind) {
    case 'owner':
      return t('owner set to {0}', change.ownerName);
    case 'visibility':
      return t('visibility set to "{0}"', change.visibilityName);
    case 'addLabels':
      return change.labels.length === 1 ? t('added the label {0}', names(change)) : t('added the labels {0}', names(change));
    case 'removeLabels':
      return change.labels.length === 1 ? t('removed the label {0}', names(change)) : t('removed the labels {0}', names(change));
    case 'follow':
      return change.isMe ? t('you follow them now') : t('{0} follows them now', change.userName);
    case 'unfollow':
      return change.isMe ? t('you no longer follow them') : t('{0} no longer follows them', change.userName);
  }
}

function plural(n: number): string {
  return n === 1 ? t('1 organization') : t('{0} organizations', n);
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, LISTED);
  if (list.length > LISTED) shown.push(t('{0} more', list.length - LISTED));
  return shown.join(', ');
}

/** The person-facing reason: the client's message without the trailing "(operationName)". */
export function reasonOf(error: unknown): string {
  const e = error as { message?: unknown; uncertain?: unknown } | undefined;
  const text = safeLine(e?.message ?? String(error)).replace(/\s*\([a-zA-Z]+(V2)?\)\.?$/, '').replace(/\.$/, '');
  return e?.uncertain === true ? t('{0}; Pipedrive may have saved it', text) : text;
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
  if (!failed.length && !interrupted.length && !skipped.length) {
    let message = changed ? t('Changed {0}: {1}.', plural(changed), done) : t('Nothing to change for {0}: {1}.', plural(total), unchangedReason(change));
    if (changed && unchanged.length) {
      const reason = unchangedReason(change);
      message = unchanged.length === 1 ? t('{0} 1 organization needed no change ({1}).', message, reason) : t('{0} {1} organizations needed no change ({2}).', message, unchanged.length, reason);
    }
    return { severity: 'info', message, again: [] };
  }

  const parts = [result.cancelled ? t('Stopped: changed {0} of {1} ({2}).', changed, plural(total), done) : t('Changed {0} of {1} ({2}).', changed, plural(total), done)];
  if (unchanged.length) parts.push(unchanged.length === 1 ? t('1 organization needed no change.') : t('{0} organizations needed no change.', unchanged.length));
  if (failed.length) parts.push(t('Failed: {0}.', names(failed.map((f) => t('"{0}" ({1})', f.org.name, reasonOf(f.error))))));
  const notDone = [...interrupted.map((o) => t('"{0}" (interrupted; Pipedrive may have saved it)', o.org.name)), ...skipped.map((o) => `"${o.org.name}"`)];
  if (notDone.length) {
    parts.push(result.cancelled ? t('Not done: {0}.', names(notDone)) : t('Not tried after "{0}": {1}.', reasonOf(result.stoppedBy), names(notDone)));
  }
  const again = [...failed, ...interrupted, ...skipped].map((o) => o.org);
  // In tree order, as they were picked.
  const order = new Map(result.outcomes.map((o, i) => [o.org.id, i]));
  again.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { severity: 'error', message: parts.join(' '), again, action: result.cancelled ? t('Continue') : t('Retry') };
}
