import type { CommandContext } from './CommandContext';
import { openDetails } from './openPanels';
import { pickOrganization } from './pickOrganization';
import { t } from '../util/l10n';

/**
 * pipedrive.search: the search picker; the picked organization is revealed (pinned under its
 * letter when its page is not loaded) and its Details open.
 */
export async function searchOrganizations(ctx: CommandContext): Promise<void> {
  const picked = await pickOrganization(ctx, { title: t('Search Pipedrive organizations') });
  const client = ctx.requireClient();
  // The local index has the record (today's API): no request before the Details panel reads it.
  const known = ctx.index()?.get(picked.id);
  const organization = known ?? (await ctx.withProgress(t('Opening "{0}"…', picked.name), (signal) => client.getOrganization(picked.id, { signal }))).organization;
  await ctx.reveal(organization, { select: true, focus: true });
  await openDetails(ctx, picked.id);
}
