// The wrong types issue 9 item 10 found, each as a named case: coerced or skipped (and reported),
// never thrown on.
import * as assert from 'assert';
import { mapV2List, organizationFromV2, collectionOrganizationFromV2 } from '../../../src/api/v2Mapping';
import { summariesOf, summaryFromOrganization } from '../../../src/model/OrgSummary';
import { DisplayNames } from '../../../src/webviews/DisplayNames';
import { flowItemView } from '../../../src/webviews/flow/flowModel';
import { plainText } from '../../../src/webviews/format';
import { headerView } from '../../../src/webviews/details/detailsData';
import { deepNest } from '../helpers/schemaArbitrary';

const noUsers = () => undefined;

describe('robustness: named wrong-type cases', () => {
  it('a number as `name` becomes its text (v2 mapping, tree summary, header)', () => {
    const org = organizationFromV2({ id: 7, name: 42 } as never, noUsers);
    assert.strictEqual(org.name, '42');
    assert.strictEqual(org.first_char, '4');
    assert.strictEqual(summaryFromOrganization({ id: 7, name: 42 } as never).name, '42');
    assert.strictEqual(headerView({ id: 7, name: 42 } as never, DisplayNames.empty, undefined).name, '42');
  });

  it('`data: [null]` in a v2 list: the null is skipped and reported, the other records stay', () => {
    const skipped: string[] = [];
    const out = mapV2List([null, { id: 2, name: 'Beta' }, { id: 'x', name: 'no id' }], 'organization', collectionOrganizationFromV2, (w, r) => skipped.push(`${w}: ${r}`));
    assert.deepStrictEqual(out.map((o) => o.name), ['Beta']);
    assert.strictEqual(skipped.length, 2, skipped.join('\n'));
    assert.match(skipped[0], /item 0 is null/);
    const sums = summariesOf([null, { id: 3, name: 'Gamma' }], summaryFromOrganization, (w, r) => skipped.push(`${w}: ${r}`));
    assert.deepStrictEqual(sums.map((s) => s.name), ['Gamma']);
    assert.strictEqual(skipped.length, 3);
  });

  it('`data: [null]` in the fields and users lists: the catalog skips and reports them', () => {
    const skipped: string[] = [];
    const catalog = new DisplayNames([null, { key: 'label_ids', name: 'Labels', options: [null, { id: 1, label: 'Customer' }] }] as never, [null, { id: 5, name: 'Ada' }] as never, true, (w, r) => skipped.push(`${w}: ${r}`));
    assert.strictEqual(skipped.length, 2);
    assert.deepStrictEqual(catalog.labelNames([1]), ['Customer']);
    assert.strictEqual(catalog.userName(5), 'Ada');
  });

  it('`name: null` for a changed field: the change names the field from what is known, never "null"', () => {
    const hash = 'a'.repeat(40);
    const catalog = new DisplayNames([{ key: hash, name: null, field_type: 'varchar' }, { key: 'name', name: null }] as never, [], true);
    const view = (fieldKey: unknown) =>
      flowItemView({ object: 'organizationChange', timestamp: '2024-01-02 03:04:05', data: { id: 1, field_key: fieldKey, old_value: 'a', new_value: 'b' } } as never, { catalog }, 0);
    assert.strictEqual(view(hash).change?.field, 'Custom field');
    assert.strictEqual(view('name').change?.field, 'Name');
    assert.strictEqual(view(null).change?.field, 'Unknown field');
    assert.ok(!/null/.test(JSON.stringify(view(null))));
  });

  it('20,000 levels of nesting in plainText: no stack overflow, the deep part is left out', () => {
    assert.strictEqual(plainText(deepNest(20_000)), '');
    assert.strictEqual(plainText(deepNest(3, 'Acme')), 'Acme');
  });
});
