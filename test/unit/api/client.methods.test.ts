import * as assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { PipedriveError } from '../../../src/api/PipedriveError';
import { collect, makeClient, rejection, type ClientHarness } from '../helpers/clientKit';
import { iterate } from '../../../src/api/pages';

const SIZE = 120;

describe('client: every method against the sandbox', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let h: ClientHarness;
  let orgId: number;

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: SIZE, apiMode: 'legacy-v1' });
    h = makeClient(sandbox.url, sandbox.token);
    const first = await h.client.listOrganizations({ limit: 1 });
    orgId = first.items[0].id;
  });
  after(async () => {
    h.client.dispose();
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.reset();
  });

  const c = () => h.client;
  const last = () => sandbox.log[sandbox.log.length - 1];

  describe('organizations', () => {
    it('listOrganizations: one page with paging info', async () => {
      const page = await c().listOrganizations({ limit: 10 });
      assert.equal(page.items.length, 10);
      assert.equal(page.start, 0);
      assert.equal(page.limit, 10);
      assert.equal(page.moreItems, true);
      assert.equal(page.nextStart, 10);
      assert.equal(typeof page.items[0].id, 'number');
      assert.equal(typeof page.items[0].name, 'string');
      assert.equal(typeof page.items[0].owner_id.value, 'number');
      assert.equal(last().path, '/v1/organizations');
      assert.deepEqual(last().query.limit, '10');
    });

    it('iterate walks listOrganizations to the end (offset paging)', async () => {
      const all = await collect(iterate(({ start }) => c().listOrganizations({ limit: 17, start })));
      assert.equal(all.length, SIZE);
      assert.equal(new Set(all.map((o) => o.id)).size, SIZE);
      assert.equal(sandbox.log.length, Math.ceil(SIZE / 17));
    });

    it('listOrganizations by first_char matches names case-insensitively', async () => {
      const all = await collect(iterate(({ start }) => c().listOrganizations({ limit: 500, start })));
      const ch = [...all[0].name][0];
      const expected = all.filter((o) => [...o.name][0].toLowerCase() === ch.toLowerCase()).length;
      const byChar = await collect(iterate(({ start }) => c().listOrganizations({ first_char: ch.toLowerCase(), limit: 5, start })));
      assert.equal(byChar.length, expected);
      for (const o of byChar) assert.equal([...o.name][0].toLowerCase(), ch.toLowerCase());
    });

    it('getOrganizationsCollection + iterate walk to the end (cursor paging)', async () => {
      const page = await c().getOrganizationsCollection({ limit: 25 });
      assert.equal(page.items.length, 25);
      assert.equal(typeof page.nextCursor, 'string');
      sandbox.clearLog();
      const all = await collect(iterate(({ cursor }) => c().getOrganizationsCollection({ limit: 25, cursor })));
      assert.equal(all.length, SIZE);
      assert.equal(sandbox.log.length, Math.ceil(SIZE / 25) + (SIZE % 25 === 0 ? 1 : 0));
      assert.equal(typeof all[0].owner_id, 'number');
    });

    it('searchOrganizations + iterate', async () => {
      const org = (await c().getOrganization(orgId)).organization;
      const term = org.name.slice(0, 4);
      const page = await c().searchOrganizations({ term, limit: 2 });
      assert.ok(page.items.length >= 1);
      assert.ok(page.items.every((h) => typeof h.item.id === 'number' && typeof h.result_score === 'number'));
      const all = await collect(iterate(({ cursor }) => c().searchOrganizations({ term, limit: 2, cursor })));
      assert.ok(all.some((hit) => hit.item.id === orgId));
      assert.equal(last().path, '/api/v2/organizations/search');
    });

    it('getOrganization returns the record, followers and related objects', async () => {
      const d = await c().getOrganization(orgId);
      assert.equal(d.organization.id, orgId);
      assert.equal(typeof d.followers, 'object');
      assert.equal(last().path, `/v1/organizations/${orgId}`);
    });

    it('addOrganization, updateOrganization, deleteOrganization', async () => {
      const added = await c().addOrganization({ name: 'Zeta Test Org', visible_to: 3 });
      assert.equal(added.name, 'Zeta Test Org');
      assert.equal(sandbox.log[0].method, 'POST');
      assert.deepEqual((sandbox.log[0].body as Record<string, unknown>).visible_to, '3');
      const updated = await c().updateOrganization(added.id, { name: 'Zeta Renamed' });
      assert.equal(updated.name, 'Zeta Renamed');
      assert.equal(last().method, 'PUT');
      const del = await c().deleteOrganization(added.id);
      assert.equal(del.id, added.id);
      const e = await rejection(c().getOrganization(added.id));
      assert.equal(e.kind, 'not-found');
    });

    it('addOrganization sends custom fields as top-level v1 keys', async () => {
      const key = 'a'.repeat(40);
      await c().addOrganization({ name: 'Custom Co', custom_fields: { [key]: 'x' } });
      const body = sandbox.log[0].body as Record<string, unknown>;
      assert.equal(body[key], 'x');
      assert.equal(body.custom_fields, undefined);
    });

    it('mergeOrganizations', async () => {
      const a = await c().addOrganization({ name: 'Merge A' });
      const b = await c().addOrganization({ name: 'Merge B' });
      const r = await c().mergeOrganizations(a.id, b.id);
      assert.equal(typeof r.id, 'number');
      assert.deepEqual(last().body, { merge_with_id: b.id });
      assert.equal(last().path, `/v1/organizations/${a.id}/merge`);
    });

    it('deleteOrganizations sends ids in the query and deletes all', async () => {
      const a = await c().addOrganization({ name: 'Bulk A' });
      const b = await c().addOrganization({ name: 'Bulk B' });
      const r = await c().deleteOrganizations([a.id, b.id]);
      assert.deepEqual([...r.id].sort((x, y) => x - y), [a.id, b.id].sort((x, y) => x - y));
      assert.equal(last().method, 'DELETE');
      assert.equal(last().path, '/v1/organizations');
      assert.equal(last().query.ids, `${a.id},${b.id}`);
    });
  });

  describe('related lists (each as one page and walked to the end)', () => {
    it('listOrganizationActivities', async () => {
      const page = await c().listOrganizationActivities(orgId, { limit: 2 });
      assert.ok(page.items.length <= 2);
      const all = await collect(iterate(({ start }) => c().listOrganizationActivities(orgId, { limit: 2, start })));
      const one = await c().listOrganizationActivities(orgId, { limit: 500 });
      assert.equal(all.length, one.items.length);
      const done = await c().listOrganizationActivities(orgId, { done: 1, limit: 500 });
      assert.ok(done.items.every((a) => a.done === true));
    });

    it('listOrganizationChangelog (cursor)', async () => {
      await c().updateOrganization(orgId, { name: 'Changed Name One' });
      await c().updateOrganization(orgId, { name: 'Changed Name Two' });
      const page = await c().listOrganizationChangelog(orgId, { limit: 1 });
      assert.equal(page.items.length, 1);
      const all = await collect(iterate(({ cursor }) => c().listOrganizationChangelog(orgId, { limit: 1, cursor })));
      assert.ok(all.length >= 2);
      assert.ok(all.every((ch) => typeof ch.field_key === 'string'));
    });

    it('listOrganizationDeals', async () => {
      const all = await collect(iterate(({ start }) => c().listOrganizationDeals(orgId, { limit: 3, start })));
      const one = await c().listOrganizationDeals(orgId, { limit: 500 });
      assert.equal(all.length, one.items.length);
      const won = await c().listOrganizationDeals(orgId, { status: 'won', limit: 500 });
      assert.ok(won.items.every((d) => d.status === 'won'));
    });

    it('listOrganizationFiles', async () => {
      const all = await collect(iterate(({ start }) => c().listOrganizationFiles(orgId, { limit: 2, start })));
      const one = await c().listOrganizationFiles(orgId, { limit: 100 });
      assert.equal(all.length, one.items.length);
    });

    it('listOrganizationFlow', async () => {
      const all = await collect(iterate(({ start }) => c().listOrganizationFlow(orgId, { limit: 3, start })));
      const one = await c().listOrganizationFlow(orgId, { limit: 500 });
      assert.equal(all.length, one.items.length);
      assert.ok(all.every((f) => typeof f.object === 'string'));
      await c().listOrganizationFlow(orgId, { items: ['activity', 'note'], all_changes: 1 });
      assert.equal(last().query.items, 'activity,note');
    });

    it('followers: list, add, delete (v1)', async () => {
      const me = await c().getCurrentUser();
      const users = await c().listUsers();
      const other = users.find((u) => u.id !== me.id) ?? me;
      const before = await c().listOrganizationFollowers(orgId);
      const alreadyFollowing = before.items.find((f) => f.user_id === other.id);
      if (alreadyFollowing) await c().deleteOrganizationFollower(orgId, alreadyFollowing.id);
      const added = await c().addOrganizationFollower(orgId, other.id);
      assert.equal(added.user_id, other.id);
      const after = await c().listOrganizationFollowers(orgId);
      assert.ok(after.items.some((f) => f.id === added.id));
      const del = await c().deleteOrganizationFollower(orgId, added.id);
      assert.equal(del.id, added.id);
    });

    it('listOrganizationMailMessages', async () => {
      const all = await collect(iterate(({ start }) => c().listOrganizationMailMessages(orgId, { limit: 1, start })));
      const one = await c().listOrganizationMailMessages(orgId, { limit: 500 });
      assert.equal(all.length, one.items.length);
    });

    it('listOrganizationPermittedUsers', async () => {
      const ids = await c().listOrganizationPermittedUsers(orgId);
      assert.ok(Array.isArray(ids));
      assert.ok(ids.every((x) => typeof x === 'number'));
    });

    it('listOrganizationPersons', async () => {
      const all = await collect(iterate(({ start }) => c().listOrganizationPersons(orgId, { limit: 1, start })));
      const one = await c().listOrganizationPersons(orgId, { limit: 500 });
      assert.equal(all.length, one.items.length);
      assert.ok(all.every((p) => p.org_id === null || p.org_id.value === orgId));
    });
  });

  describe('v2 routes', () => {
    it('listOrganizationsV2 + iterate walk to the end', async () => {
      const page = await c().v2.listOrganizationsV2({ limit: 7 });
      assert.equal(page.items.length, 7);
      const all = await collect(iterate(({ cursor }) => c().v2.listOrganizationsV2({ limit: 50, cursor })));
      assert.equal(all.length, SIZE);
    });

    it('getOrganizationV2, addOrganizationV2, updateOrganizationV2, deleteOrganizationV2', async () => {
      const got = await c().v2.getOrganizationV2(orgId);
      assert.equal(got.id, orgId);
      const added = await c().v2.addOrganizationV2({ name: 'V2 Co', visible_to: 3 });
      assert.equal(added.name, 'V2 Co');
      const upd = await c().v2.updateOrganizationV2(added.id, { name: 'V2 Co Renamed' });
      assert.equal(upd.name, 'V2 Co Renamed');
      assert.equal(last().method, 'PATCH');
      const del = await c().v2.deleteOrganizationV2(added.id);
      assert.equal(del.id, added.id);
    });

    it('v2 followers: list, add, changelog, delete', async () => {
      const users = await c().listUsers();
      const before = await collect(iterate(({ cursor }) => c().v2.listOrganizationFollowersV2(orgId, { limit: 1, cursor })));
      const candidate = users.find((u) => !before.some((f) => f.user_id === u.id));
      assert.ok(candidate, 'a user who does not follow yet');
      const added = await c().v2.addOrganizationFollowerV2(orgId, candidate.id);
      assert.equal(added.user_id, candidate.id);
      const page = await c().v2.listOrganizationFollowersV2(orgId);
      assert.ok(page.items.some((f) => f.user_id === candidate.id));
      const changes = await collect(iterate(({ cursor }) => c().v2.listOrganizationFollowersChangelogV2(orgId, { limit: 1, cursor })));
      assert.ok(changes.some((ch) => ch.follower_user_id === candidate.id));
      const del = await c().v2.deleteOrganizationFollowerV2(orgId, candidate.id);
      assert.equal(del.user_id, candidate.id);
    });

    it('deals, persons and activities by org_id', async () => {
      const deals = await collect(iterate(({ cursor }) => c().v2.listDealsV2(orgId, { limit: 2, cursor })));
      assert.ok(deals.every((d) => d.org_id === orgId));
      const persons = await collect(iterate(({ cursor }) => c().v2.listPersonsV2(orgId, { limit: 2, cursor })));
      assert.ok(persons.every((p) => p.org_id === orgId));
      const acts = await collect(iterate(({ cursor }) => c().v2.listActivitiesV2(orgId, { limit: 2, cursor })));
      assert.ok(acts.every((a) => a.org_id === orgId));
      assert.equal(last().query.org_id, String(orgId));
    });
  });

  describe('supporting routes', () => {
    it('getCurrentUser, listUsers, listOrganizationFields, listOrganizationFilters', async () => {
      const me = await c().getCurrentUser();
      assert.equal(typeof me.id, 'number');
      const users = await c().listUsers();
      assert.ok(users.some((u) => u.id === me.id));
      const fields = await collect(iterate(({ start }) => c().listOrganizationFields({ limit: 5, start })));
      assert.ok(fields.some((f) => f.key === 'name'));
      const filters = await c().listOrganizationFilters();
      assert.ok(Array.isArray(filters));
      assert.equal(last().query.type, 'org');
    });
  });

  describe('status mapping', () => {
    it('401 → auth with a message about the token', async () => {
      const bad = makeClient(sandbox.url, 'wrong-token-value-123');
      const e = await rejection(bad.client.listOrganizations());
      bad.client.dispose();
      assert.ok(e instanceof PipedriveError);
      assert.equal(e.kind, 'auth');
      assert.equal(e.status, 401);
      assert.match(e.message, /Pipedrive rejected the API token/);
    });

    it('403 on the collection for a regular user → permission, needs global admin rights', async () => {
      const reg = makeClient(sandbox.url, sandbox.regularUserToken);
      const e = await rejection(reg.client.getOrganizationsCollection());
      reg.client.dispose();
      assert.equal(e.kind, 'permission');
      assert.equal(e.status, 403);
      assert.match(e.message, /needs global admin rights/);
      assert.equal(e.operation, 'getOrganizationsCollection');
    });

    it('404 for a missing organization names it', async () => {
      const e = await rejection(c().getOrganization(987654));
      assert.equal(e.kind, 'not-found');
      assert.equal(e.status, 404);
      assert.equal(e.message, 'Organization 987654 was not found or has been deleted.');
      assert.match(e.error ?? '', /Organization not found/);
    });

    it('OAuth mode sends a bearer token', async () => {
      const o = makeClient(sandbox.url, sandbox.token, { auth: 'oauth' });
      await o.client.getCurrentUser();
      o.client.dispose();
      assert.equal(last().auth, 'bearer');
    });

    it('reads the token from an async provider', async () => {
      const o = makeClient(sandbox.url, '', { token: async () => sandbox.token });
      const me = await o.client.getCurrentUser();
      o.client.dispose();
      assert.equal(typeof me.id, 'number');
      assert.equal(last().auth, 'api-token');
    });
  });
});
