import * as assert from 'node:assert/strict';
import { PipedriveError } from '../../../src/api';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { makeClient, rejection, type ClientHarness } from '../helpers/clientKit';

// The client's /v1/recents read in today's API mode: the one request a new session spends to
// catch its organization index up (changed, deleted and merged-away organizations).

/** `YYYY-MM-DD HH:MM:SS` in UTC, `ms` ago. */
function utcAgo(ms: number): string {
  return new Date(Date.now() - ms).toISOString().slice(0, 19).replace('T', ' ');
}

describe('client: recents (today\'s API)', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let h: ClientHarness;
  before(async () => {
    sb = await startSandbox({ size: 30, apiMode: 'current' });
    h = makeClient(sb.url, sb.token, { apiMode: 'current' });
  });
  after(async () => {
    h?.client.dispose();
    await sb?.close();
  });

  it('lists an added, an updated and a deleted organization since a moment, with one request each page', async () => {
    const since = utcAgo(60_000);
    const added = await h.client.addOrganization({ name: 'Recents Added Co' });
    const doomed = await h.client.addOrganization({ name: 'Recents Doomed Co' });
    await h.client.updateOrganization(added.id, { name: 'Recents Renamed Co' });
    await h.client.deleteOrganization(doomed.id);
    sb.clearLog();
    const page = await h.client.listRecentOrganizations(since, { limit: 500 });
    assert.equal(sb.log.length, 1);
    assert.equal(sb.log[0].path, '/v1/recents');
    const renamed = page.items.find((i) => i.id === added.id);
    assert.equal(renamed?.deleted, false);
    assert.equal(renamed?.organization?.name, 'Recents Renamed Co');
    assert.equal(page.items.find((i) => i.id === doomed.id)?.deleted, true);
    assert.ok(page.lastTimestamp, 'the page says up to when it reported');
  });

  it('a malformed since_timestamp is refused before any request', async () => {
    sb.clearLog();
    const e = await rejection(h.client.listRecentOrganizations('2026-12-01T10:00:00Z'));
    assert.ok(e instanceof PipedriveError);
    assert.equal(e.kind, 'validation');
    assert.match(e.message, /YYYY-MM-DD HH:MM:SS/);
    assert.equal(sb.log.length, 0);
  });

  it('today\'s API mode never calls a removed v1 organization route', async () => {
    sb.clearLog();
    const org = await h.client.addOrganization({ name: 'No Probe Co' });
    await h.client.getOrganization(org.id);
    await h.client.updateOrganization(org.id, { name: 'No Probe Co 2' });
    await h.client.listOrganizationPersons(org.id);
    await h.client.listOrganizationDeals(org.id);
    await h.client.deleteOrganization(org.id);
    const v1Org = sb.log.filter((e) => /^\/v1\/organizations(\/\d+)?(\/(persons|deals|activities))?(\?|$)/.test(e.path));
    assert.deepEqual(v1Org.map((e) => `${e.method} ${e.path}`), []);
    assert.ok(sb.log.every((e) => e.status !== 404 && e.status !== 410), sb.log.map((e) => `${e.method} ${e.path} ${e.status}`).join('\n'));
  });
});
