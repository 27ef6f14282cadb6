import { isPartialDeleteError, type PartialDeleteError, type PipedriveClient, type PipedriveError } from '../api';
import { isCancellation } from '../util/errors';
import { safeLine } from '../util/safeText';
import type { CommandContext } from './CommandContext';
import { confirmList, LISTED } from './confirmList';
import { RETRY } from './offerRetry';
import { organizationsOfSelection, targetOrganization } from './organizationTarget';
import type { PickedOrganization } from './pickOrganization';

const DELETE = { title: 'Delete' };

/**
 * pipedrive.delete: the clicked organization (a modal confirm naming it, then one DELETE), or the
 * multi-selection when the clicked node is part of it (see deleteSelected). From the palette it
 * asks with the search picker.
 */
export async function deleteOrganization(ctx: CommandContext, node?: unknown, selected?: unknown): Promise<void> {
  const targets = organizationsOfSelection(ctx, node, selected);
  if (targets.length > 1) return deleteMany(ctx, targets);
  const org = targets[0] ?? (await targetOrganization(ctx, undefined, 'Delete organization'));
  ctx.requireClient();
  await ctx.ui().showWarningMessage(`Delete the organization "${org.name}"?`, { modal: true, detail: `It is deleted in Pipedrive (id ${org.id}) for everyone in your company.` }, DELETE);
  await ctx.withProgress(`Deleting "${org.name}"…`, (signal) => ctx.actions.delete(org.id, { signal }));
  ctx.log.info(`Deleted organization ${org.id}.`);
}

/** pipedrive.deleteSelected: every organization selected in the tree, with one confirm and one bulk request. */
export async function deleteSelected(ctx: CommandContext, node?: unknown, selected?: unknown): Promise<void> {
  const targets = organizationsOfSelection(ctx, node, selected ?? ctx.treeView.selection);
  const fromView = targets.length ? targets : organizationsOfSelection(ctx, undefined, ctx.treeView.selection);
  if (fromView.length === 0) {
    void ctx.ui().showInformationMessage('Select the organizations to delete in the Pipedrive Organizations view first.');
    return;
  }
  if (fromView.length === 1) return deleteOrganization(ctx, { type: 'organization', orgId: fromView[0].id });
  return deleteMany(ctx, fromView);
}

async function deleteMany(ctx: CommandContext, orgs: PickedOrganization[]): Promise<void> {
  const client = ctx.requireClient();
  await ctx.ui().showWarningMessage(`Delete ${orgs.length} organizations?`, { modal: true, detail: `They are deleted in Pipedrive for everyone in your company:\n${confirmList(orgs)}` }, DELETE);
  await deleteBatch(ctx, client, orgs);
}

/**
 * Deletes a confirmed batch. When some are not deleted, the message names them and offers Retry
 * for those only (already confirmed: no second question).
 */
async function deleteBatch(ctx: CommandContext, client: PipedriveClient, orgs: PickedOrganization[]): Promise<void> {
  const ids = orgs.map((o) => o.id);
  try {
    await ctx.withProgress(`Deleting ${orgs.length} organizations…`, (signal) => ctx.actions.deleteMany(ids, { signal }));
    ctx.log.info(`Deleted organizations ${ids.join(', ')}.`);
  } catch (e) {
    if (isPartialDeleteError(e)) {
      // v2 deletes one by one: what was deleted left the tree and open panels (the actions), and
      // the message names each organization that was not deleted, and why.
      ctx.log.warn(`Deleted organizations ${e.deleted.join(', ') || 'none'}; not deleted: ${e.failed.map((f) => `${f.id} (${f.error.message})`).join('; ')}`);
      const left = orgs.filter((o) => e.failed.some((f) => f.id === o.id));
      const action = await ctx.ui().showErrorMessage(partialDeleteMessage(orgs, e), RETRY);
      if (action === RETRY && left.length) await deleteBatch(ctx, client, left);
      return;
    }
    // Some may be gone already (a cancel can stop half-way): show the truth.
    if (!isCancellation(e) || client.isOnV2('deleteOrganizations')) ctx.store.refresh();
    throw e;
  }
}

/** "Deleted 2 of 3 organizations. Not deleted: "Acme" (…)." with names, at most LISTED of them. */
export function partialDeleteMessage(orgs: readonly PickedOrganization[], e: PartialDeleteError): string {
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const cancelled = e.failed.every((f) => f.error.kind === 'aborted');
  const failed = e.failed.slice(0, LISTED).map((f) => `"${names.get(f.id) ?? `Organization ${f.id}`}"${cancelled ? '' : ` (${userReason(f.error)})`}`);
  if (e.failed.length > LISTED) failed.push(`${e.failed.length - LISTED} more`);
  const head = cancelled ? `Deleting stopped: ${e.deleted.length} of ${orgs.length} organizations were deleted.` : `Deleted ${e.deleted.length} of ${orgs.length} organizations.`;
  return `${head} Not deleted: ${failed.join(', ')}.`;
}

function userReason(error: PipedriveError): string {
  return safeLine(error.message).replace(/\s*\([a-zA-Z]+(V2)?\)\.?$/, '');
}
