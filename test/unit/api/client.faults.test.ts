import * as assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { PipedriveError } from '../../../src/api/PipedriveError';
import { makeClient, rejection, type ClientHarness } from '../helpers/clientKit';
import { scriptedServer } from '../helpers/scriptedServer';

describe('client: faults, retries, timeouts, cancellation', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let h: ClientHarness;
  let orgId: number;

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: 30, apiMode: 'legacy-v1' });
    const first = makeClient(sandbox.url, sandbox.token);
    orgId = (await first.client.listOrganizations({ limit: 1 })).items[0].id;
    first.client.dispose();
  });
  after(() => sandbox.close());
  beforeEach(() => {
    sandbox.reset();
    h = makeClient(sandbox.url, sandbox.token, { timeoutMs: 300 });
  });
  afterEach(() => h.client.dispose());

  const c = () => h.client;
  const count = (pred: (e: Sandbox['log'][number]) => boolean = () => true) => sandbox.log.filter(pred).length;

  it('429 burst: retried after Retry-After, then succeeds', async () => {
    sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 2, times: 2, match: { path: '/v1/organizations' } }]);
    const page = await c().listOrganizations({ limit: 5 });
    assert.equal(page.items.length, 5);
    assert.equal(count(), 3);
    assert.equal(count((e) => e.status === 429), 2);
    assert.ok(h.clock.sleeps.includes(2000), `waited Retry-After: ${h.clock.sleeps}`);
    assert.ok(h.lines.some((l) => /429/.test(l)));
  });

  it('429 with Retry-After as an HTTP date is honoured too', async () => {
    sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 3, retryAfterAsDate: true, times: 1 }]);
    await c().getOrganization(orgId);
    assert.equal(count(), 2);
    assert.ok(h.clock.sleeps.some((ms) => ms > 0 && ms <= 3000), `${h.clock.sleeps}`);
  });

  it('daily budget 429 surfaces at once with the reset time and exactly one request', async () => {
    sandbox.setFaults([{ kind: 'daily-budget', resetSeconds: 5 * 3600 }]);
    const before = Date.now();
    const e = await rejection(c().listOrganizations());
    assert.ok(e instanceof PipedriveError);
    assert.equal(e.kind, 'rate-limit');
    assert.equal(e.status, 429);
    assert.equal(count(), 1);
    assert.ok(e.retryAt instanceof Date);
    assert.ok(e.retryAt.getTime() > before + 60_000, `reset ${e.retryAt.toISOString()}`);
    assert.ok((e.retryAfterMs ?? 0) > 60_000);
    assert.match(e.message, /daily request budget|Try again after/);
    assert.match(e.message, new RegExp(e.retryAt.toISOString().slice(0, 16)));
  });

  it('429 on POST is retried (the server did not process it)', async () => {
    sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 1, times: 1, match: { method: 'POST' } }]);
    const org = await c().addOrganization({ name: 'After 429' });
    assert.equal(org.name, 'After 429');
    assert.equal(count((e) => e.method === 'POST'), 2);
    const named = (await c().listOrganizations({ limit: 500 })).items.filter((o) => o.name === 'After 429');
    assert.equal(named.length, 1);
  });

  it('503 on GET is retried with backoff, then succeeds', async () => {
    sandbox.setFaults([{ kind: 'status', status: 503, times: 2 }]);
    const d = await c().getOrganization(orgId);
    assert.equal(d.organization.id, orgId);
    assert.equal(count(), 3);
    assert.equal(h.clock.sleeps.length, 2);
    assert.ok(h.clock.sleeps[1] >= h.clock.sleeps[0], 'backoff grows');
  });

  it('502/504 keep failing: bounded attempts, then a server error', async () => {
    sandbox.setFaults([{ kind: 'status', status: 502 }]);
    const e = await rejection(c().getOrganization(orgId));
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 502);
    assert.equal(count(), 4);
    assert.match(e.message, /Pipedrive had an internal error \(50[24]\)/);
    assert.doesNotMatch(e.message, /listOrganizations|\/v1\//, 'no operation or route in the message');
    assert.ok(h.clock.sleeps.every((ms) => ms <= 8000), 'waits are capped');
  });

  it('503 on POST is not retried', async () => {
    sandbox.setFaults([{ kind: 'status', status: 503, times: 1, match: { method: 'POST' } }]);
    const e = await rejection(c().addOrganization({ name: 'No retry' }));
    assert.equal(e.kind, 'server');
    assert.equal(count(), 1);
  });

  it('connection reset on GET is retried', async () => {
    sandbox.setFaults([{ kind: 'reset', times: 1 }]);
    const page = await c().listOrganizations({ limit: 3 });
    assert.equal(page.items.length, 3);
    assert.equal(count(), 2);
  });

  it('reset after processing a POST is NOT retried: exactly one organization is created', async () => {
    sandbox.setFaults([{ kind: 'reset', afterProcessing: true, times: 1, match: { method: 'POST' } }]);
    const e = await rejection(c().addOrganization({ name: 'Reset Once Co' }));
    assert.equal(e.kind, 'network');
    assert.match(e.message, /may or may not have been applied/);
    assert.equal(count((x) => x.method === 'POST'), 1);
    const all = (await c().listOrganizations({ limit: 500 })).items.filter((o) => o.name === 'Reset Once Co');
    assert.equal(all.length, 1);
  });

  it('a hanging server gives a timeout error', async () => {
    sandbox.setFaults([{ kind: 'hang', times: 1 }]);
    const e = await rejection(c().getOrganization(orgId));
    assert.ok(e instanceof PipedriveError);
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /did not answer/);
    assert.equal(count(), 1);
  });

  it('per-call timeout overrides the client default', async () => {
    sandbox.setFaults([{ kind: 'hang', times: 1 }]);
    const patient = makeClient(sandbox.url, sandbox.token, { timeoutMs: 10_000 });
    const t0 = Date.now();
    const e = await rejection(patient.client.getOrganization(orgId, { timeoutMs: 50 }));
    patient.client.dispose();
    assert.equal(e.kind, 'timeout');
    assert.ok(Date.now() - t0 < 5000, 'the per-call 50 ms, not the client 10 s');
  });

  it('latency under the timeout is waited out; over it, a timeout', async () => {
    sandbox.setFaults([{ kind: 'latency', ms: 60, times: 1 }]);
    assert.equal((await c().getOrganization(orgId)).organization.id, orgId);
    sandbox.setFaults([{ kind: 'latency', ms: 1000, times: 1 }]);
    const e = await rejection(c().getOrganization(orgId, { timeoutMs: 100 }));
    assert.equal(e.kind, 'timeout');
  });

  it('malformed JSON gives a malformed error', async () => {
    sandbox.setFaults([{ kind: 'malformed-json', times: 1 }]);
    const e = await rejection(c().listOrganizations());
    assert.equal(e.kind, 'malformed');
    assert.match(e.message, /not valid JSON/);
  });

  it('abort during a request gives aborted and is not retried', async () => {
    sandbox.setFaults([{ kind: 'hang' }]);
    const ac = new AbortController();
    const p = c().getOrganization(orgId, { signal: ac.signal });
    setImmediate(() => setTimeout(() => ac.abort(), 20));
    const e = await rejection(p);
    assert.equal(e.kind, 'aborted');
    assert.equal(count(), 1);
  });

  it('an already aborted signal sends nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const e = await rejection(c().listOrganizations({}, { signal: ac.signal }));
    assert.equal(e.kind, 'aborted');
    assert.equal(count(), 0);
  });

  it('abort while waiting to retry stops the retries', async () => {
    sandbox.setFaults([{ kind: 'status', status: 503 }]);
    const ac = new AbortController();
    const aborting = makeClient(sandbox.url, sandbox.token, {
      clock: {
        now: () => Date.now(),
        random: () => 0.5,
        sleep: async () => {
          ac.abort();
          throw new (await import('../../../src/api/Clock')).AbortedWait();
        },
      },
    });
    const e = await rejection(aborting.client.getOrganization(orgId, { signal: ac.signal }));
    aborting.client.dispose();
    assert.equal(e.kind, 'aborted');
    assert.equal(count(), 1);
  });

  it('pacing: a burst larger than the 2-second budget waits instead of sending', async () => {
    const paced = makeClient(sandbox.url, sandbox.token, { pacing: { requestsPer2s: 5 } });
    await Promise.all(Array.from({ length: 12 }, () => paced.client.getCurrentUser()));
    paced.client.dispose();
    assert.equal(count(), 12);
    assert.ok(paced.clock.sleeps.length >= 2, `waited ${paced.clock.sleeps}`);
  });

  it('pacing: search stays within 10 per 2 seconds', async () => {
    const paced = makeClient(sandbox.url, sandbox.token);
    const org = (await paced.client.getOrganization(orgId)).organization;
    await Promise.all(Array.from({ length: 14 }, () => paced.client.searchOrganizations({ term: org.name.slice(0, 3) })));
    paced.client.dispose();
    assert.ok(paced.clock.sleeps.length >= 1 && paced.clock.sleeps.every((ms) => ms <= 2000), `${paced.clock.sleeps}`);
  });

  it('onRequest reports method, path, status and time of every attempt', async () => {
    sandbox.setFaults([{ kind: 'status', status: 503, times: 1 }]);
    await c().getOrganization(orgId);
    assert.deepEqual(
      h.events.map((e) => [e.method, e.path, e.status, e.attempt]),
      [
        ['GET', `/v1/organizations/${orgId}`, 503, 1],
        ['GET', `/v1/organizations/${orgId}`, 200, 2],
      ],
    );
    assert.ok(h.events.every((e) => typeof e.ms === 'number'));
  });

  it('x-ratelimit-remaining: 0 holds the next request until the window resets', async () => {
    let n = 0;
    const server = await scriptedServer((_req, res) => {
      n++;
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-limit': '40', 'x-ratelimit-remaining': n === 1 ? '0' : '5', 'x-ratelimit-reset': '3' });
      res.end(JSON.stringify({ success: true, data: { id: 1, name: 'Me', email: 'me@example.com', active_flag: true } }));
    });
    const paced = makeClient(server.url, 'tok-123456');
    await paced.client.getCurrentUser();
    assert.deepEqual(paced.clock.sleeps, []);
    await paced.client.getCurrentUser();
    paced.client.dispose();
    await server.close();
    assert.deepEqual(paced.clock.sleeps, [3000]);
  });

  it('bulk delete through v2 runs a bounded number of DELETEs at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const deleted: number[] = [];
    const server = await scriptedServer((req, res) => {
      if (req.method === 'DELETE' && req.url === '/v1/organizations?ids=1%2C2%2C3%2C4%2C5%2C6%2C7') {
        res.writeHead(410, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ success: false, error: 'Gone' }));
      }
      const m = /^\/api\/v2\/organizations\/(\d+)$/.exec(req.url ?? '');
      inFlight++;
      peak = Math.max(peak, inFlight);
      setImmediate(() => {
        inFlight--;
        if (m) deleted.push(Number(m[1]));
        res.writeHead(m ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(m ? { success: true, data: { id: Number(m[1]) } } : { success: false, error: 'Unknown method .' }));
      });
    });
    const bulk = makeClient(server.url, 'tok-123456', { bulkDeleteConcurrency: 3 });
    const r = await bulk.client.deleteOrganizations([1, 2, 3, 4, 5, 6, 7]);
    bulk.client.dispose();
    await server.close();
    assert.deepEqual(r, { id: [1, 2, 3, 4, 5, 6, 7] });
    assert.deepEqual([...deleted].sort(), [1, 2, 3, 4, 5, 6, 7]);
    assert.ok(peak <= 3 && peak >= 2, `peak ${peak}`);
    assert.equal(bulk.lines.filter((l) => /deleteOrganizations/.test(l)).length, 1);
  });
});
