// Runs a bulk edit: one organization after another (the client paces itself), each change written
// through the writer at once (in the extension, OrganizationActions: the client, then the store),
// so a failure or a cancel part-way loses nothing that was done. No vscode: unit tests run it against the sandbox.
import type { PipedriveClient } from '../api';
import { errorKind, errorMessage, isCancellation } from '../util/errors';
import { changesRecord, needsCurrentLabels, updateFor, type BulkChange } from './bulkEditChange';
import { valuesOf } from './editValues';
import type { PickedOrganization } from './pickOrganization';
import type { OrganizationActions } from '../model/OrganizationActions';

/** What the runner reads (the changes themselves go through the writer). */
export type BulkClient = Pick<PipedriveClient, 'getOrganizationRecord' | 'listOrganizationFollowers'>;

/** The changes: the extension's OrganizationActions (client call, then the store). */
export type BulkWriter = Pick<OrganizationActions, 'update' | 'addFollower' | 'removeFollower'>;

/** What became of one organization. */
export type BulkOutcome =
  /** Pipedrive took the change. */
  | { readonly org: PickedOrganization; readonly status: 'changed' }
  /** Nothing to send: it already was that way. */
  | { readonly org: PickedOrganization; readonly status: 'unchanged' }
  | { readonly org: PickedOrganization; readonly status: 'failed'; readonly error: unknown }
  /** Its request was under way when Cancel came: Pipedrive may or may not have taken it. */
  | { readonly org: PickedOrganization; readonly status: 'interrupted' }
  /** Not tried: cancelled before, or the run stopped (`stoppedBy`). */
  | { readonly org: PickedOrganization; readonly status: 'skipped' };

export interface BulkRunResult {
  readonly outcomes: readonly BulkOutcome[];
  readonly cancelled: boolean;
  /** An error that ends the run for every organization left (signed out, budget spent). */
  readonly stoppedBy?: unknown;
}

/**
 * Errors after which the next requests would fail the same way: the token no longer works, or the
 * budget is spent (the client has already waited out short rate limits).
 */
export function stopsRun(e: unknown): boolean {
  const kind = errorKind(e);
  return kind === 'auth' || kind === 'rate-limit';
}

/** Applies `change` to each of `orgs` in order; never throws for one organization's failure. */
export async function runBulkEdit(
  client: BulkClient,
  writer: BulkWriter,
  orgs: readonly PickedOrganization[],
  change: BulkChange,
  signal: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<BulkRunResult> {
  const outcomes: BulkOutcome[] = [];
  let stoppedBy: unknown;
  let cancelled = false;
  for (const org of orgs) {
    if (cancelled || signal.aborted || stoppedBy !== undefined) {
      cancelled ||= signal.aborted;
      outcomes.push({ org, status: 'skipped' });
      continue;
    }
    const step = { writing: false };
    try {
      outcomes.push({ org, status: (await applyOne(client, writer, org.id, change, signal, step)) ? 'changed' : 'unchanged' });
    } catch (e) {
      if (signal.aborted || isCancellation(e)) {
        cancelled = true;
        // Stopped while only reading: nothing was sent for it.
        outcomes.push({ org, status: step.writing ? 'interrupted' : 'skipped' });
      } else {
        outcomes.push({ org, status: 'failed', error: e });
        if (stopsRun(e)) stoppedBy = e;
      }
    }
    onProgress?.(outcomes.length, orgs.length);
  }
  return { outcomes, cancelled, stoppedBy };
}

/** One organization; resolves true when something was sent and taken, false when nothing was needed. */
async function applyOne(client: BulkClient, writer: BulkWriter, id: number, change: BulkChange, signal: AbortSignal, step: { writing: boolean }): Promise<boolean> {
  if (changesRecord(change)) {
    // Labels: this organization's own set as it is now (one GET, one token), so labels someone
    // added meanwhile, or that only some of the organizations have, stay.
    const current = needsCurrentLabels(change) ? valuesOf(await client.getOrganizationRecord(id, { signal })).labelIds : undefined;
    const input = updateFor(change, current);
    if (!input) return false;
    step.writing = true;
    await writer.update(id, input, { signal });
    return true;
  }
  if (change.kind === 'follow') {
    step.writing = true;
    try {
      await writer.addFollower(id, change.userId, { signal });
    } catch (e) {
      // Pipedrive answers 400 "already following": the state asked for is there already.
      if (errorKind(e) === 'bad-request' && /already/i.test(errorMessage(e))) return false;
      throw e;
    }
    return true;
  }
  if (change.kind === 'unfollow') {
    // The follower record's id is what the delete takes (in v1 it is not the user id).
    const followers = await client.listOrganizationFollowers(id, { signal });
    const mine = followers.items.find((f) => f.user_id === change.userId);
    if (!mine) return false;
    step.writing = true;
    await writer.removeFollower(id, mine.id, change.userId, { signal });
    return true;
  }
  return false;
}
