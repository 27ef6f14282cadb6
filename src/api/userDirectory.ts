// The users the client knows, by id: v2 records carry only owner ids, and the product shows names.
import { PipedriveError } from './PipedriveError';
import type { User } from './records';
import type { UserLookup } from './v2Mapping';

/**
 * Users read once (or handed over from a saved session) and shared by every v2 mapping. A failed
 * read is logged and leaves owners id-only; the next lookup tries again.
 */
export class UserDirectory {
  private byId: Promise<Map<number, User>> | undefined;

  constructor(private readonly log: (line: string) => void) {}

  /** Users read elsewhere (the session's GET /v1/users, or a saved session). */
  prime(users: readonly User[]): void {
    this.byId = Promise.resolve(new Map(users.map((u) => [u.id, u])));
  }

  /** A lookup by id; `read` runs only when no users are known yet. */
  async lookup(read: () => Promise<User[]>): Promise<UserLookup> {
    if (!this.byId) {
      this.byId = read().then(
        (users) => new Map(users.map((u) => [u.id, u])),
        (e: unknown) => {
          this.byId = undefined;
          if (e instanceof PipedriveError && e.kind === 'aborted') throw e;
          this.log(`Could not read users for owner names (${e instanceof PipedriveError ? e.kind : 'error'}); owners show as ids.`);
          return new Map<number, User>();
        },
      );
    }
    const map = await this.byId;
    return (id) => map.get(id);
  }
}
