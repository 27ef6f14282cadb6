import { isPartialDeleteError, type PartialDeleteError, type PipedriveClient, type PipedriveError } from '../api';
import { isCancellation } from '../util/errors';
import { safeLine } from '../util/safeText';
import type { CommandContext } from './CommandContext';
import { confirmList, LISTED } from './confirmList';
import { retryAction } from './offerRetry';
import { organizationsOfSelection, targetOrganization } from './organizationTarget';
import type { PickedOrganization } from './pickOrganization';
import { t } from '../util/l10n';

const deleteAction = () => ({ title: t('Delete') });

/**
 * pipedrive.delete: the clicked organization (a modal confirm naming it, then one DELETE), or the
 * multi-selection when the clicked node is part of it (see deleteSelected). From the palette it
 * asks with the search picker.
 */
export async function deleteOrganization(ctx: CommandContext, node?: unknown, selected?: unknown): Promise<void> {
  const targets = organizationsOfSelection(ctx, node, selected);
  if (targets.length > 1) return deleteMany(ctx, targets);
  const org = targets[0] ?? (await targetOrganization(ctx, undefined, t('Delete organization')));
  ctx.requireClient();
  await ctx.ui().showWarningMessage(
    t('Delete the organization "{0}"?', org.name),
    { modal: true, detail: t('It is deleted in Pipedrive (id {0}) for everyone in your company.', org.id) },
    deleteAction(),
  );
  await ctx.withProgress(t('Deleting "{0}"…', org.name), (signal) => ctx.actions.delete(org.id, { signal }));
  ctx.log.info(`Deleted organization ${org.id}.`);
}

/** pipedrive.deleteSelected: every organization selected in the tree, with one confirm and one bulk request. */
export async function deleteSelected(ctx: CommandContext, node?: unknown, selected?: unknown): Promise<void> {
  const targets = organizationsOfSelection(ctx, node, selected ?? ctx.treeView.selection);
  const fromView = targets.length ? targets : organizationsOfSelection(ctx, undefined, ctx.treeView.selection);
  if (fromView.length === 0) {
    void ctx.ui().showInformationMessage(t('Select the organizations to delete in the Pipedrive Organizations view first.'));
    return;
  }
  if (fromView.length === 1) return deleteOrganization(ctx, { type: 'organization', orgId: fromView[0].id });
  return deleteMany(ctx, fromView);
}

async function deleteMany(ctx: CommandContext, orgs: PickedOrganization[]): Promise<void> {
  const client = ctx.requireClient();
  await ctx.ui().showWarningMessage(
    t('Delete {0} organizations?', orgs.length),
    { modal: true, detail: t('They are deleted in Pipedrive for everyone in your company:\n{0}', confirmList(orgs)) },
    deleteAction(),
  );
  await deleteBatch(ctx, client, orgs);
}

/**
 * Deletes a confirmed batch. When some are not deleted, the message names them and offers Retry
 * for those only (already confirmed: no second question).
 */
async function deleteBatch(ctx: CommandContext, client: PipedriveClient, orgs: PickedOrganization[]): Promise<void> {
  const ids = orgs.map((o) => o.id);
  try {
    await ctx.withProgress(t('Deleting {0} organizations…', orgs.length), (signal) => ctx.actions.deleteMany(ids, { signal }));
    ctx.log.info(`Deleted organizations ${ids.join(', ')}.`);
  } catch (e) {
    if (isPartialDeleteError(e)) {
      // v2 deletes one by one: what was deleted left the tree and open panels (the actions), and
      // the message names each organization that was not deleted, and why.
      ctx.log.warn(`Deleted organizations ${e.deleted.join(', ') || 'none'}; not deleted: ${e.failed.map((f) => `${f.id} (${f.error.message})`).join('; ')}`);
      const left = orgs.filter((o) => e.failed.some((f) => f.id === o.id));
      const retry = retryAction();
      const action = await ctx.ui().showErrorMessage(partialDeleteMessage(orgs, e), retry);
      if (action === retry && left.length) await deleteBatch(ctx, client, left);
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
  const failed = e.failed.slice(0, LISTED).map((f) => {
    const name = names.get(f.id) ?? t('Organization {0}', f.id);
    return cancelled ? t('"{0}"', name) : t('"{0}" ({1})', name, userReason(f.error));
  });
  if (e.failed.length > LISTED) failed.push(t('{0} more', e.failed.length - LISTED));
  return cancelled
    ? t('Deleting stopped: {0} of {1} organizations were deleted. Not deleted: {2}.', e.deleted.length, orgs.length, failed.join(', '))
    : t('Deleted {0} of {1} organizations. Not deleted: {2}.', e.deleted.length, orgs.length, failed.join(', '));
}

function userReason(error: PipedriveError): string {
  return safeLine(error.message).replace(/\s*\([a-zA-Z]+(V2)?\)\.?$/, '');
}
