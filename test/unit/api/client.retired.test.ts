import * as assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import type { Organization } from '../../../src/api/records';
import { collect, makeClient, rejection, type ClientHarness } from '../helpers/clientKit';
import { iterate } from '../../../src/api/pages';

const SIZE = 150;

/** The fields both modes must agree on for an organization. */
function orgCore(o: Organization) {
  return {
    id: o.id,
    name: o.name,
    owner: o.owner_id.value,
    owner_name: o.owner_name,
    visible_to: o.visible_to,
    label_ids: o.label_ids,
    active_flag: o.active_flag,
    first_char: o.first_char,
    add_time: o.add_time,
    update_time: o.update_time,
    address: o.address ?? null,
  };
}

for (const status of [410, 404] as const) {
  describe(`client: v1 routes retired with ${status} → same results through v2`, function () {
    this.timeout(30_000);
    let sandbox: Sandbox;
    let v1: ClientHarness;
    let v2: ClientHarness;
    let orgId: number;
    let letter: string;

    before(async () => {
      sandbox = await startSandbox({ port: 0, size: SIZE, apiMode: 'legacy-v1' });
    });
    after(() => sandbox.close());
    beforeEach(async () => {
      sandbox.reset();
      v1 = makeClient(sandbox.url, sandbox.token);
      v2 = makeClient(sandbox.url, sandbox.token);
      const first = (await v1.client.listOrganizations({ limit: 1 })).items[0];
      orgId = first.id;
      letter = [...first.name][0];
      sandbox.clearLog();
    });
    afterEach(() => {
      v1.client.dispose();
      v2.client.dispose();
    });
    const retire = () => sandbox.setFaults([{ kind: 'retire-v1', status }]);

    it('the v1 route really answers the fault (not the client guessing)', async () => {
      retire();
      await v2.client.getOrganization(orgId);
      assert.equal(sandbox.log[0].path, `/v1/organizations/${orgId}`);
      assert.equal(sandbox.log[0].status, status);
      assert.equal(sandbox.log[1].path, `/api/v2/organizations/${orgId}`);
    });

    it('list by first_char (local index), walked in pages, logs the switch once', async () => {
      const expected = await collect(iterate(({ start }) => v1.client.listOrganizations({ first_char: letter.toLowerCase(), limit: 4, start })));
      sandbox.clearLog();
      retire();
      const got = await collect(iterate(({ start }) => v2.client.listOrganizations({ first_char: letter.toLowerCase(), limit: 4, start })));
      assert.ok(expected.length > 0);
      assert.deepEqual(got.map(orgCore), expected.map(orgCore));
      assert.ok(v2.client.isOnV2('listOrganizations'));
      assert.equal(v2.lines.filter((l) => /retired/.test(l) && /listOrganizations/.test(l)).length, 1);
      // The index is built once with limit 500, then refreshed with updated_since.
      const walks = sandbox.log.filter((e) => e.path === '/api/v2/organizations');
      assert.equal(walks[0].query.limit, '500');
      await v2.client.listOrganizations({ first_char: letter });
      const refresh = sandbox.log.filter((e) => e.path === '/api/v2/organizations').slice(walks.length);
      assert.equal(refresh.length, 1, 'a later call asks only for what changed');
      assert.equal(typeof refresh[0].query.updated_since, 'string');
      assert.equal(sandbox.log.filter((e) => e.path === '/v1/organizations').length, 1, 'v1 tried once only');
    });

    it('list by first_char: the busiest letter in small pages, and non-ASCII letters in either case', async () => {
      const all = await collect(iterate(({ start }) => v1.client.listOrganizations({ limit: 500, start })));
      const counts = new Map<string, number>();
      for (const o of all) counts.set(o.first_char, (counts.get(o.first_char) ?? 0) + 1);
      const busiest = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      const letters = [busiest, 'é', 'Ö', '東'];
      const expected = [];
      for (const ch of letters) expected.push(await collect(iterate(({ start }) => v1.client.listOrganizations({ first_char: ch, limit: 3, sort: 'name ASC', start }))));
      assert.ok(expected[0].length > 6, 'several pages');
      assert.ok(expected.every((list) => list.length > 0), 'each letter has organizations');
      retire();
      for (let i = 0; i < letters.length; i++) {
        const got = await collect(iterate(({ start }) => v2.client.listOrganizations({ first_char: letters[i], limit: 3, sort: 'name ASC', start })));
        assert.deepEqual(got.map(orgCore), expected[i].map(orgCore), letters[i]);
      }
    });

    it('list with sort and owner filter, and the whole list', async () => {
      const owner = (await v1.client.getOrganization(orgId)).organization.owner_id.value;
      const params = { user_id: owner, sort: 'name DESC', limit: 7 } as const;
      const expected = await collect(iterate(({ start }) => v1.client.listOrganizations({ ...params, start })));
      const all1 = await collect(iterate(({ start }) => v1.client.listOrganizations({ limit: 500, start })));
      retire();
      assert.deepEqual((await collect(iterate(({ start }) => v2.client.listOrganizations({ ...params, start })))).map(orgCore), expected.map(orgCore));
      const all2 = await collect(iterate(({ start }) => v2.client.listOrganizations({ limit: 500, start })));
      assert.equal(all2.length, all1.length);
      assert.deepEqual(all2.map((o) => o.id), all1.map((o) => o.id));
    });

    it('index stays fresh: a change made elsewhere shows on the next call', async () => {
      retire();
      await v2.client.listOrganizations({ first_char: 'q' });
      const other = makeClient(sandbox.url, sandbox.token);
      await other.client.v2.updateOrganizationV2(orgId, { name: 'Qqq Renamed Elsewhere' });
      other.client.dispose();
      const page = await v2.client.listOrganizations({ first_char: 'Q' });
      assert.ok(page.items.some((o) => o.id === orgId && o.name === 'Qqq Renamed Elsewhere'));
    });

    it('index notices deletions made elsewhere at its next full walk', async () => {
      retire();
      const before = await v2.client.listOrganizations({ first_char: letter });
      const victim = before.items[0].id;
      const other = makeClient(sandbox.url, sandbox.token);
      await other.client.v2.deleteOrganizationV2(victim);
      other.client.dispose();
      v2.clock.sleeps.length = 0;
      await v2.clock.sleep(16 * 60_000);
      sandbox.clearLog();
      const after = await v2.client.listOrganizations({ first_char: letter });
      assert.ok(!after.items.some((o) => o.id === victim));
      assert.equal(sandbox.log.find((e) => e.path === '/api/v2/organizations')?.query.updated_since, undefined, 'a full walk');
    });

    it('details', async () => {
      const expected = await v1.client.getOrganization(orgId);
      retire();
      const got = await v2.client.getOrganization(orgId);
      assert.deepEqual(orgCore(got.organization), orgCore(expected.organization));
      const e = await rejection(v2.client.getOrganization(999999));
      assert.equal(e.kind, 'not-found');
      assert.equal(e.operation, 'getOrganization');
      assert.equal(e.message, 'Organization 999999 was not found or has been deleted.');
    });

    it('persons, deals and activities, walked in pages', async () => {
      const p1 = await collect(iterate(({ start }) => v1.client.listOrganizationPersons(orgId, { limit: 2, start })));
      const d1 = await collect(iterate(({ start }) => v1.client.listOrganizationDeals(orgId, { limit: 2, only_primary_association: 1, start })));
      const a1 = await collect(iterate(({ start }) => v1.client.listOrganizationActivities(orgId, { limit: 2, start })));
      const done1 = await v1.client.listOrganizationActivities(orgId, { done: 1, limit: 500 });
      retire();
      const p2 = await collect(iterate(({ start }) => v2.client.listOrganizationPersons(orgId, { limit: 2, start })));
      const d2 = await collect(iterate(({ start }) => v2.client.listOrganizationDeals(orgId, { limit: 2, only_primary_association: 1, start })));
      const a2 = await collect(iterate(({ start }) => v2.client.listOrganizationActivities(orgId, { limit: 2, start })));
      const done2 = await v2.client.listOrganizationActivities(orgId, { done: 1, limit: 500 });
      const person = (p: (typeof p1)[number]) => ({ id: p.id, name: p.name, email: p.email.map((x) => x.value), org: p.org_id?.value, owner: p.owner_id?.value });
      const deal = (d: (typeof d1)[number]) => ({ id: d.id, title: d.title, status: d.status, value: d.value, currency: d.currency, org: d.org_id?.value, owner: d.user_id?.value });
      const act = (a: (typeof a1)[number]) => ({ id: a.id, subject: a.subject, type: a.type, done: a.done, org: a.org_id, user: a.user_id });
      assert.deepEqual(p2.map(person), p1.map(person));
      assert.deepEqual(d2.map(deal), d1.map(deal));
      assert.deepEqual(a2.map(act), a1.map(act));
      assert.deepEqual(done2.items.map(act), done1.items.map(act));
      for (const op of ['listOrganizationPersons', 'listOrganizationDeals', 'listOrganizationActivities'] as const) {
        assert.ok(v2.client.isOnV2(op), op);
        assert.equal(v2.lines.filter((l) => l.includes(op)).length, 1, `${op} logged once`);
      }
      const missing = await rejection(v2.client.listOrganizationPersons(999999));
      assert.equal(missing.kind, 'not-found');
      assert.equal(missing.operation, 'listOrganizationPersons');
      assert.equal(missing.message, 'Organization 999999 was not found or has been deleted.');
    });

    it('add, update, delete and bulk delete', async () => {
      const input = { name: 'Retired Mode Co', visible_to: 3 as const, label_ids: [1] };
      const a1 = await v1.client.addOrganization(input);
      const u1 = await v1.client.updateOrganization(a1.id, { name: 'Retired Mode Renamed', visible_to: 1 });
      retire();
      const a2 = await v2.client.addOrganization(input);
      const u2 = await v2.client.updateOrganization(a2.id, { name: 'Retired Mode Renamed', visible_to: 1 });
      const shape = (o: Organization) => ({ ...orgCore(o), id: 0, add_time: '', update_time: '' });
      assert.deepEqual(shape(a2), shape(a1));
      assert.deepEqual(shape(u2), shape(u1));
      assert.equal(sandbox.log.filter((e) => e.method === 'POST' && e.path === '/api/v2/organizations').length, 1);
      assert.equal(sandbox.log.filter((e) => e.method === 'PATCH').length, 1);

      const del = await v2.client.deleteOrganization(a2.id);
      assert.deepEqual(del, { id: a2.id });
      assert.equal((await rejection(v2.client.getOrganization(a2.id))).kind, 'not-found');

      const x = await v2.client.addOrganization({ name: 'Bulk X' });
      const y = await v2.client.addOrganization({ name: 'Bulk Y' });
      const z = await v2.client.addOrganization({ name: 'Bulk Z' });
      sandbox.clearLog();
      const bulk = await v2.client.deleteOrganizations([x.id, y.id, z.id]);
      assert.deepEqual(bulk, { id: [x.id, y.id, z.id] });
      const v2Deletes = sandbox.log.filter((e) => e.method === 'DELETE' && e.path.startsWith('/api/v2/organizations/'));
      assert.equal(v2Deletes.length, 3);
      for (const id of [x.id, y.id, z.id]) assert.equal((await rejection(v2.client.getOrganization(id))).kind, 'not-found');
      // Deleted organizations leave the local index at once.
      const list = await collect(iterate(({ start }) => v2.client.listOrganizations({ first_char: 'b', limit: 500, start })));
      assert.ok(!list.some((o) => [x.id, y.id, z.id].includes(o.id)));
      for (const op of ['addOrganization', 'updateOrganization', 'deleteOrganization', 'deleteOrganizations'] as const) {
        assert.ok(v2.client.isOnV2(op), op);
        assert.equal(v2.lines.filter((l) => l.includes(`of ${op} `)).length, 1, `${op} logged once`);
      }
    });

    it('collection, walked with cursors', async () => {
      const c1 = await collect(iterate(({ cursor }) => v1.client.getOrganizationsCollection({ limit: 40, cursor })));
      sandbox.clearLog();
      retire();
      const c2 = await collect(iterate(({ cursor }) => v2.client.getOrganizationsCollection({ limit: 40, cursor })));
      const core = (o: (typeof c1)[number]) => ({ id: o.id, name: o.name, owner: o.owner_id, visible_to: o.visible_to, update_time: o.update_time, label_ids: o.label_ids, active: o.active_flag });
      assert.deepEqual(c2.map(core), c1.map(core));
      assert.equal(c2.length, SIZE);
      assert.equal(v2.lines.filter((l) => l.includes('of getOrganizationsCollection ')).length, 1);
      assert.equal(sandbox.log.filter((e) => e.path === '/v1/organizations/collection').length, 1);
      const since = c1.map((o) => o.update_time).sort()[Math.floor(SIZE / 2)];
      const s1 = await collect(iterate(({ cursor }) => v1.client.getOrganizationsCollection({ since, limit: 40, cursor })));
      sandbox.clearFaults();
      const fresh = makeClient(sandbox.url, sandbox.token, { v2Operations: ['getOrganizationsCollection'] });
      const s2 = await collect(iterate(({ cursor }) => fresh.client.getOrganizationsCollection({ since, limit: 40, cursor })));
      fresh.client.dispose();
      assert.deepEqual(s2.map((o) => o.id).sort(), s1.map((o) => o.id).sort());
    });

    it('routes still in v1 keep working and record-404 does not switch', async () => {
      retire();
      const e = await rejection(v1.client.listOrganizationFiles(999999));
      assert.equal(e.kind, 'not-found');
      const flow = await v1.client.listOrganizationFlow(orgId, { limit: 2 });
      assert.ok(Array.isArray(flow.items));
      sandbox.clearFaults();
      const nf = await rejection(v1.client.getOrganization(999999));
      assert.equal(nf.kind, 'not-found');
      assert.equal(v1.client.isOnV2('getOrganization'), false);
    });
  });
}
