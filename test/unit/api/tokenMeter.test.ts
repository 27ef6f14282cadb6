import * as assert from 'node:assert/strict';
import { PipedriveClient } from '../../../src/api/PipedriveClient';
import { TokenMeter } from '../../../src/api/TokenMeter';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';

// The client counts what it spends of the company's daily token budget, per operation, and keeps
// the budget the server reports; the sandbox charges the same table, so the two must agree.

describe('client token meter', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let client: PipedriveClient;
  before(async () => {
    sb = await startSandbox({ size: 40, apiMode: 'current', dailyTokenBudget: 1_000 });
  });
  after(async () => {
    client?.dispose();
    await sb?.close();
  });

  it('counts tokens per operation as the sandbox charges them, and reads the budget headers', async () => {
    client = new PipedriveClient({ token: sb.token, baseUrl: sb.url });
    sb.clearLog();
    const page = await client.v2.listOrganizationsV2({ limit: 10 });
    await client.v2.getOrganizationV2(page.items[0].id);
    await client.getCurrentUser();
    const charged = sb.log.reduce((n, e) => n + e.tokens, 0);
    assert.equal(charged, 10 + 1 + 2);
    assert.equal(client.tokens.spentToday, charged);
    assert.deepEqual(client.tokens.byOperation().get('listOrganizationsV2'), { requests: 1, tokens: 10 });
    const budget = client.tokens.budget;
    assert.equal(budget?.limit, 1_000);
    assert.equal(budget?.left, 1_000 - charged);
    assert.equal(client.tokens.isLow(), false);
    assert.equal(client.tokens.isLow(2_000), true, 'a walk of 2,000 tokens does not fit');
  });

  it('a refused request costs nothing; a spent budget reads as low', async () => {
    const before = client.tokens.spentToday;
    sb.setFaults([{ kind: 'status', status: 401, times: 1 }]);
    await client.getCurrentUser().catch(() => undefined);
    sb.clearFaults();
    assert.equal(client.tokens.spentToday, before);
    await fetchJson(`${sb.url}/__sandbox/budget`, { used: 950 });
    await client.getCurrentUser();
    assert.equal(client.tokens.budget?.left, 48);
    assert.equal(client.tokens.isLow(), true, 'under a tenth of the day left');
  });

  it('what byOperation() handed out stays as it was; a named route is charged like the path it names', () => {
    const meter = new TokenMeter(() => Date.UTC(2026, 0, 5, 12));
    const none = () => null;
    meter.record('getOrganizationV2', 'GET', '/api/v2/organizations/7', 200, none);
    const snapshot = meter.byOperation();
    meter.record('getOrganizationV2', 'GET', '/api/v2/organizations/8', 200, none, 'GET /api/v2/organizations/{}');
    assert.deepEqual(snapshot.get('getOrganizationV2'), { requests: 1, tokens: 1 });
    assert.deepEqual(meter.byOperation().get('getOrganizationV2'), { requests: 2, tokens: 2 });
    assert.equal(meter.spentToday, 2);
  });
});

async function fetchJson(url: string, body: unknown): Promise<void> {
  const { default: fetch } = await import('node-fetch');
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  assert.equal(res.status, 200);
}
