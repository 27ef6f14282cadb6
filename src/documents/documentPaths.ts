// Paths of the pipedrive: file system (no vscode). `/organizations/{id} {name}.json`: the id is
// what counts, the name is there so the tab reads well.

export const SCHEME = 'pipedrive';
export const CONFLICT_SCHEME = 'pipedrive-conflict';
/**
 * The schema is `pipedrive://schema/organization.json`: VS Code takes a jsonValidation url only
 * with `//` (or `./`), and the JSON extension matches schema changes by the url's own spelling.
 */
export const SCHEMA_AUTHORITY = 'schema';
export const SCHEMA_PATH = '/organization.json';
export const SCHEMA_URL = `${SCHEME}://${SCHEMA_AUTHORITY}${SCHEMA_PATH}`;
export const ORGANIZATIONS_DIR = '/organizations';

/** The file name for an organization: path separators and control characters become spaces. */
export function organizationPath(id: number, name: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `${ORGANIZATIONS_DIR}/${id}${safe ? ` ${safe}` : ''}.json`;
}

/** The organization id of a path, or undefined when the path is not an organization document. */
export function organizationIdOfPath(path: string): number | undefined {
  const m = /^\/organizations\/(\d{1,15})(?: [^/]*)?\.json$/.exec(path);
  if (!m) return undefined;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
