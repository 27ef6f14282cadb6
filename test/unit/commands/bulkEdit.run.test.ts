import * as assert from 'node:assert/strict';
import type { CallOptions, Organization, OrganizationFollower, PipedriveClient, UpdateOrganizationInput } from '../../../src/api';
import type { BulkChange } from '../../../src/commands/bulkEditChange';
import { runBulkEdit, type BulkWriter } from '../../../src/commands/bulkEditRun';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { makeClient, type ClientHarness } from '../helpers/clientKit';

// The runner against the sandbox in today's API (v2 PATCH, v2 followers): what it sends for each
// organization, what reaches the sink (the store, in the extension), and how failures and Cancel end.

/** The writer over the client (in the extension: OrganizationActions, client then store), recording what it took. */
class RecordingWriter implements BulkWriter {
  readonly records: Organization[] = [];
  readonly follows: Array<[number, number | undefined, boolean]> = [];
  constructor(
    private readonly client: () => PipedriveClient,
    private readonly onUpdated?: (org: Organization) => void,
  ) {}
  async update(id: number, input: UpdateOrganizationInput, call?: CallOptions): Promise<Organization> {
    const org = await this.client().updateOrganization(id, input, call);
    this.records.push(org);
    this.onUpdated?.(org);
    return org;
  }
  async addFollower(orgId: number, userId: number, call?: CallOptions): Promise<OrganizationFollower> {
    const follower = await this.client().addOrganizationFollower(orgId, userId, call);
    this.follows.push([orgId, userId, true]);
    return follower;
  }
  async removeFollower(orgId: number, followerId: number, userId: number | undefined, call?: CallOptions): Promise<void> {
    await this.client().deleteOrganizationFollower(orgId, followerId, call);
    this.follows.push([orgId, userId, false]);
  }
}

const orgs = [16, 17, 18].map((id) => ({ id, name: `Org ${id}` }));
const addHotLead: BulkChange = { kind: 'addLabels', labels: [{ id: 4, name: 'Hot lead' }] };

describe('bulk edit: the runner against the sandbox (today\'s API)', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let h: ClientHarness;
  before(async () => {
    sb = await startSandbox({ size: 40, apiMode: 'current' });
  });
  after(async () => {
    await sb?.close();
  });
  beforeEach(async () => {
    sb.reset();
    h = makeClient(sb.url, sb.token, { apiMode: 'current' });
    // Known starting labels: one, none, and one that already has the label to add.
    await h.client.updateOrganization(16, { label_ids: [1] });
    await h.client.updateOrganization(17, { label_ids: [] });
    await h.client.updateOrganization(18, { label_ids: [2, 4] });
    sb.clearLog();
  });
  afterEach(() => {
    sb.clearFaults();
    h.client.dispose();
  });

  const patches = () => sb.log.filter((e) => e.method === 'PATCH').map((e) => [e.path, e.body, e.status]);

  it('adding a label: each PATCH carries that organization\'s own labels plus the new one; one that has it already gets none', async () => {
    const sink = new RecordingWriter(() => h.client);
    const result = await runBulkEdit(h.client, sink, orgs, addHotLead, new AbortController().signal);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['changed', 'changed', 'unchanged']);
    assert.deepEqual(patches(), [
      ['/api/v2/organizations/16', { label_ids: [1, 4] }, 200],
      ['/api/v2/organizations/17', { label_ids: [4] }, 200],
    ]);
    assert.deepEqual(sink.records.map((r) => [r.id, r.label_ids]), [[16, [1, 4]], [17, [4]]]);
    assert.deepEqual((await h.client.getOrganizationRecord(18)).label_ids, [2, 4]);
  });

  it('removing labels takes only those from each organization', async () => {
    const result = await runBulkEdit(h.client, new RecordingWriter(() => h.client), orgs, { kind: 'removeLabels', labels: [{ id: 4, name: 'Hot lead' }, { id: 1, name: 'Customer' }] }, new AbortController().signal);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['changed', 'unchanged', 'changed']);
    assert.deepEqual(patches().map((p) => p.slice(0, 2)), [['/api/v2/organizations/16', { label_ids: [] }], ['/api/v2/organizations/18', { label_ids: [2] }]]);
  });

  it('a refused organization fails alone: the others are applied and reach the sink', async () => {
    sb.setFaults([{ kind: 'status', status: 403, match: { method: 'PATCH', path: '^/api/v2/organizations/17$' } }]);
    const sink = new RecordingWriter(() => h.client);
    const result = await runBulkEdit(h.client, sink, orgs, { kind: 'owner', ownerId: 3, ownerName: 'User 3' }, new AbortController().signal);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['changed', 'failed', 'changed']);
    const failed = result.outcomes[1];
    assert.equal(failed.status === 'failed' && (failed.error as { kind?: string }).kind, 'permission');
    assert.deepEqual(sink.records.map((r) => r.id), [16, 18]);
    assert.equal(result.stoppedBy, undefined);
  });

  it('a spent daily budget stops the run: the rest are not tried', async () => {
    sb.setFaults([{ kind: 'daily-budget' }]);
    const result = await runBulkEdit(h.client, new RecordingWriter(() => h.client), orgs, { kind: 'visibility', visibleTo: 1, visibilityName: 'Owner & followers' }, new AbortController().signal);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['failed', 'skipped', 'skipped']);
    assert.ok(result.stoppedBy);
    assert.equal(sb.log.filter((e) => e.method === 'PATCH').length, 1);
  });

  it('Cancel between organizations: what was done stays done, the rest are not tried', async () => {
    const controller = new AbortController();
    const sink = new RecordingWriter(() => h.client, () => controller.abort());
    const result = await runBulkEdit(h.client, sink, orgs, addHotLead, controller.signal);
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['changed', 'skipped', 'skipped']);
    assert.equal(patches().length, 1);
  });

  it('Cancel while a write is under way: that one is "interrupted", the next not tried', async () => {
    sb.setFaults([{ kind: 'hang', match: { method: 'PATCH', path: '^/api/v2/organizations/17$' } }]);
    const controller = new AbortController();
    void sb.waitForLog((e) => e.fault === 'hang').then(() => controller.abort());
    const result = await runBulkEdit(h.client, new RecordingWriter(() => h.client), orgs, addHotLead, controller.signal);
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['changed', 'interrupted', 'skipped']);
  });

  it('follow and unfollow: one request each where needed; already following or not following is no request', async () => {
    const me = 1;
    await h.client.addOrganizationFollower(17, me);
    sb.clearLog();
    const sink = new RecordingWriter(() => h.client);
    const follow = await runBulkEdit(h.client, sink, orgs, { kind: 'follow', userId: me, userName: 'Admin', isMe: true }, new AbortController().signal);
    const followed = new Set(follow.outcomes.filter((o) => o.status === 'changed').map((o) => o.org.id));
    assert.equal(follow.outcomes.find((o) => o.org.id === 17)?.status, 'unchanged');
    assert.deepEqual(sink.follows, [...followed].map((id) => [id, me, true]));
    const unfollow = await runBulkEdit(h.client, sink, orgs, { kind: 'unfollow', userId: me, userName: 'Admin', isMe: true }, new AbortController().signal);
    assert.deepEqual(unfollow.outcomes.map((o) => o.status), ['changed', 'changed', 'changed']);
    for (const o of orgs) {
      const list = await h.client.listOrganizationFollowers(o.id);
      assert.ok(!list.items.some((f) => f.user_id === me), `still following ${o.id}`);
    }
    const again = await runBulkEdit(h.client, sink, orgs, { kind: 'unfollow', userId: me, userName: 'Admin', isMe: true }, new AbortController().signal);
    assert.deepEqual(again.outcomes.map((o) => o.status), ['unchanged', 'unchanged', 'unchanged']);
  });
});
