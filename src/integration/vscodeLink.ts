// Links into VS Code: `vscode://<publisher>.<name>/organization/{id}` opens that organization's
// Details panel. Parsing is kept apart from the handler (no vscode import) so every malformed form
// is tested without a window. A link never runs a change: it only opens a panel.
import { t } from '../util/l10n';

export const LINK_PATH = 'organization';

export type ParsedLink = { ok: true; orgId: number } | { ok: false; problem: string };

/** The organization id of a link's path (`/organization/42`), or what is wrong with it. */
export function parseOrganizationLink(path: string): ParsedLink {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length !== 2 || parts[0] !== LINK_PATH) {
    return { ok: false, problem: t('This link does not point to a Pipedrive organization (expected /{0}/<id>).', LINK_PATH) };
  }
  if (!/^[1-9]\d{0,15}$/.test(parts[1])) return { ok: false, problem: t('"{0}" is not an organization id.', parts[1].slice(0, 40)) };
  const orgId = Number(parts[1]);
  if (!Number.isSafeInteger(orgId)) return { ok: false, problem: t('"{0}" is not an organization id.', parts[1]) };
  return { ok: true, orgId };
}

/** The link to an organization for this VS Code (`vscode`, `vscode-insiders`, `code-oss`…) and extension. */
export function organizationLink(uriScheme: string, extensionId: string, orgId: number): string {
  return `${uriScheme}://${extensionId.toLowerCase()}/${LINK_PATH}/${orgId}`;
}
