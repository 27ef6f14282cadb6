import type { OrganizationField, User } from '../api';
import type { SessionCatalog } from '../model/SessionCatalog';
import { DisplayNames } from './DisplayNames';

/**
 * The panels' view of the session's organization fields and users (SessionCatalog: read once per
 * sign-in, shared with the tree and the commands). A failed read falls back to raw keys and ids
 * (the catalog is then not `complete`) and the next panel tries again.
 */
export class DisplayNamesCache {
  private last: { fields: readonly OrganizationField[]; users: ReadonlyMap<number, User>; catalog: DisplayNames } | undefined;

  constructor(private readonly session: SessionCatalog) {}

  async get(): Promise<DisplayNames> {
    const [fields, users] = await Promise.all([this.session.organizationFields().catch(() => undefined), this.session.users().catch(() => undefined)]);
    if (!fields || !users) return new DisplayNames(fields ?? [], [...(users?.values() ?? [])], false);
    // Built once per pair of lists: both keep their identity until the session reads them again.
    if (this.last?.fields !== fields || this.last.users !== users) this.last = { fields, users, catalog: new DisplayNames(fields, [...users.values()]) };
    return this.last.catalog;
  }
}
