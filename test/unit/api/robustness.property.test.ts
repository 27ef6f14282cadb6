// Random Pipedrive-shaped JSON, generated from the reference schemas with fields swapped for wrong
// types, nulls and deep nesting, fed to every mapper and parser the panels and the tree rely on:
// none may throw, and every record left out is reported through onSkip.
import * as assert from 'assert';
import fc from 'fast-check';
import { mapRecords } from '../../../src/api/coerce';
import { activityFromV2, collectionOrganizationFromV2, dealFromV2, mapV2List, organizationFromV2, personFromV2 } from '../../../src/api/v2Mapping';
import { summariesOf, summaryFromCollection, summaryFromOrganization } from '../../../src/model/OrgSummary';
import { activityRow, changeRow, dealRow, fileRow, headerView, mailRow, personRow } from '../../../src/webviews/details/detailsData';
import { parseDetailsMessage } from '../../../src/webviews/details/protocol';
import { DisplayNames } from '../../../src/webviews/DisplayNames';
import { flowItemView, groupByDay } from '../../../src/webviews/flow/flowModel';
import { parseFlowMessage } from '../../../src/webviews/flow/protocol';
import { formatDateTime, formatDay, plainText } from '../../../src/webviews/format';
import { arbitraryFor, deepNest, listOf, loadSpec, responseItemSchema } from '../helpers/schemaArbitrary';

const RUNS = { seed: 20261203, numRuns: 100 };
const current = loadSpec('organizations.openapi.json');
const removed = loadSpec('organizations-v1-removed.openapi.json');
const supporting = loadSpec('supporting.openapi.json');
const item = (spec: Record<string, unknown>, route: string) => arbitraryFor(spec, responseItemSchema(spec, route));

const orgV2 = item(current, '/api/v2/organizations');
const orgV1 = item(removed, '/v1/organizations/{id}');
const collection = item(removed, '/v1/organizations/collection');
const dealV2 = item(supporting, '/api/v2/deals');
const personV2 = item(supporting, '/api/v2/persons');
const activityV2 = item(supporting, '/api/v2/activities');
const fields = item(supporting, '/v1/organizationFields');
const users = item(supporting, '/v1/users');
const flow = item(current, '/v1/organizations/{id}/flow');
const change = item(current, '/v1/organizations/{id}/changelog');
const file = item(current, '/v1/organizations/{id}/files');
const mail = item(current, '/v1/organizations/{id}/mailMessages');
const dealV1 = item(removed, '/v1/organizations/{id}/deals');
const personV1 = item(removed, '/v1/organizations/{id}/persons');
const activityV1 = item(removed, '/v1/organizations/{id}/activities');

/** Maps a list and checks that every input entry is either in the output or reported. */
function accountsForAll<T>(list: unknown[], map: (items: unknown[], onSkip: (what: string, why: string) => void) => T[]): T[] {
  const skipped: string[] = [];
  const out = map(list, (what, why) => skipped.push(`${what}: ${why}`));
  assert.strictEqual(out.length + skipped.length, list.length, `in ${list.length}, out ${out.length}, skipped ${skipped.length}`);
  return out;
}

describe('robustness: random Pipedrive-shaped JSON (fast-check, schema-generated)', () => {
  it('v2 mappers never throw, and a v2 list keeps every readable record and reports the rest', () => {
    const lookup = (id: number) => (id % 2 ? { id, name: 'Ada', email: 'a@x' } : undefined) as never;
    fc.assert(
      fc.property(listOf(orgV2), listOf(dealV2), listOf(personV2), listOf(activityV2), (orgs, deals, persons, activities) => {
        accountsForAll(orgs, (l, s) => mapV2List(l, 'organization', (o) => organizationFromV2(o, lookup), s));
        accountsForAll(orgs, (l, s) => mapV2List(l, 'organization', collectionOrganizationFromV2, s));
        for (const o of orgs) {
          organizationFromV2(o as never, lookup);
          collectionOrganizationFromV2(o as never);
        }
        for (const d of deals) dealRow(dealFromV2(d as never, lookup, 'Acme'), DisplayNames.empty);
        for (const p of persons) personRow(personFromV2(p as never, lookup));
        for (const a of activities) activityRow(activityFromV2(a as never, lookup), DisplayNames.empty);
      }),
      RUNS,
    );
  });

  it('tree summaries never throw, and records without an id are reported', () => {
    fc.assert(
      fc.property(listOf(orgV1), listOf(collection), (orgs, coll) => {
        for (const o of [...orgs, ...coll]) {
          summaryFromOrganization(o as never);
          summaryFromCollection(o as never, new Map());
        }
        const out = accountsForAll(orgs, (l, s) => summariesOf(l, summaryFromOrganization, s));
        for (const sum of out) assert.ok(Number.isSafeInteger(sum.id) && sum.id > 0 && typeof sum.name === 'string');
      }),
      RUNS,
    );
  });

  it('the field catalog, the header and every Details row never throw on any shape', () => {
    fc.assert(
      fc.property(listOf(fields), listOf(users), orgV1, fc.tuple(listOf(change), listOf(file), listOf(mail), listOf(dealV1), listOf(personV1), listOf(activityV1)), (fs, us, org, [changes, files, mails, deals, persons, acts]) => {
        const skips: string[] = [];
        const catalog = new DisplayNames(fs as never, us as never, true, (w, r) => skips.push(`${w}: ${r}`));
        const header = headerView(org as never, catalog, 'acme', 'de');
        assert.strictEqual(typeof header.name, 'string');
        const rowsOf = (list: unknown[], row: (r: never) => unknown) => accountsForAll(list, (l, s) => mapRecords(l, 'row', (r) => (r.id === undefined || r.id === null ? undefined : row(r as never)), s));
        rowsOf(files, (f) => fileRow(f, catalog));
        rowsOf(deals, (d) => dealRow(d, catalog, 'fr'));
        rowsOf(persons, personRow);
        rowsOf(acts, (a) => activityRow(a, catalog));
        for (const m of mails) if (m && typeof m === 'object') mailRow(m as never);
        accountsForAll(changes, (l, s) => mapRecords(l, 'change', (c, i) => changeRow(c as never, catalog, String(i)), s));
      }),
      RUNS,
    );
  });

  it('flow items never throw and always give text to show', () => {
    fc.assert(
      fc.property(listOf(flow), listOf(fields), fc.constantFrom('en', 'de', 'ja', 'not a locale!'), (items, fs, locale) => {
        const catalog = new DisplayNames(fs as never, [], true);
        const views = accountsForAll(items, (l, s) => mapRecords(l, 'flow item', (it, i) => flowItemView(it as never, { catalog, locale }, i), s));
        for (const v of views) assert.ok(typeof v.title === 'string' && typeof v.key === 'string');
        groupByDay(views, undefined, locale);
      }),
      RUNS,
    );
  });

  it('formatters and message parsers take any JSON, including very deep nesting', () => {
    const deep = fc.integer({ min: 0, max: 20_000 }).map((n) => deepNest(n));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), deep), (v) => {
        assert.strictEqual(typeof plainText(v), 'string');
        assert.strictEqual(typeof formatDateTime(v), 'string');
        assert.strictEqual(typeof formatDay(v as never), 'string');
        parseDetailsMessage(v);
        parseFlowMessage(v);
        parseDetailsMessage({ type: 'loadSection', section: 'deals', requestId: 1, params: v });
      }),
      RUNS,
    );
  });
});
