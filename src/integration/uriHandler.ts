// The extension's UriHandler: opens the Details panel of the organization a link names, signing
// in first when needed. Anything else in a link gets a clear message and does nothing.
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/CommandContext';
import { executeCommand } from '../commands/index';
import { errorMessage } from '../util/errors';
import { parseOrganizationLink } from './vscodeLink';
import { t } from '../util/l10n';

export function createUriHandler(ctx: CommandContext): { handleUri(uri: vscode.Uri): Promise<void> } {
  return {
    async handleUri(uri: vscode.Uri): Promise<void> {
      const parsed = parseOrganizationLink(uri.path);
      if (!parsed.ok) {
        ctx.log.warn(`Ignored a link: ${parsed.problem}`);
        void ctx.ui().showErrorMessage(parsed.problem);
        return;
      }
      if (!ctx.auth.signedIn) {
        await executeCommand('pipedrive.signIn');
        if (!ctx.auth.signedIn) {
          void ctx.ui().showInformationMessage(t('Sign in to Pipedrive to open organization {0}.', parsed.orgId));
          return;
        }
      }
      try {
        await ctx.panels.openDetails(parsed.orgId).whenLoaded();
      } catch (e) {
        void ctx.ui().showErrorMessage(t('Opening organization {0} failed: {1}', parsed.orgId, errorMessage(e)));
      }
    },
  };
}
