import * as assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { PipedriveError } from '../../../src/api/PipedriveError';
import { makeClient, rejection, type ClientHarness } from '../helpers/clientKit';

// The address is written as v2's object today and as v1's one line of text in legacy mode; a bad
// address never reaches the network.
for (const apiMode of ['current', 'legacy-v1'] as const) {
  describe(`client: address writes (${apiMode})`, function () {
    this.timeout(20_000);
    let sandbox: Sandbox;
    let h: ClientHarness;

    before(async () => {
      sandbox = await startSandbox({ port: 0, size: 20, apiMode });
      h = makeClient(sandbox.url, sandbox.token, { apiMode });
    });
    after(async () => {
      h.client.dispose();
      await sandbox.close();
    });

    it('add and update set the address; null clears it', async () => {
      const added = await h.client.addOrganization({ name: 'Addressed Co', address: { value: 'Main Street 1, Tallinn', locality: 'Tallinn', country: 'Estonia' } });
      assert.equal(added.address, 'Main Street 1, Tallinn');
      const sent = [...sandbox.log].reverse().find((r) => r.method === 'POST')!;
      if (apiMode === 'current') {
        assert.deepEqual((sent.body as Record<string, unknown>).address, { value: 'Main Street 1, Tallinn', locality: 'Tallinn', country: 'Estonia' });
        assert.equal(added.address_locality, 'Tallinn');
      } else {
        assert.equal((sent.body as Record<string, unknown>).address, 'Main Street 1, Tallinn');
      }
      const moved = await h.client.updateOrganization(added.id, { address: { value: 'Harbour Road 9, Tartu', locality: 'Tartu' } });
      assert.equal(moved.address, 'Harbour Road 9, Tartu');
      const cleared = await h.client.updateOrganization(added.id, { address: null });
      assert.ok(!cleared.address, `address cleared (got ${String(cleared.address)})`);
    });

    it('money in a custom field goes as Pipedrive\'s route takes it', async () => {
      const fields = await h.client.listOrganizationFields({ limit: 500 });
      const money = fields.items.find((f) => f.field_type === 'monetary' && /^[0-9a-f]{40}$/.test(f.key))!;
      const updated = await h.client.updateOrganization(1, { custom_fields: { [money.key]: { value: 1200, currency: 'USD' } } });
      const sent = [...sandbox.log].reverse().find((r) => r.method === 'PUT' || r.method === 'PATCH')!.body as Record<string, unknown>;
      if (apiMode === 'current') assert.deepEqual((sent.custom_fields as Record<string, unknown>)[money.key], { value: 1200, currency: 'USD' });
      else assert.deepEqual([sent[money.key], sent[`${money.key}_currency`]], [1200, 'USD']);
      const stored = (updated as unknown as Record<string, unknown>)[money.key] ?? (updated.custom_fields as Record<string, unknown> | undefined)?.[money.key];
      assert.ok(JSON.stringify(stored).includes('1200') && JSON.stringify(updated).includes('USD'), JSON.stringify(stored));
    });

    it('a malformed address is refused before any request, naming the part', async () => {
      const before = sandbox.log.length;
      const e = await rejection(h.client.updateOrganization(1, { address: { value: 'x', town: 'y' } as never }));
      assert.ok(e instanceof PipedriveError && e.kind === 'validation');
      assert.match(e.message, /address\.town/);
      const e2 = await rejection(h.client.updateOrganization(1, { address: { locality: 'Tartu' } as never }));
      assert.match((e2 as Error).message, /address\.value/);
      assert.equal(sandbox.log.length, before);
    });
  });
}
