import { oneLine } from '../util/escape';
import type { QuickPickItem } from 'vscode';
import { checkSearchTerm, type OrganizationSearchHit, type SearchField, type User } from '../api';
import type { CommandContext } from './CommandContext';
import { loadUsers } from './loadUsers';
import { t } from '../util/l10n';
import { searchLocalNames } from './localOrganizationSearch';
import { ownerIdOf } from '../model/organization';

export const SEARCH_FIELDS: SearchField[] = ['name', 'address', 'notes', 'custom_fields'];
export const SEARCH_LIMIT = 50;

export interface PickedOrganization {
  id: number;
  name: string;
}

interface HitItem extends QuickPickItem {
  hit: OrganizationSearchHit['item'];
}

export interface PickOrganizationOptions {
  title: string;
  placeHolder?: string;
  /** Leave this organization out of the results (merge: not the first one again). */
  excludeId?: number;
}

/** The hint shown instead of a request while the term is too short (the client's own rule). */
export function searchHint(term: string, exactMatch: boolean): string | undefined {
  if (!checkSearchTerm(term, exactMatch)) return undefined;
  const min = exactMatch ? 1 : 2;
  return exactMatch
    ? t('Type at least {0} character to search organizations by name, address, notes and custom fields.', min)
    : t('Type at least {0} characters to search organizations by name, address, notes and custom fields, or 1 character with "Exact match" turned on.', min);
}

/**
 * The shared organization picker: a QuickPick that searches Pipedrive (GET /api/v2/organizations/search)
 * as the person types, showing name, owner and address.
 */
export async function pickOrganization(ctx: CommandContext, options: PickOrganizationOptions): Promise<PickedOrganization> {
  const client = ctx.requireClient();
  const owners = ownerNames(ctx);
  // Local results are shown synchronously: they name the owners a search has read by then.
  let knownOwners: ReadonlyMap<number | undefined, User> = new Map();
  const picked = await ctx.ui().showSearchPick<HitItem>({
    title: options.title,
    placeHolder: options.placeHolder ?? t('Search organizations by name, address, notes or custom fields'),
    exactMatchToggle: true,
    checkTerm: searchHint,
    search: async (term, exactMatch, signal) => {
      const page = await client.searchOrganizations({ term, exact_match: exactMatch || undefined, fields: SEARCH_FIELDS, limit: SEARCH_LIMIT }, { signal });
      const names = (knownOwners = await owners());
      return page.items.map((h) => h.item).filter((o) => o.id !== options.excludeId).map((o) => hitItem(o, names));
    },
    // Name matches from the local index (today's API holds every organization there): shown on the
    // keystroke with no request, until Pipedrive's answer (its ranking; address, notes and custom
    // fields too) replaces them.
    local: (term, exactMatch) =>
      searchLocalNames(ctx.index(), term, exactMatch, SEARCH_LIMIT)
        ?.filter((o) => o.id !== options.excludeId)
        .map((o) => hitItem({ id: o.id, name: o.name, address: o.address ?? null, owner: { id: ownerIdOf(o.owner_id) ?? 0 } }, knownOwners)),
  });
  ctx.store.noteOrganizations([{ id: picked.hit.id, name: picked.hit.name }]);
  return { id: picked.hit.id, name: oneLine(picked.hit.name) };
}

function hitItem(o: Pick<HitItem['hit'], 'id' | 'name' | 'address' | 'owner'>, names: ReadonlyMap<number | undefined, User>): HitItem {
  return {
    label: o.name,
    description: [names.get(o.owner?.id)?.name, `#${o.id}`].filter(Boolean).join(' · '),
    detail: o.address ?? undefined,
    hit: o as HitItem['hit'],
  };
}

/** Owner names for results: the session's users (read once per sign-in; never fatal here). */
function ownerNames(ctx: CommandContext): () => Promise<ReadonlyMap<number | undefined, User>> {
  return () =>
    loadUsers(ctx).catch((e: unknown) => {
      ctx.log.warn(`Owner names for search results unavailable: ${ctx.auth.redact(String(e))}`);
      return new Map();
    });
}
