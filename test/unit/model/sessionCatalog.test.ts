// The session's users and organization fields (read once per client, shared) and the Details
// panels' header cache (bounded, invalidated), without VS Code.
import * as assert from 'assert';
import type { OrganizationField, User } from '../../../src/api';
import { PlainUserHolder, SessionCatalog, type CatalogBackend } from '../../../src/model/SessionCatalog';
import { HeaderCache } from '../../../src/webviews/details/HeaderCache';
import type { HeaderView } from '../../../src/webviews/details/protocol';

function fakeBackend(fail: { users?: boolean } = {}) {
  const calls = { users: 0, fields: 0 };
  const backend = {
    async listUsers() {
      calls.users++;
      if (fail.users) throw new Error('users down');
      return [{ id: 1, name: 'Ada' } as User];
    },
    async listOrganizationFields() {
      calls.fields++;
      return { items: [{ key: 'label_ids', name: 'Labels' } as OrganizationField], start: 0, limit: 500, moreItems: false };
    },
  } as unknown as CatalogBackend;
  return { backend, calls };
}

describe('SessionCatalog', () => {
  it('concurrent callers share one read of each list; later callers read nothing', async () => {
    const { backend, calls } = fakeBackend();
    const holder = new PlainUserHolder();
    const session = new SessionCatalog(holder, () => backend);
    const [a, b] = await Promise.all([session.users(), session.users()]);
    assert.strictEqual(a, b);
    await Promise.all([session.organizationFields(), session.organizationFields()]);
    await session.users();
    await session.organizationFields();
    assert.deepStrictEqual(calls, { users: 1, fields: 1 });
    assert.strictEqual(holder.knownUsers.get(1)?.name, 'Ada');
    assert.ok(session.hasUsers && session.hasOrganizationFields);
  });

  it('warm() reads both in the background; settled() waits for them; a failure is not kept', async () => {
    const fail = { users: true };
    const { backend, calls } = fakeBackend(fail);
    const warned: string[] = [];
    const session = new SessionCatalog(new PlainUserHolder(), () => backend, (m) => warned.push(m));
    session.warm();
    await session.settled();
    assert.deepStrictEqual(calls, { users: 1, fields: 1 });
    assert.strictEqual(session.hasUsers, false);
    assert.match(warned.join(), /Could not read users: users down/);
    fail.users = false;
    assert.strictEqual((await session.users()).size, 1);
    assert.strictEqual(calls.users, 2);
  });

  it('another client (a new sign-in) or reset() forgets both', async () => {
    let current = fakeBackend();
    const holder = new PlainUserHolder();
    const session = new SessionCatalog(holder, () => current.backend);
    await session.users();
    await session.organizationFields();
    current = fakeBackend();
    assert.strictEqual(session.hasUsers, false);
    assert.strictEqual(holder.knownUsers.size, 0);
    await session.users();
    assert.strictEqual(current.calls.users, 1);
    session.reset();
    assert.strictEqual(session.hasOrganizationFields, false);
  });

  it('an aborted caller stops waiting; the shared read goes on for the others', async () => {
    const { backend, calls } = fakeBackend();
    const session = new SessionCatalog(new PlainUserHolder(), () => backend);
    const abort = new AbortController();
    const mine = session.users(abort.signal);
    const other = session.users();
    abort.abort();
    await assert.rejects(mine, { name: 'AbortError' });
    assert.strictEqual((await other).size, 1);
    assert.strictEqual(calls.users, 1);
  });

  it('signed out: rejects with "Sign in"', async () => {
    const session = new SessionCatalog(new PlainUserHolder(), () => undefined);
    await assert.rejects(session.users(), /Sign in/);
    await assert.rejects(session.organizationFields(), /Sign in/);
  });
});

describe('HeaderCache', () => {
  const header = (id: number) => ({ id, name: `Org ${id}` }) as HeaderView;

  it('keeps the most recently used entries up to its capacity', () => {
    const cache = new HeaderCache(2);
    cache.set(1, header(1), cache.version);
    cache.set(2, header(2), cache.version);
    assert.ok(cache.get(1));
    cache.set(3, header(3), cache.version);
    assert.strictEqual(cache.size, 2);
    assert.strictEqual(cache.get(2), undefined);
    assert.strictEqual(cache.get(1)?.name, 'Org 1');
    assert.strictEqual(cache.get(3)?.name, 'Org 3');
  });

  it('an invalidation drops the entry and any read that started before it', () => {
    const cache = new HeaderCache();
    cache.set(1, header(1), cache.version);
    const before = cache.version;
    cache.delete(1);
    assert.strictEqual(cache.get(1), undefined);
    cache.set(1, header(1), before);
    assert.strictEqual(cache.get(1), undefined, 'a read from before the change was kept');
    cache.set(1, header(1), cache.version);
    cache.clear();
    assert.strictEqual(cache.size, 0);
  });
});
