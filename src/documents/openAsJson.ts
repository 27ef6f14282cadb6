// pipedrive.openAsJson: an organization as a JSON document, from the tree (the node), the Details
// panel's title bar (the active panel) or the palette (picked by search).
import type * as vscode from 'vscode';
import type { CommandContext } from '../commands/CommandContext';
import { pickOrganization } from '../commands/pickOrganization';
import { orgIdFromArg } from '../webviews/orgIdFromArg';
import { documentsOf } from './registerDocuments';
import { t } from '../util/l10n';

export async function openAsJson(ctx: CommandContext, arg?: unknown): Promise<vscode.Uri> {
  ctx.requireClient();
  const id = orgIdFromArg(arg) ?? activeDetailsPanel(ctx) ?? (await pickOrganization(ctx, { title: t('Open organization as JSON') })).id;
  const doc = await documentsOf(ctx).open(id);
  return doc.uri;
}

/** The organization of the Details panel in front (its title bar button passes no organization). */
function activeDetailsPanel(ctx: CommandContext): number | undefined {
  return ctx.panels.details.values().find((p) => p.panel.active)?.orgId;
}
