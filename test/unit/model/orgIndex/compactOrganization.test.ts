import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { organizationFromV2 } from '../../../../src/api/v2Mapping';
import type { Organization } from '../../../../src/api/records';
import { compactOrganization, fromTuple, toTuple } from '../../../../src/model/orgIndex/CompactOrganization';
import { OrganizationIndex } from '../../../../src/model/orgIndex/OrganizationIndex';
import { arbitraryFor, loadSpec, responseItemSchema } from '../../helpers/schemaArbitrary';

const RUNS = { seed: 20261204, numRuns: 300 };
const current = loadSpec('organizations.openapi.json');
const removed = loadSpec('organizations-v1-removed.openapi.json');
const orgV2 = arbitraryFor(current, responseItemSchema(current, '/api/v2/organizations'));
const orgV1 = arbitraryFor(removed, responseItemSchema(removed, '/v1/organizations/{id}'));

// A record the file cannot read back would drop the whole file, and cost a full walk, at every start.
describe('organization index records: whatever Pipedrive sends, what is stored reads back (fast-check)', () => {
  it('v1 and v2-mapped records: compact → file tuple → JSON → record again, equal, never throwing', () => {
    fc.assert(
      fc.property(fc.oneof(orgV1, orgV2.map((o) => organizationFromV2(o as never, () => undefined))), (raw) => {
        const c = compactOrganization(raw as Organization);
        if (!c) return;
        const back = fromTuple(JSON.parse(JSON.stringify(toTuple(c))));
        assert.ok(back, `tuple not readable: ${JSON.stringify(toTuple(c))}`);
        assert.deepEqual(back, c);
      }),
      RUNS,
    );
  });

  it('an index of random records survives a save/load round trip with the same groups and records', () => {
    fc.assert(
      fc.property(fc.array(orgV1, { maxLength: 30 }), (raws) => {
        const a = new OrganizationIndex({ locale: 'en' });
        a.upsert(raws as Organization[]);
        const tuples = JSON.parse(JSON.stringify(a.contents().records.map(toTuple))) as unknown[];
        const b = new OrganizationIndex({ locale: 'en' });
        b.replaceAll({ records: tuples.map((t) => fromTuple(t)!), ownerNames: a.contents().ownerNames }, true);
        assert.deepEqual(b.groups(), a.groups());
        for (const id of a.ids()) assert.deepEqual(b.get(id), a.get(id));
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});
