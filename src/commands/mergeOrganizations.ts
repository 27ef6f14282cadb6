import type { QuickPickItem } from 'vscode';
import type { OrganizationDetails } from '../api';
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
    await client.mergeOrganizations(mergedAway.id, survivor.id, { signal });
    return client.getOrganization(survivor.id, { signal });
  });
  ctx.store.applyMerged(mergedAway.id, merged.organization);
  ctx.log.info(`Merged organization ${mergedAway.id} into ${survivor.id}.`);
  await ctx.reveal(merged.organization, { select: true, focus: false });
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
