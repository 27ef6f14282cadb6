import * as assert from 'node:assert/strict';
import type { PipedriveClient } from '../../../src/api';
import { accountChangedMessage, OrganizationActions } from '../../../src/model/OrganizationActions';
import { OrganizationStore } from '../../../src/model/OrganizationStore';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { makeClient } from '../helpers/clientKit';

// Two accounts, each a sandbox of its own: what the actions send and what reaches the store when
// the window switches from one to the other while a change is under way.
describe('OrganizationActions across an account switch', function () {
  this.timeout(20_000);
  let first: Sandbox;
  let second: Sandbox;
  before(async () => {
    first = await startSandbox({ size: 30, apiMode: 'current' });
    second = await startSandbox({ size: 30, seed: 9, apiMode: 'current', token: 'second-token-0123456789abcdef', regularUserToken: 'second-regular-0123456789abcdef' });
  });
  after(async () => {
    await first?.close();
    await second?.close();
  });

  function setup() {
    const a = makeClient(first.url, first.token, { apiMode: 'current' }).client;
    const b = makeClient(second.url, second.token, { apiMode: 'current' }).client;
    let active: PipedriveClient | undefined = a;
    const store = new OrganizationStore({ pageSize: 5, sort: 'name ASC' });
    const events: number[] = [];
    store.onDidChangeOrganization((e) => events.push(e.id));
    const actions = new OrganizationActions(store, () => {
      if (!active) throw new Error('Sign in first');
      return active;
    }, () => 1);
    return { a, b, actions, events, switchTo: (c: PipedriveClient | undefined) => (active = c) };
  }

  it('pinned: after a switch, the next change is not sent at all (neither account gets it)', async () => {
    const { b, actions, switchTo } = setup();
    const pinned = actions.pin();
    await pinned.update(3, { name: 'Sent to the first' });
    first.clearLog();
    second.clearLog();
    switchTo(b);
    await assert.rejects(pinned.update(4, { name: 'Never sent' }), (e: Error) => e.message === accountChangedMessage());
    assert.deepEqual(first.log.map((e) => e.path), []);
    assert.deepEqual(second.log.map((e) => e.path), []);
    switchTo(undefined);
    await assert.rejects(pinned.delete(4), (e: Error) => e.message === accountChangedMessage());
  });

  it('unpinned: an answer that arrives after the switch does not reach the store (the other account\'s tree)', async () => {
    const { b, actions, events, switchTo } = setup();
    // The switch runs before any answer can arrive: the request is only sent on a later turn.
    const sending = actions.update(5, { name: 'Answered late' });
    switchTo(b);
    const org = await sending;
    assert.equal(org.name, 'Answered late', 'the first account got the change');
    assert.deepEqual(events, [], 'the store (now the second account\'s) took the first account\'s change');
    // The same call in the account that stays active does reach the store.
    await actions.update(5, { name: 'In the second' });
    assert.deepEqual(events, [5]);
    assert.ok(second.log.some((e) => e.method === 'PATCH' && e.path === '/api/v2/organizations/5'));
  });
});
