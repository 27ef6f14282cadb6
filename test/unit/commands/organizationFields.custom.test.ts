import * as assert from 'node:assert/strict';
import type { Organization, OrganizationField } from '../../../src/api';
import {
  addressOf,
  changedFields,
  currencyProblem,
  customRefName,
  customValueOf,
  customValueText,
  dateProblem,
  editableCustomFields,
  extraValuesOf,
  parseNumberInput,
  rebaseEdit,
  textProblem,
  valuesOf,
  type OrganizationValues,
} from '../../../src/commands/editValues';

// The address and custom fields in the Edit prompts: which fields are offered, how the current
// value is read from either record shape, how input is checked, and what an update sends.

const key = (c: string) => c.repeat(40);
const FIELDS: OrganizationField[] = [
  { id: 1, key: 'name', name: 'Name', field_type: 'varchar' },
  { id: 2, key: 'address', name: 'Address', field_type: 'address' },
  { id: 3, key: key('a'), name: 'Account code', field_type: 'varchar' },
  { id: 4, key: key('b'), name: 'Tier', field_type: 'enum', options: [{ id: 101, label: 'Gold' }, { id: 102, label: 'Silver' }] },
  { id: 5, key: key('c'), name: 'Regions', field_type: 'set', options: [{ id: 201, label: 'EMEA' }, { id: 202, label: 'APAC' }] },
  { id: 6, key: key('d'), name: 'Contract value', field_type: 'monetary' },
  { id: 7, key: key('e'), name: 'Renewal', field_type: 'date' },
  { id: 8, key: key('f'), name: 'Seats', field_type: 'int' },
  { id: 9, key: key('1'), name: 'Account manager', field_type: 'user' },
  { id: 10, key: key('2'), name: 'Parent', field_type: 'org' },
  { id: 11, key: key('3'), name: 'Champion', field_type: 'people' },
  { id: 12, key: key('4'), name: 'Picture', field_type: 'picture' },
  { id: 13, key: key('5'), name: 'Old', field_type: 'varchar', active_flag: false },
];
const specs = editableCustomFields(FIELDS);
const spec = (name: string) => specs.find((s) => s.name === name)!;

describe('edit prompts: custom fields and the address', () => {
  it('offers the active custom fields of the kinds it can edit, by name, with option labels', () => {
    assert.deepEqual(specs.map((s) => [s.name, s.kind]), [
      ['Account code', 'text'], ['Tier', 'option'], ['Regions', 'options'], ['Contract value', 'monetary'], ['Renewal', 'date'],
      ['Seats', 'number'], ['Account manager', 'user'], ['Parent', 'organization'], ['Champion', 'person'],
    ]);
    assert.deepEqual(spec('Tier').options, [{ value: 101, label: 'Gold' }, { value: 102, label: 'Silver' }]);
    assert.equal(spec('Seats').integer, true);
  });

  it("reads today's record (custom_fields, v2 form) and a v1 record (top level) to the same values", () => {
    const v2 = { id: 1, name: 'A', custom_fields: { [key('b')]: 102, [key('c')]: [201, 202], [key('d')]: { value: 1500, currency: 'USD' }, [key('2')]: 7 } } as unknown as Organization;
    const v1 = { id: 1, name: 'A', [key('b')]: '102', [key('c')]: '201,202', [key('d')]: 1500, [`${key('d')}_currency`]: 'USD', [key('2')]: { name: 'Parent Co', value: 7 } } as unknown as Organization;
    for (const org of [v2, v1]) {
      assert.equal(customValueOf(org, spec('Tier')), 102);
      assert.deepEqual(customValueOf(org, spec('Regions')), [201, 202]);
      assert.deepEqual(customValueOf(org, spec('Contract value')), { value: 1500, currency: 'USD' });
      assert.equal(customValueOf(org, spec('Parent')), 7);
      assert.equal(customValueOf(org, spec('Renewal')), null);
    }
    assert.equal(customRefName(v1, spec('Parent')), 'Parent Co', 'a v1 reference carries its name');
    assert.equal(customRefName(v2, spec('Parent')), undefined);
    assert.equal(customValueText(spec('Tier'), 102), 'Silver');
    assert.equal(customValueText(spec('Regions'), [201, 202]), 'EMEA, APAC');
    assert.equal(customValueText(spec('Contract value'), { value: 1500, currency: 'USD' }), '1500 USD');
    assert.equal(customValueText(spec('Account manager'), 3, (id) => (id === 3 ? 'Ann' : undefined)), 'Ann');
  });

  it('reads the address with its parts from the record; no text is no address', () => {
    const org = { id: 1, name: 'A', address: 'Main St 1, Tallinn', address_locality: 'Tallinn', address_country: 'Estonia', address_route: '' } as unknown as Organization;
    assert.deepEqual(addressOf(org), { value: 'Main St 1, Tallinn', locality: 'Tallinn', country: 'Estonia' });
    assert.equal(addressOf({ id: 1, name: 'A', address: null } as unknown as Organization), null);
  });

  it('checks input as it is typed: numbers, whole numbers, dates, currencies', () => {
    assert.deepEqual(parseNumberInput('1250.50'), { value: 1250.5 });
    assert.deepEqual(parseNumberInput(' '), { value: null });
    assert.match(parseNumberInput('12,5').problem ?? '', /Enter a number/);
    assert.match(parseNumberInput('2.5', true).problem ?? '', /whole number/);
    assert.equal(dateProblem('2025-02-28'), undefined);
    assert.equal(dateProblem(''), undefined);
    assert.equal(dateProblem('2025-02-30'), '2025-02-30 is not a real date.');
    assert.match(dateProblem('28.02.2025') ?? '', /YYYY-MM-DD/);
    assert.equal(textProblem('x'.repeat(255), false), undefined);
    assert.equal(textProblem('x'.repeat(256), false), 'At most 255 characters (this is 256).');
    assert.equal(textProblem('x'.repeat(256), true), undefined);
    assert.equal(currencyProblem('usd'), undefined);
    assert.match(currencyProblem('US$') ?? '', /three-letter/);
  });

  it('an update sends only the address and the custom fields that changed, in v2 form', () => {
    const org = { id: 1, name: 'A', owner_id: 2, label_ids: [], visible_to: '3', address: 'Old 1', custom_fields: { [key('b')]: 101, [key('d')]: { value: 10, currency: 'EUR' } } } as unknown as Organization;
    const before: OrganizationValues = { ...valuesOf(org), ...extraValuesOf(org, specs) };
    const after: OrganizationValues = { ...before, address: { value: 'New 2', locality: 'Tartu' }, custom: { ...before.custom, [key('b')]: 102, [key('d')]: { value: 10, currency: 'EUR' }, [key('c')]: [202] } };
    assert.deepEqual(changedFields(before, after), {
      address: { value: 'New 2', locality: 'Tartu' },
      custom_fields: { [key('b')]: 102, [key('c')]: [202] },
    });
    assert.deepEqual(changedFields(before, { ...before, address: null }), { address: null });
    assert.deepEqual(changedFields(before, before), {});
  });

  it('a custom field someone else changed meanwhile is named, by its name, as a conflict', () => {
    const before: OrganizationValues = { name: 'A', labelIds: [], address: null, custom: { [key('b')]: 101 } };
    const latest: OrganizationValues = { ...before, address: { value: 'Theirs 3' }, custom: { [key('b')]: 102 } };
    const r = rebaseEdit(before, { custom_fields: { [key('b')]: 103 }, address: { value: 'Mine 4' } }, latest, new Map([[key('b'), 'Tier']]));
    assert.deepEqual(r.conflicts, ['address', 'Tier']);
    assert.deepEqual(rebaseEdit(before, { custom_fields: { [key('b')]: 102 } }, latest).conflicts, [], 'the same value on both sides is no conflict');
  });
});
