import * as assert from 'node:assert/strict';
import { probe, ProbeOptions, ProbeResult } from '../../../src/sandbox/probe';
import { startSandbox } from '../../../src/sandbox/server';
import { sandboxFixtures as F } from '../../../src/sandbox/seed';
import { Sandbox } from '../../../src/sandbox/types';
import { CUSTOM_FIELDS } from '../../../src/sandbox/company';
import { nameSortKey } from '../../../src/sandbox/orgSort';

// Pipedrive semantics of the sandbox, checked over real HTTP. Each test gets a fresh server so
// writes never leak between tests.
describe('sandbox semantics', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  const api = (method: string, path: string, opts: ProbeOptions = {}): Promise<ProbeResult> =>
    probe(sb.url, method, path, { token: sb.token, ...opts });
  const get = async (path: string): Promise<any> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const r = await api('GET', path);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    return r.json;
  };

  beforeEach(async () => { sb = await startSandbox({ apiMode: 'legacy-v1', size: 400, seed: 3 }); });
  afterEach(async () => { await sb.close(); });

  describe('auth and error shapes', () => {
    it('401 without a token, with a wrong token, and with a token in the query string', async () => {
      const expected = { success: false, error: 'unauthorized access', errorCode: 401,
        error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.' };
      assert.deepEqual((await probe(sb.url, 'GET', '/v1/organizations')).json, expected);
      assert.deepEqual((await api('GET', '/v1/organizations', { token: 'nope' })).json, expected);
      const q = await api('GET', `/v1/organizations?api_token=${sb.token}`);
      assert.equal(q.status, 401);
    });

    it('accepts Bearer tokens as OAuth and logs the auth kind, never the token', async () => {
      const r = await api('GET', '/v1/users/me', { bearer: true });
      assert.equal(r.status, 200);
      assert.equal(r.json.data.id, 1);
      assert.equal(r.json.data.company_domain, 'sandbox-co');
      assert.equal(sb.log.at(-1)!.auth, 'bearer');
      assert.ok(!JSON.stringify(sb.log).includes(sb.token));
    });

    it('403 on the collection for the regular user; the admin gets it', async () => {
      const r = await api('GET', '/v1/organizations/collection', { token: sb.regularUserToken });
      assert.equal(r.status, 403);
      assert.equal(r.json.success, false);
      assert.equal(r.json.errorCode, 403);
      assert.match(r.json.error, /global admin/);
      assert.equal((await api('GET', '/v1/organizations', { token: sb.regularUserToken })).status, 200);
      assert.equal((await api('GET', '/v1/organizations/collection')).status, 200);
    });

    it('record 404 carries data:null; route 404 says "Unknown method ."', async () => {
      const rec = await api('GET', '/v1/organizations/999999');
      assert.equal(rec.status, 404);
      assert.deepEqual(rec.json, { success: false, error: 'Organization not found', errorCode: 404, data: null });
      const v2 = await api('GET', '/api/v2/organizations/999999');
      assert.equal(v2.status, 404);
      assert.equal(v2.json.data, null);
      const route = await api('GET', '/v1/organizationz');
      assert.equal(route.status, 404);
      assert.equal(route.json.error, 'Unknown method .');
      assert.ok(!('data' in route.json));
      assert.equal((await api('POST', '/v1/organizations/1/permittedUsers')).json.error, 'Unknown method .');
    });

    it('400 with an error envelope for invalid parameters', async () => {
      const bad: [string, string, unknown?][] = [
        ['GET', '/v1/organizations?limit=0'], ['GET', '/v1/organizations?limit=501'],
        ['GET', '/v1/organizations?sort=colour%20ASC'], ['GET', '/v1/organizations?sort=name%20UP'],
        ['GET', '/v1/organizations?first_char=ab'], ['GET', '/v1/organizations/abc'],
        ['GET', '/api/v2/organizations?limit=501'], ['GET', '/api/v2/organizations?sort_by=name'],
        ['GET', '/api/v2/organizations?cursor=garbage!'], ['GET', '/v1/organizations/1/files?limit=101'],
        ['POST', '/v1/organizations', { name: 'X', visible_to: '2' }], ['POST', '/v1/organizations', { owner_id: 1 }],
        ['POST', '/api/v2/organizations', { name: '' }], ['PUT', '/v1/organizations/3/merge', { merge_with_id: 3 }],
        ['DELETE', '/v1/organizations?ids='], ['GET', '/v1/organizations/1/deals?status=maybe'],
        ['GET', '/v1/organizations/1/flow?items=gossip'], ['GET', '/api/v2/organizations/search?term=a'],
        ['POST', '/v1/organizations', '{"name": broken'],
      ];
      for (const [method, path, body] of bad) {
        const r = await api(method, path, { body });
        assert.equal(r.status, 400, `${method} ${path}: ${r.text}`);
        assert.equal(r.json.success, false);
        assert.equal(r.json.errorCode, 400);
        assert.equal(typeof r.json.error, 'string');
        assert.equal(typeof r.json.error_info, 'string');
      }
    });

    it('every response carries x-ratelimit-* headers', async () => {
      for (const r of [await api('GET', '/v1/organizations?limit=1'), await api('GET', '/v1/organizations/999999'), await probe(sb.url, 'GET', '/v1/users')]) {
        assert.ok(Number(r.headers['x-ratelimit-limit']) >= 1000);
        assert.ok(r.headers['x-ratelimit-remaining'] !== undefined);
        assert.ok(r.headers['x-ratelimit-reset'] !== undefined);
      }
    });
  });

  describe('listing', () => {
    it('first_char is Unicode-aware and case-insensitive', async () => {
      for (const ch of ['東', 'ש', 'ж', 'Ж', 'é', 'Ö', 'a', '7']) {
        const body = await get(`/v1/organizations?limit=500&first_char=${encodeURIComponent(ch)}`);
        const names: string[] = (body.data ?? []).map((o: { name: string }) => o.name);
        for (const n of names) assert.equal(String.fromCodePoint(n.codePointAt(0)!).toLocaleLowerCase(), ch.toLocaleLowerCase(), n);
        if (ch === '東') assert.ok(body.data.some((o: { id: number }) => o.id === 14));
        if (ch === 'ש') assert.ok(body.data.some((o: { id: number }) => o.id === 4));
        if (ch === 'é') assert.ok(body.data.some((o: { id: number }) => o.id === 12));
      }
      const emoji = await get(`/v1/organizations?first_char=${encodeURIComponent('😀')}`);
      assert.equal(emoji.data, null, 'one astral code point is one character; empty v1 list is data:null');
    });

    it('sorts by several fields, and pages with next_start only when there is more', async () => {
      const body = await get('/v1/organizations?limit=500&sort=owner_id%20DESC,name%20ASC');
      const rows: { owner_id: { value: number }; name: string }[] = body.data;
      for (let i = 1; i < rows.length; i++) {
        const a = rows[i - 1], b = rows[i];
        assert.ok(a.owner_id.value > b.owner_id.value || (a.owner_id.value === b.owner_id.value && nameSortKey(a.name) <= nameSortKey(b.name)), `${a.name} / ${b.name}`);
      }
      // Case and accents do not matter: "École" sorts with the e's, before "F".
      const byName = (await get('/v1/organizations?limit=500&sort=name%20ASC')).data.map((o: { name: string }) => o.name);
      const eIdx = byName.map((n: string, i: number) => (/^[eEéÉ]/.test(n) ? i : -1)).filter((i: number) => i >= 0);
      assert.ok(byName.some((n: string) => n.startsWith('É')));
      assert.equal(eIdx.at(-1) - eIdx[0] + 1, eIdx.length, 'e, E, é and É names form one block');
      assert.equal(body.additional_data.pagination.more_items_in_collection, false);
      assert.ok(!('next_start' in body.additional_data.pagination));
      const first = await get('/v1/organizations?limit=100&sort=update_time%20DESC');
      assert.deepEqual(first.additional_data.pagination, { start: 0, limit: 100, more_items_in_collection: true, next_start: 100 });
      const second = await get('/v1/organizations?start=100&limit=100&sort=update_time%20DESC');
      assert.ok(first.data.at(-1).update_time >= second.data[0].update_time);
      const ids = new Set([...first.data, ...second.data].map((o: { id: number }) => o.id));
      assert.equal(ids.size, 200);
    });

    it('user_id and saved filters select the right orgs', async () => {
      const owned = await get('/v1/organizations?limit=500&user_id=2');
      assert.ok(owned.data.every((o: { owner_id: { value: number } }) => o.owner_id.value === 2));
      assert.ok(owned.data.some((o: { id: number }) => o.id === 1));
      const filters = await get('/v1/filters?type=org');
      const byName = (n: string) => filters.data.find((f: { name: string }) => f.name === n).id;
      const f1 = await get(`/v1/organizations?limit=500&filter_id=${byName('Owned by user 2')}`);
      assert.deepEqual(f1.data.map((o: { id: number }) => o.id), owned.data.map((o: { id: number }) => o.id));
      const f2 = await get(`/v1/organizations?limit=500&filter_id=${byName('Label: Customer')}`);
      assert.ok(f2.data.length > 0 && f2.data.every((o: { label_ids: number[] }) => o.label_ids.includes(1)));
      const f3 = await get(`/api/v2/organizations?limit=500&filter_id=${byName("Name contains 'Tech'")}`);
      assert.ok(f3.data.length > 0 && f3.data.every((o: { name: string }) => /tech/i.test(o.name)));
      assert.equal((await api('GET', '/v1/organizations?filter_id=999')).status, 400);
    });

    it('v2 cursor paging walks every org once, in the requested order', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let last = '9999';
      do {
        const body: any = await get(`/api/v2/organizations?limit=150&sort_by=update_time&sort_direction=desc${cursor ? `&cursor=${cursor}` : ''}`); // eslint-disable-line @typescript-eslint/no-explicit-any
        for (const o of body.data) { assert.ok(o.update_time <= last); last = o.update_time; seen.push(o.id); }
        cursor = body.additional_data.next_cursor;
      } while (cursor);
      assert.equal(seen.length, 400);
      assert.equal(new Set(seen).size, 400);
    });

    it('v2 filters: ids, owner_id, updated_since, include_fields, custom_fields', async () => {
      const byIds = await get('/api/v2/organizations?ids=3,1,2');
      assert.deepEqual(byIds.data.map((o: { id: number }) => o.id), [1, 2, 3]);
      const owned = await get('/api/v2/organizations?owner_id=2&limit=500');
      assert.ok(owned.data.every((o: { owner_id: number }) => o.owner_id === 2));
      const since = '2024-06-01T00:00:00Z';
      const recent = await get(`/api/v2/organizations?updated_since=${since}&limit=500`);
      assert.ok(recent.data.every((o: { update_time: string }) => o.update_time >= since));
      const inc = await get(`/api/v2/organizations/${F.manyItemsOrgId}?include_fields=people_count,followers_count`);
      assert.equal(inc.data.people_count, 120);
      const key = CUSTOM_FIELDS[2].key;
      const cf = await get(`/api/v2/organizations?ids=1&custom_fields=${key}`);
      assert.deepEqual(Object.keys(cf.data[0].custom_fields), [key]);
    });

    it('collection: since/until on update_time, owner, cursor paging', async () => {
      const since = '2024-01-01 00:00:00', until = '2024-12-31 23:59:59';
      let cursor: string | null = null;
      let n = 0;
      do {
        const body: any = await get(`/v1/organizations/collection?limit=50&since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}${cursor ? `&cursor=${cursor}` : ''}`); // eslint-disable-line @typescript-eslint/no-explicit-any
        for (const o of body.data) { assert.ok(o.update_time >= since && o.update_time <= until); n++; }
        cursor = body.additional_data.next_cursor;
      } while (cursor);
      assert.ok(n > 50);
    });

    it('search: substring vs exact_match, fields, v1 and v2 shapes', async () => {
      const v2 = await get('/api/v2/organizations/search?term=acme%20tech');
      assert.equal(v2.data.items[0].item.id, 1);
      assert.equal(v2.data.items[0].item.type, 'organization');
      const exact = await get('/api/v2/organizations/search?term=Acme%20Technologies&exact_match=true');
      assert.ok(exact.data.items.every((i: { item: { name: string } }) => i.item.name === 'Acme Technologies'));
      assert.equal(exact.data.items[0].result_score, 1);
      const notExact = await get('/api/v2/organizations/search?term=Acme&exact_match=1&fields=name');
      assert.equal(notExact.data.items.length, 0);
      const byAddress = await get('/v1/organizations/search?term=Tallinn&fields=address&limit=3');
      assert.ok(byAddress.data.items.length > 0);
      assert.ok(byAddress.data.items.every((i: { item: { address: string } }) => /Tallinn/.test(i.item.address)));
      assert.equal(byAddress.additional_data.pagination.more_items_in_collection, true);
      const custom = await get('/api/v2/organizations/search?term=AC-&fields=custom_fields&limit=2');
      assert.ok(custom.data.items[0].item.custom_fields[0].startsWith('AC-'));
      assert.ok(custom.additional_data.next_cursor);
    });
  });

  describe('org items', () => {
    it('deals: status and only_primary_association', async () => {
      const id = F.manyDealsOrgId;
      const all = await get(`/v1/organizations/${id}/deals?limit=500`);
      assert.equal(all.data.length + (await get(`/v1/organizations/${id}/deals?status=deleted&limit=500`)).data.length, 150);
      for (const s of ['open', 'won', 'lost', 'deleted']) {
        const b = await get(`/v1/organizations/${id}/deals?status=${s}&limit=500`);
        assert.ok(b.data.length > 0 && b.data.every((d: { status: string }) => d.status === s), s);
      }
      const primary = await get(`/v1/organizations/${id}/deals?limit=500&only_primary_association=1`);
      assert.ok(primary.data.length < all.data.length);
      assert.ok(primary.data.every((d: { org_id: { value: number } }) => d.org_id.value === id));
      const sorted = await get(`/v1/organizations/${id}/deals?limit=500&sort=value%20DESC`);
      assert.ok(sorted.data.every((d: { value: number }, i: number, a: { value: number }[]) => i === 0 || a[i - 1].value >= d.value));
      const v2 = await get(`/api/v2/deals?org_id=${id}&status=won&limit=500`);
      assert.ok(v2.data.length > 0 && v2.data.every((d: { status: string; org_id: number }) => d.status === 'won' && d.org_id === id));
    });

    it('activities: done and exclude; persons and files page past 100', async () => {
      const id = F.manyItemsOrgId;
      const done = await get(`/v1/organizations/${id}/activities?done=1&limit=500`);
      const open = await get(`/v1/organizations/${id}/activities?done=0&limit=500`);
      assert.equal(done.data.length + open.data.length, 130);
      assert.ok(done.data.every((a: { done: boolean }) => a.done));
      const ex = await get(`/v1/organizations/${id}/activities?done=1&limit=500&exclude=${done.data[0].id},${done.data[1].id}`);
      assert.equal(ex.data.length, done.data.length - 2);
      const p1 = await get(`/v1/organizations/${id}/persons`);
      assert.equal(p1.data.length, 100);
      assert.equal(p1.additional_data.pagination.next_start, 100);
      const p2 = await get(`/v1/organizations/${id}/persons?start=100`);
      assert.equal(p2.data.length, 20);
      const files = await get(`/v1/organizations/${id}/files?limit=100&sort=update_time%20DESC`);
      assert.equal(files.additional_data.pagination.more_items_in_collection, true);
      const v2acts = await get(`/api/v2/activities?org_id=${id}&done=false&limit=500`);
      assert.equal(v2acts.data.length, open.data.length);
      const v2persons = await get(`/api/v2/persons?org_id=${id}&limit=100`);
      assert.ok(v2persons.additional_data.next_cursor);
      const empty = await get(`/v1/organizations/${F.emptyOrgId}/persons`);
      assert.equal(empty.data, null);
      assert.deepEqual((await get(`/api/v2/persons?org_id=${F.emptyOrgId}`)).data, []);
    });

    it('flow: 2000+ items on the big-flow org, items filter, all_changes', async () => {
      const id = F.bigFlowOrgId;
      let total = 0;
      let start = 0;
      const objects = new Set<string>();
      for (;;) {
        const b = await get(`/v1/organizations/${id}/flow?start=${start}&limit=500&all_changes=1`);
        total += b.data.length;
        for (const x of b.data) objects.add(x.object);
        if (!b.additional_data.pagination.more_items_in_collection) break;
        start = b.additional_data.pagination.next_start;
      }
      assert.ok(total >= 2000, String(total));
      for (const o of ['activity', 'plannedActivity', 'note', 'file', 'organizationChange', 'deal', 'follower',
        'participant', 'mailMessage', 'mailMessageWithAttachment', 'invoice', 'activityFile', 'document']) {
        assert.ok(objects.has(o), o);
      }
      const files = await get(`/v1/organizations/${id}/flow?items=file,note&limit=500`);
      assert.ok(files.data.every((x: { object: string }) => x.object === 'file' || x.object === 'note'));
      const noCustom = await get(`/v1/organizations/${id}/flow?items=change&limit=500`);
      const withCustom = await get(`/v1/organizations/${id}/flow?items=change&limit=500&all_changes=1`);
      assert.ok(withCustom.additional_data.pagination.more_items_in_collection || withCustom.data.length > noCustom.data.length);
    });
  });

  describe('writes', () => {
    it('add writes a changelog and flow entry and makes the owner a follower', async () => {
      const r = await api('POST', '/v1/organizations', { body: { name: 'Fresh Org', owner_id: 3, label_ids: [2], visible_to: '7' } });
      assert.equal(r.status, 201);
      const id = r.json.data.id;
      assert.equal(r.json.data.owner_id.value, 3);
      assert.equal(r.json.data.visible_to, '7');
      assert.equal(r.json.data.followers_count, 1);
      const log = await get(`/v1/organizations/${id}/changelog`);
      assert.equal(log.data[0].field_key, 'name');
      assert.equal(log.data[0].new_value, 'Fresh Org');
      const flow = await get(`/v1/organizations/${id}/flow`);
      assert.ok(flow.data.some((x: { object: string }) => x.object === 'organizationChange'));
      const v2 = await get(`/api/v2/organizations/${id}`);
      assert.equal(v2.data.name, 'Fresh Org');
      const v2add = await api('POST', '/api/v2/organizations', { body: { name: 'V2 Org', address: { value: 'Broadway 1', locality: 'New York' } } });
      assert.equal(v2add.status, 200);
      assert.equal(v2add.json.data.owner_id, 1);
      assert.equal(v2add.json.data.address.locality, 'New York');
    });

    it('update changes only the sent fields and bumps update_time', async () => {
      const before = (await get('/api/v2/organizations/1')).data;
      const put = await api('PUT', '/v1/organizations/1', { body: { name: 'Only The Name' } });
      assert.equal(put.status, 200);
      const after = (await get('/api/v2/organizations/1')).data;
      assert.equal(after.name, 'Only The Name');
      for (const k of ['owner_id', 'visible_to', 'label_ids', 'address', 'website', 'custom_fields', 'add_time']) {
        assert.deepEqual(after[k], before[k], k);
      }
      assert.ok(after.update_time > before.update_time);
      const patch = await api('PATCH', '/api/v2/organizations/1', { body: { website: 'https://new.example', custom_fields: { [CUSTOM_FIELDS[0].key]: 'NEW-1' } } });
      assert.equal(patch.json.data.website, 'https://new.example');
      assert.equal(patch.json.data.name, 'Only The Name');
      assert.equal(patch.json.data.custom_fields[CUSTOM_FIELDS[0].key], 'NEW-1');
      assert.ok(patch.json.data.update_time > after.update_time);
      const changes = await get('/v1/organizations/1/changelog?limit=3');
      assert.deepEqual(changes.data.map((c: { field_key: string }) => c.field_key).sort(), [CUSTOM_FIELDS[0].key, 'name', 'website'].sort());
    });

    it('delete hides the org from lists and details; bulk delete', async () => {
      assert.deepEqual((await api('DELETE', '/v1/organizations/1')).json, { success: true, data: { id: 1 } });
      assert.equal((await api('GET', '/v1/organizations/1')).status, 404);
      assert.equal((await api('GET', '/api/v2/organizations/1')).status, 404);
      assert.equal((await api('DELETE', '/v1/organizations/1')).status, 404);
      const list = await get('/v1/organizations?limit=500');
      assert.ok(!list.data.some((o: { id: number }) => o.id === 1));
      const bulk = await api('DELETE', '/v1/organizations?ids=2,3');
      assert.deepEqual(bulk.json.data, { id: [2, 3] });
      assert.equal((await api('GET', '/v1/organizations/3')).status, 404);
      assert.equal((await api('DELETE', '/api/v2/organizations/4')).json.data.id, 4);
      assert.equal((await get('/v1/organizations?limit=500')).data.length, 396);
    });

    it('followers: add, duplicate is 400, delete, counts follow', async () => {
      const id = F.emptyOrgId;
      const add = await api('POST', `/v1/organizations/${id}/followers`, { body: { user_id: 4 } });
      assert.equal(add.status, 200);
      assert.equal(add.json.data.user_id, 4);
      const dup = await api('POST', `/v1/organizations/${id}/followers`, { body: { user_id: 4 } });
      assert.equal(dup.status, 400);
      assert.equal(dup.json.success, false);
      assert.equal((await api('POST', `/api/v2/organizations/${id}/followers`, { body: { user_id: 4 } })).status, 400);
      assert.equal((await get(`/v1/organizations/${id}`)).data.followers_count, 1);
      const v2add = await api('POST', `/api/v2/organizations/${id}/followers`, { body: { user_id: 5 } });
      assert.equal(v2add.status, 201);
      assert.equal((await get(`/v1/organizations/${id}`)).data.followers_count, 2);
      const del = await api('DELETE', `/v1/organizations/${id}/followers/${add.json.data.id}`);
      assert.deepEqual(del.json.data, { id: add.json.data.id });
      assert.equal((await api('DELETE', `/api/v2/organizations/${id}/followers/5`)).json.data.user_id, 5);
      assert.equal((await get(`/v1/organizations/${id}`)).data.followers_count, 0);
      const log = await get(`/api/v2/organizations/${id}/followers/changelog`);
      assert.deepEqual(log.data.map((c: { action: string }) => c.action).sort(), ['added', 'added', 'removed', 'removed']);
    });

    it('merge moves persons, deals, activities, files, followers (deduplicated) and flow; deletes the merged org', async () => {
      const from = F.manyItemsOrgId, into = F.manyDealsOrgId;
      const a = (await get(`/v1/organizations/${from}`)).data;
      const b = (await get(`/v1/organizations/${into}`)).data;
      const fa = (await get(`/v1/organizations/${from}/followers`)).data.map((f: { user_id: number }) => f.user_id);
      const fb = (await get(`/v1/organizations/${into}/followers`)).data.map((f: { user_id: number }) => f.user_id);
      const r = await api('PUT', `/v1/organizations/${from}/merge`, { body: { merge_with_id: into } });
      assert.equal(r.status, 200);
      assert.equal(r.json.data.id, into);
      assert.equal((await api('GET', `/v1/organizations/${from}`)).status, 404);
      const m = (await get(`/v1/organizations/${into}`)).data;
      assert.equal(m.name, b.name, 'the survivor keeps its own values');
      for (const k of ['people_count', 'activities_count', 'files_count', 'email_messages_count', 'open_deals_count']) {
        assert.equal(m[k], a[k] + b[k], k);
      }
      assert.equal(m.followers_count, new Set([...fa, ...fb]).size);
      const persons = await get(`/api/v2/persons?org_id=${into}&limit=500`);
      assert.equal(persons.data.length, a.people_count + b.people_count);
      assert.ok(persons.data.every((p: { org_id: number }) => p.org_id === into));
      const merged = await get(`/v1/organizations/${into}/changelog?limit=1`);
      assert.equal(merged.data[0].field_key, 'merged_from');
      assert.equal((await api('PUT', `/v1/organizations/${into}/merge`, { body: { merge_with_id: from } })).status, 400);
    });
  });

  describe('supporting routes', () => {
    it('users, org fields with 40-hex custom keys, filters', async () => {
      const users = await get('/v1/users');
      assert.ok(users.data.length >= 10);
      assert.equal(users.data.find((u: { id: number }) => u.id === 1).is_admin, 1);
      const fields = await get('/v1/organizationFields');
      const custom = fields.data.filter((f: { key: string }) => /^[0-9a-f]{40}$/.test(f.key));
      assert.deepEqual(custom.map((f: { field_type: string }) => f.field_type).sort(), ['date', 'enum', 'monetary', 'set', 'text', 'varchar']);
      for (const f of custom.filter((x: { field_type: string }) => x.field_type === 'enum' || x.field_type === 'set')) {
        assert.ok(f.options.every((o: { id: number; label: string }) => typeof o.id === 'number' && typeof o.label === 'string'));
      }
      const me = await api('GET', '/v1/users/me', { token: sb.regularUserToken });
      assert.equal(me.json.data.id, 2);
      assert.equal(me.json.data.is_admin, 0);
    });
  });
});
