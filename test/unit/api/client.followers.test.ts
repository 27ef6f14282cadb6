import * as assert from 'node:assert/strict';
import { PipedriveError } from '../../../src/api';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { makeClient, rejection } from '../helpers/clientKit';

// Removing a follower someone already removed: the message is about the follower, not a claim
// that the organization is gone.

describe('client: followers', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ size: 20 });
  });
  after(async () => {
    await sb?.close();
  });

  it('a follower that is gone answers 404: the message says the follower is no longer there', async () => {
    const h = makeClient(sb.url, sb.token, { apiMode: 'current' });
    const added = await h.client.addOrganizationFollower(1, 5);
    await h.client.deleteOrganizationFollower(1, added.id);
    const e = await rejection(h.client.deleteOrganizationFollower(1, added.id));
    assert.ok(e instanceof PipedriveError);
    assert.equal(e.kind, 'not-found');
    assert.equal(e.message, 'That follower is no longer on organization 1: someone removed it already.');
    assert.doesNotMatch(e.message, /organization 1 was not found|deleted/);
    assert.equal((await h.client.getOrganization(1)).organization.id, 1, 'the organization is still there');
    h.client.dispose();
  });
});
