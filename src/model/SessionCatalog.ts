// The lists one signed-in session reads once and every part of the extension shares: the users
// (kept in the store, for owner names in the tree, the prompts and the panels) and the
// organization fields (label and visibility names, custom fields). No vscode import.
import type { OrganizationField, PipedriveClient, User } from '../api';
import { iterate } from '../api/pages';
import { t } from '../util/l10n';

/** The client methods the catalog calls. */
export type CatalogBackend = Pick<PipedriveClient, 'listUsers' | 'listOrganizationFields'> & Partial<Pick<PipedriveClient, 'primeUsers'>>;

/** Users and fields saved from an earlier session of the same account (SessionSnapshot). */
export interface SavedSession {
  readonly users: readonly User[];
  readonly fields: readonly OrganizationField[];
}

/** Where the users live (the OrganizationStore; a plain holder for panels made without one). */
export interface UserHolder {
  readonly knownUsers: ReadonlyMap<number, User>;
  setUsers(users: readonly User[]): void;
}

/** A UserHolder of its own, for panels created without the extension's store (tests, bench). */
export class PlainUserHolder implements UserHolder {
  private users = new Map<number, User>();
  get knownUsers(): ReadonlyMap<number, User> {
    return this.users;
  }
  setUsers(users: readonly User[]): void {
    this.users = new Map(users.map((u) => [u.id, u]));
  }
}

/**
 * Users and organization fields, each read at most once per client (concurrent callers share one
 * request). A failed read is not kept: the next caller tries again. A new client (another sign-in)
 * or reset() forgets both; reads still running for the old one are dropped when they answer.
 */
export class SessionCatalog {
  private owner: CatalogBackend | undefined;
  private generation = new AbortController();
  private usersLoaded = false;
  private usersLoad: Promise<ReadonlyMap<number, User>> | undefined;
  private fieldsValue: readonly OrganizationField[] | undefined;
  private fieldsLoad: Promise<readonly OrganizationField[]> | undefined;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly holder: UserHolder,
    private readonly client: () => CatalogBackend | undefined,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** The users by id: the store's when it has them, else one GET /v1/users. */
  users(signal?: AbortSignal): Promise<ReadonlyMap<number, User>> {
    const client = this.sync();
    if (this.hasUsers) return Promise.resolve(this.holder.knownUsers);
    if (!client) return Promise.reject(notSignedIn());
    if (!this.usersLoad) {
      const generation = this.generation;
      const load = client.listUsers({ signal: generation.signal }).then(
        (list) => {
          if (generation !== this.generation) return new Map<number, User>(list.map((u) => [u.id, u]));
          this.holder.setUsers(list);
          this.usersLoaded = true;
          this.usersLoad = undefined;
          return this.holder.knownUsers;
        },
        (e: unknown) => {
          if (generation === this.generation) {
            this.usersLoad = undefined;
            this.warn(`Could not read users: ${describe(e)}`);
          }
          throw e;
        },
      );
      this.usersLoad = load;
      this.track(load);
    }
    return abortable(this.usersLoad, signal);
  }

  /** True when the users are here without a request. */
  get hasUsers(): boolean {
    this.sync();
    return this.usersLoaded || this.holder.knownUsers.size > 0;
  }

  /** The organization fields (GET /v1/organizationFields, every page). */
  organizationFields(signal?: AbortSignal): Promise<readonly OrganizationField[]> {
    const client = this.sync();
    if (this.fieldsValue) return Promise.resolve(this.fieldsValue);
    if (!client) return Promise.reject(notSignedIn());
    if (!this.fieldsLoad) {
      const generation = this.generation;
      const load = (async () => {
        const all: OrganizationField[] = [];
        for await (const f of iterate(({ start }) => client.listOrganizationFields({ limit: 500, start }, { signal: generation.signal }))) all.push(f);
        return all;
      })().then(
        (all) => {
          if (generation === this.generation) {
            this.fieldsValue = all;
            this.fieldsLoad = undefined;
          }
          return all;
        },
        (e: unknown) => {
          if (generation === this.generation) {
            this.fieldsLoad = undefined;
            this.warn(`Could not read organization fields: ${describe(e)}`);
          }
          throw e;
        },
      );
      this.fieldsLoad = load;
      this.track(load);
    }
    return abortable(this.fieldsLoad, signal);
  }

  /** True when the organization fields are here without a request. */
  get hasOrganizationFields(): boolean {
    this.sync();
    return this.fieldsValue !== undefined;
  }

  /**
   * Starts reading both in the background (right after sign-in: the tree, the prompts and the
   * panels need them). Never rejects; failures are logged and retried by the next caller.
   */
  warm(): void {
    this.users().catch(() => undefined);
    this.organizationFields().catch(() => undefined);
  }

  /**
   * Like warm(), but first from `saved` (an earlier session's users and fields, when still fresh):
   * then no request at all. Otherwise both are read and handed to `save`. Never rejects.
   */
  warmFrom(saved: Promise<SavedSession | undefined>, save: (session: SavedSession) => Promise<unknown>): void {
    const client = this.sync();
    const generation = this.generation;
    const run = saved
      .catch(() => undefined)
      .then(async (data) => {
        if (generation !== this.generation) return;
        if (data) {
          this.holder.setUsers(data.users);
          this.usersLoaded = true;
          this.fieldsValue = data.fields;
          client?.primeUsers?.(data.users);
          return;
        }
        const [users, fields] = await Promise.all([this.users(), this.organizationFields()]);
        if (generation === this.generation) await save({ users: [...users.values()], fields });
      })
      .catch(() => undefined);
    this.track(run);
  }

  /** Resolves when every read started so far has answered (tests wait for a quiet session). */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  /** Forgets users and fields (sign-in changed); reads still running are dropped. */
  reset(): void {
    this.generation.abort();
    this.generation = new AbortController();
    this.owner = this.client();
    this.usersLoaded = false;
    this.usersLoad = undefined;
    this.fieldsValue = undefined;
    this.fieldsLoad = undefined;
    this.holder.setUsers([]);
  }

  /** The current client; a different one than the lists were read with resets first. */
  private sync(): CatalogBackend | undefined {
    const client = this.client();
    if (client !== this.owner) this.reset();
    return client;
  }

  private track(p: Promise<unknown>): void {
    const done = p.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(done);
    void done.then(() => this.running.delete(done));
  }
}

function notSignedIn(): Error {
  return new Error(t('Sign in to Pipedrive first (Pipedrive: Sign In with API Token).'));
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The shared read, or an AbortError for this caller once `signal` aborts (the read goes on). */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortError(): Error {
  // l10n-ignore: a cancellation is silent (isCancellation)
  const e = new Error('Cancelled');
  e.name = 'AbortError';
  return e;
}
