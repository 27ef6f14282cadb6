import * as vscode from 'vscode';
import type { CommandContext } from './CommandContext';
import { targetOrganization } from './organizationTarget';
import { organizationWebUrl } from '../model/organization';
import { t } from '../util/l10n';

/** The organization's Pipedrive web address; throws when the company domain is unknown. */
function organizationUrl(ctx: CommandContext, id: number): string {
  const url = organizationWebUrl(ctx.auth.user?.company_domain, id);
  if (!url) throw new Error(t('Pipedrive did not name your company domain (users/me has no company_domain), so there is no link to build.'));
  return url;
}

/** pipedrive.copyId: the organization's id on the clipboard. */
export async function copyId(ctx: CommandContext, node?: unknown): Promise<void> {
  const org = await targetOrganization(ctx, node, t('Copy the ID of'));
  await vscode.env.clipboard.writeText(String(org.id));
  vscode.window.setStatusBarMessage(t('Copied the ID of "{0}": {1}', org.name, org.id), 4000);
}

/** pipedrive.copyLink: the organization's Pipedrive web address on the clipboard. */
export async function copyLink(ctx: CommandContext, node?: unknown): Promise<void> {
  const org = await targetOrganization(ctx, node, t('Copy the link to'));
  const url = organizationUrl(ctx, org.id);
  await vscode.env.clipboard.writeText(url);
  vscode.window.setStatusBarMessage(t('Copied the link to "{0}"', org.name), 4000);
}

/** pipedrive.openInPipedrive: the organization in the browser. */
export async function openInPipedrive(ctx: CommandContext, node?: unknown): Promise<void> {
  const org = await targetOrganization(ctx, node, t('Open in Pipedrive'));
  await vscode.env.openExternal(vscode.Uri.parse(organizationUrl(ctx, org.id)));
}
