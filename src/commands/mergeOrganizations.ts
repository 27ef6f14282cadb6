import type { QuickPickItem } from 'vscode';
import { PipedriveError, type OrganizationDetails, type PipedriveClient } from '../api';
import type { CommandContext } from './CommandContext';
import { keepLabel, mergeCounts, mergeDetail } from './mergeSummary';
import { withRetryOffer } from './offerRetry';
import { targetOrganization } from './organizationTarget';
import { pickOrganization, type PickedOrganization } from './pickOrganization';
import { t } from '../util/l10n';

interface KeepItem extends QuickPickItem {
  survivor: OrganizationDetails;
  mergedAway: OrganizationDetails;
}

/**
 * pipedrive.merge: the other organization by search, then which one survives (with what moves,
 * from both records), a modal confirm naming both, one PUT /v1/organizations/{id}/merge.
 */
export async function mergeOrganizations(ctx: CommandContext, node?: unknown): Promise<void> {
  const first = await targetOrganization(ctx, node, t('Merge organizations: the first one'));
  const other = await pickOrganization(ctx, { title: t('Merge "{0}" with…', first.name), excludeId: first.id });
  const client = ctx.requireClient();
  const items = ctx.withProgress(t('Loading both organizations…'), async (signal) => {
    const [a, b] = await Promise.all([client.getOrganization(first.id, { signal }), client.getOrganization(other.id, { signal })]);
    return [keepItem(a, b), keepItem(b, a)];
  });
  const choice = await ctx.ui().showQuickPick(items, { title: t('Merge "{0}" and "{1}"', first.name, other.name), placeHolder: t('Which organization survives? Pipedrive keeps its values where both have one.') });
  const survivor = nameOf(choice.survivor);
  const mergedAway = nameOf(choice.mergedAway);
  await ctx.ui().showWarningMessage(
    t('Merge "{0}" into "{1}"?', mergedAway.name, survivor.name),
    { modal: true, detail: t('{0} This cannot be undone.', mergeDetail(survivor, mergedAway, countsOf(choice.mergedAway))) },
    { title: t('Merge') },
  );
  // A failure keeps the choices: Retry sends the same merge without the search, pick and confirm
  // again. A lost answer is never resent blindly: Pipedrive is read first (mergeHappened).
  const merged = await withRetryOffer(
    ctx,
    t('Merging "{0}" into "{1}"', mergedAway.name, survivor.name),
    () => ctx.withProgress(t('Merging "{0}" into "{1}"…', mergedAway.name, survivor.name), (signal) => ctx.actions.merge(mergedAway.id, survivor.id, { signal })),
    async (e) => {
      const happened = await mergeHappened(client, mergedAway.id, survivor.id);
      ctx.log.warn(`The answer to merging ${mergedAway.id} into ${survivor.id} was lost (${e.kind}); Pipedrive now shows it ${happened ? 'merged' : 'not merged'}.`);
      if (!happened) return { note: t('The merge did not happen: Pipedrive shows both organizations as before.') };
      ctx.actions.merged(mergedAway.id, happened);
      void ctx.ui().showInformationMessage(t('Pipedrive\'s answer was lost, but the merge went through: "{0}" is now part of "{1}".', mergedAway.name, survivor.name));
      return { done: happened };
    },
  );
  if (!merged) return;
  ctx.log.info(`Merged organization ${mergedAway.id} into ${survivor.id}.`);
  await ctx.reveal(merged.organization, { select: true, focus: false });
}

/** After a lost answer: the survivor as it is now when the merged-away organization is gone, else undefined. */
async function mergeHappened(client: PipedriveClient, mergedAwayId: number, survivorId: number): Promise<OrganizationDetails | undefined> {
  const gone = await client.getOrganization(mergedAwayId).then(
    (d) => d.organization.active_flag === false,
    (e: unknown) => {
      if (e instanceof PipedriveError && e.kind === 'not-found') return true;
      throw e;
    },
  );
  return gone ? client.getOrganization(survivorId) : undefined;
}

function nameOf(d: OrganizationDetails): PickedOrganization {
  return { id: d.organization.id, name: d.organization.name };
}

function countsOf(d: OrganizationDetails): ReturnType<typeof mergeCounts> {
  // v1 details list the followers themselves; v2 details leave them empty and count them on the record.
  const listed = Object.keys(d.followers ?? {}).length;
  return mergeCounts(d.organization, listed || undefined);
}

function keepItem(survivor: OrganizationDetails, mergedAway: OrganizationDetails): KeepItem {
  return {
    label: keepLabel(nameOf(survivor), nameOf(mergedAway)),
    description: t('#{0} survives', survivor.organization.id),
    detail: mergeDetail(nameOf(survivor), nameOf(mergedAway), countsOf(mergedAway)),
    survivor,
    mergedAway,
  };
}
