// What the Details panel shows, read from the sandbox: header with names (not hash keys), and the
// rows of every section.
import * as assert from 'assert';
import { PipedriveClient, type Organization } from '../../../src/api';
import { startSandbox, sandboxFixtures, type Sandbox } from '../../../src/sandbox/server';
import { PlainUserHolder, SessionCatalog } from '../../../src/model/SessionCatalog';
import { DisplayNamesCache } from '../../../src/webviews/displayNamesCache';
import { followingOf, loadHeader, loadSection } from '../../../src/webviews/details/detailsData';
import { organizationWebUrl as pipedriveOrganizationUrl } from '../../../src/model/organization';
import { DEFAULT_PARAMS } from '../../../src/webviews/details/protocol';
import type { DisplayNames } from '../../../src/webviews/DisplayNames';

const quiet = { info() {}, warn() {}, error() {} };

describe('webview Details data (sandbox)', () => {
  let sandbox: Sandbox;
  let client: PipedriveClient;
  let catalog: DisplayNames;
  before(async () => {
    sandbox = await startSandbox({ size: 200 });
    client = new PipedriveClient({ token: sandbox.token, baseUrl: sandbox.url, timeoutMs: 5000 });
    catalog = await new DisplayNamesCache(new SessionCatalog(new PlainUserHolder(), () => client, quiet.warn)).get();
    assert.ok(catalog.complete, 'fields or users could not be read');
  });
  after(() => sandbox?.close());

  it('header: name, owner, visibility, labels and custom fields by name with option labels', async () => {
    const r = await loadHeader(client, sandboxFixtures.plainOrgId, catalog, 'sandbox-co');
    assert.strictEqual(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    const h = r.header;
    assert.strictEqual(h.name, 'Acme Technologies');
    assert.ok(h.owner.length > 0);
    assert.deepStrictEqual(h.labels, ['Customer']);
    assert.ok(h.visibility && !/^\d+$/.test(h.visibility));
    assert.strictEqual(h.pipedriveUrl, 'https://sandbox-co.pipedrive.com/organization/1');
    for (const f of h.customFields) {
      assert.ok(!/^[0-9a-f]{40}$/.test(f.label), `hash key shown: ${f.label}`);
      if (f.label === 'Tier') assert.ok(['Gold', 'Silver', 'Bronze'].includes(f.value), f.value);
      if (f.label === 'Regions') assert.ok(f.value.split(', ').every((v) => ['EMEA', 'Americas', 'APAC'].includes(v)), f.value);
    }
    assert.ok(h.counts.some((c) => c.label === 'people' || c.label === 'person'), JSON.stringify(h.counts));
  });

  it('header: whether I follow, from the followers v1 details list (unknown without my id)', async () => {
    const id = sandboxFixtures.emptyOrgId;
    const me = 1;
    const header = async (userId?: number) => {
      const r = await loadHeader(client, id, catalog, 'sandbox-co', userId);
      assert.strictEqual(r.kind, 'ok');
      return r.kind === 'ok' ? r.header : undefined;
    };
    assert.strictEqual((await header(me))?.following, false);
    assert.strictEqual((await header())?.following, undefined);
    const added = await client.addOrganizationFollower(id, me);
    try {
      assert.strictEqual((await header(me))?.following, true);
      assert.strictEqual((await header(5))?.following, false);
    } finally {
      await client.deleteOrganizationFollower(id, added.id);
    }
  });

  it('followingOf: v2 details list no followers: unknown while some are counted', () => {
    const org = { id: 1, name: 'X' } as Organization;
    assert.strictEqual(followingOf({ organization: { ...org, followers_count: 2 }, followers: {} }, 1), undefined);
    assert.strictEqual(followingOf({ organization: { ...org, followers_count: 0 }, followers: {} }, 1), false);
    assert.strictEqual(followingOf({ organization: org, followers: { 7: { id: 3, name: 'A', email: 'a@x', user_id: 7, pic_hash: null } } }, 1), false);
  });

  it('Open in Pipedrive only for a plain company subdomain', () => {
    assert.strictEqual(pipedriveOrganizationUrl('acme', 5), 'https://acme.pipedrive.com/organization/5');
    assert.strictEqual(pipedriveOrganizationUrl('evil.com/x?', 5), undefined);
    assert.strictEqual(pipedriveOrganizationUrl(undefined, 5), undefined);
  });

  it('a missing organization reads as gone', async () => {
    const r = await loadHeader(client, 987654, catalog, undefined);
    assert.strictEqual(r.kind, 'gone');
  });

  it('deals: the status filter and paging', async () => {
    const id = sandboxFixtures.manyDealsOrgId;
    const won = await loadSection(client, id, { type: 'loadSection', section: 'deals', requestId: 1, params: { ...DEFAULT_PARAMS.deals, status: 'won' } }, catalog);
    assert.ok(won.page.rows.length > 0);
    assert.ok(won.page.rows.every((r) => r.badge === 'won'));
    const all = await loadSection(client, id, { type: 'loadSection', section: 'deals', requestId: 2, params: DEFAULT_PARAMS.deals }, catalog);
    assert.strictEqual(all.page.rows.length, 50);
    assert.strictEqual(all.page.next, 50);
    const more = await loadSection(client, id, { type: 'loadSection', section: 'deals', requestId: 3, start: 50, params: DEFAULT_PARAMS.deals }, catalog);
    assert.ok(more.page.rows.length > 0);
    assert.ok(!more.page.rows.some((r) => all.page.rows.some((a) => a.key === r.key)));
  });

  it('every section loads for a busy organization', async () => {
    const id = sandboxFixtures.manyItemsOrgId;
    for (const m of [
      { type: 'loadSection', section: 'persons', requestId: 1 },
      { type: 'loadSection', section: 'activities', requestId: 1, params: DEFAULT_PARAMS.activities },
      { type: 'loadSection', section: 'files', requestId: 1, params: DEFAULT_PARAMS.files },
      { type: 'loadSection', section: 'mailMessages', requestId: 1 },
      { type: 'loadSection', section: 'followers', requestId: 1 },
      { type: 'loadSection', section: 'permittedUsers', requestId: 1 },
      { type: 'loadSection', section: 'changelog', requestId: 1 },
    ] as const) {
      const r = await loadSection(client, id, m, catalog);
      assert.ok(r.page.rows.length > 0, `${m.section} is empty`);
      for (const row of r.page.rows) assert.ok(row.title.length > 0, `${m.section} row without title`);
    }
    const followers = await loadSection(client, id, { type: 'loadSection', section: 'followers', requestId: 1 }, catalog);
    assert.ok(followers.page.rows.every((r) => typeof r.followerId === 'number'));
    assert.ok(followers.candidates!.every((c) => !followers.page.rows.some((r) => r.title === c.name)));
  });

  it('changelog pages by cursor and names the fields', async () => {
    const id = sandboxFixtures.bigFlowOrgId;
    const first = await loadSection(client, id, { type: 'loadSection', section: 'changelog', requestId: 1 }, catalog);
    assert.strictEqual(typeof first.page.next, 'string');
    const second = await loadSection(client, id, { type: 'loadSection', section: 'changelog', requestId: 2, cursor: first.page.next as string }, catalog);
    assert.ok(second.page.rows.length > 0);
    assert.ok(first.page.rows.every((r) => !/^[0-9a-f]{40}:/.test(r.title)));
  });
});
