import * as assert from 'node:assert/strict';
import { isPartialDeleteError, PipedriveError } from '../../../src/api';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { makeClient, rejection } from '../helpers/clientKit';

// Bulk delete in today's API: v2 has no bulk route, so each id is its own DELETE. Whatever was
// deleted must be reported as deleted, whether the rest failed or the user cancelled part-way.

describe('client: bulk delete one by one (today\'s API)', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ size: 60, apiMode: 'current' });
  });
  after(async () => {
    await sb?.close();
  });
  beforeEach(() => sb.reset());

  const exists = async (id: number) => (await fetch(`${sb.url}/api/v2/organizations/${id}`, { headers: { 'x-api-token': sb.token } })).status === 200;

  it('one refused: the others are deleted and listed, the refused one with its reason', async () => {
    const h = makeClient(sb.url, sb.token, { apiMode: 'current' });
    sb.setFaults([{ kind: 'status', status: 403, match: { method: 'DELETE', path: '^/api/v2/organizations/21$' } }]);
    const e = await rejection(h.client.deleteOrganizations([20, 21, 22]));
    assert.ok(isPartialDeleteError(e));
    assert.deepEqual(e.deleted, [20, 22]);
    assert.deepEqual(e.failed.map((f: { id: number }) => f.id), [21]);
    assert.equal(e.failed[0].error.kind, 'permission');
    assert.equal(await exists(20), false);
    assert.equal(await exists(21), true);
    h.client.dispose();
  });

  it('cancelled part-way: what was deleted is reported as deleted, the rest as not deleted', async () => {
    const controller = new AbortController();
    const h = makeClient(sb.url, sb.token, {
      apiMode: 'current',
      bulkDeleteConcurrency: 1,
      // The user presses Cancel as soon as the first organization is gone.
      onRequest: (ev) => {
        if (ev.method === 'DELETE' && ev.status === 200) controller.abort();
      },
    });
    const e = await rejection(h.client.deleteOrganizations([30, 31, 32], { signal: controller.signal }));
    assert.ok(isPartialDeleteError(e), String(e));
    assert.deepEqual(e.deleted, [30]);
    assert.deepEqual(e.failed.map((f: { id: number }) => f.id), [31, 32]);
    assert.ok(e.failed.every((f: { error: PipedriveError }) => f.error.kind === 'aborted'));
    assert.equal(await exists(30), false);
    assert.equal(await exists(31), true);
    assert.equal(sb.log.filter((l) => l.method === 'DELETE').length, 1, 'nothing sent after the cancel');
    h.client.dispose();
  });

  it('cancelled before any was deleted: a plain cancellation', async () => {
    const controller = new AbortController();
    controller.abort();
    const h = makeClient(sb.url, sb.token, { apiMode: 'current' });
    const e = await rejection(h.client.deleteOrganizations([40, 41], { signal: controller.signal }));
    assert.ok(e instanceof PipedriveError && !isPartialDeleteError(e));
    assert.equal(e.kind, 'aborted');
    h.client.dispose();
  });
});
