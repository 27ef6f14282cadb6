import type { QuickPickItem } from 'vscode';
import { PipedriveError, type OrganizationDetails, type PipedriveClient } from '../api';
import type { CommandContext } from './CommandContext';
import { keepLabel, mergeCounts, mergeDetail } from './mergeSummary';
import { targetOrganization } from './organizationTarget';
import { pickOrganization, type PickedOrganization } from './pickOrganization';

interface KeepItem extends QuickPickItem {
  survivor: OrganizationDetails;
  mergedAway: OrganizationDetails;
}

/**
 * pipedrive.merge: the other organization by search, then which one survives (with what moves,
 * from both records), a modal confirm naming both, one PUT /v1/organizations/{id}/merge.
 */
export async function mergeOrganizations(ctx: CommandContext, node?: unknown): Promise<void> {
  const first = await targetOrganization(ctx, node, 'Merge organizations: the first one');
  const other = await pickOrganization(ctx, { title: `Merge "${first.name}" with…`, excludeId: first.id });
  const client = ctx.requireClient();
  const items = ctx.withProgress('Loading both organizations…', async (signal) => {
    const [a, b] = await Promise.all([client.getOrganization(first.id, { signal }), client.getOrganization(other.id, { signal })]);
    return [keepItem(a, b), keepItem(b, a)];
  });
  const choice = await ctx.ui().showQuickPick(items, { title: `Merge "${first.name}" and "${other.name}"`, placeHolder: 'Which organization survives? Pipedrive keeps its values where both have one.' });
  const survivor = nameOf(choice.survivor);
  const mergedAway = nameOf(choice.mergedAway);
  await ctx.ui().showWarningMessage(
    `Merge "${mergedAway.name}" into "${survivor.name}"?`,
    { modal: true, detail: mergeDetail(survivor, mergedAway, countsOf(choice.mergedAway)) + ' This cannot be undone.' },
    { title: 'Merge' },
  );
  const merged = await ctx.withProgress(`Merging "${mergedAway.name}" into "${survivor.name}"…`, async (signal) => {
    try {
      await client.mergeOrganizations(mergedAway.id, survivor.id, { signal });
    } catch (e) {
      // The answer was lost (reset, timeout, 5xx): the merge is never sent twice, so look at what
      // Pipedrive has now and go by that.
      if (!(e instanceof PipedriveError) || !e.uncertain) throw e;
      const happened = await mergeHappened(client, mergedAway.id, survivor.id);
      ctx.log.warn(`The answer to merging ${mergedAway.id} into ${survivor.id} was lost (${e.kind}); Pipedrive now shows it ${happened ? 'merged' : 'not merged'}.`);
      if (!happened) {
        throw new PipedriveError({ kind: e.kind, status: e.status, operation: e.operation, route: e.route, message: `The merge did not happen: Pipedrive shows both organizations as before. ${e.message.replace(MAY_HAVE_APPLIED_RE, '').trim()}` });
      }
      void ctx.ui().showInformationMessage(`Pipedrive's answer was lost, but the merge went through: "${mergedAway.name}" is now part of "${survivor.name}".`);
    }
    return client.getOrganization(survivor.id, { signal });
  });
  ctx.store.applyMerged(mergedAway.id, merged.organization);
  ctx.log.info(`Merged organization ${mergedAway.id} into ${survivor.id}.`);
  await ctx.reveal(merged.organization, { select: true, focus: false });
}

const MAY_HAVE_APPLIED_RE = /The change may or may not have been applied[^.]*\./;

/** After a lost answer: merged when the merged-away organization is gone and the survivor is there. */
async function mergeHappened(client: PipedriveClient, mergedAwayId: number, survivorId: number): Promise<boolean> {
  const gone = await client.getOrganization(mergedAwayId).then(
    (d) => d.organization.active_flag === false,
    (e: unknown) => {
      if (e instanceof PipedriveError && e.kind === 'not-found') return true;
      throw e;
    },
  );
  if (!gone) return false;
  await client.getOrganization(survivorId);
  return true;
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
    description: `#${survivor.organization.id} survives`,
    detail: mergeDetail(nameOf(survivor), nameOf(mergedAway), countsOf(mergedAway)),
    survivor,
    mergedAway,
  };
}
