// The columns of an export: standard fields, custom fields under their names, option ids turned
// into labels, the owner's name; v1 and v2 record shapes alike.
import * as assert from 'node:assert/strict';
import type { Organization, OrganizationField } from '../../../src/api';
import { cellText, exportColumns, indexedColumns, rowObject } from '../../../src/export/columns';

const TIER = 'a'.repeat(40);
const REGIONS = 'b'.repeat(40);
const VALUE = 'c'.repeat(40);
const ACCOUNT_MANAGER = 'd'.repeat(40);
const CODE = 'e'.repeat(40);
const CLASH = 'f'.repeat(40);
const RETIRED = '0'.repeat(40);

const fields: OrganizationField[] = [
  { id: 1, key: 'name', name: 'Name', field_type: 'varchar' },
  { id: 2, key: 'label_ids', name: 'Labels', field_type: 'set', options: [{ id: 1, label: 'Customer' }, { id: 2, label: 'Prospect' }] },
  { id: 3, key: 'visible_to', name: 'Visible to', field_type: 'visible_to', options: [{ id: 3, label: 'Entire company' }] },
  { id: 4, key: TIER, name: 'Tier', field_type: 'enum', options: [{ id: 101, label: 'Gold' }, { id: 102, label: 'Silver' }] },
  { id: 5, key: REGIONS, name: 'Regions', field_type: 'set', options: [{ id: 201, label: 'EMEA' }, { id: 203, label: 'APAC' }] },
  { id: 6, key: VALUE, name: 'Contract value', field_type: 'monetary' },
  { id: 7, key: ACCOUNT_MANAGER, name: 'Account manager', field_type: 'user' },
  { id: 8, key: CODE, name: 'Account code', field_type: 'varchar' },
  { id: 9, key: CLASH, name: 'Name', field_type: 'varchar' },
  { id: 10, key: RETIRED, name: 'Old field', field_type: 'varchar', active_flag: false },
];

const users = new Map([[2, 'Rita Regular'], [3, 'Björn Åström']]);

function org(extra: Partial<Organization>): Organization {
  return {
    id: 7, name: 'Acme', owner_id: { id: 2, value: 2 }, active_flag: true, first_char: 'a', add_time: '2024-01-02 03:04:05',
    update_time: '2024-02-03 04:05:06', visible_to: '3', label: 1, label_ids: [1, 2], address: 'Main St 1, Berlin', ...extra,
  } as Organization;
}

describe('export: columns', () => {
  const columns = exportColumns({ fields, userName: (id) => users.get(id) });
  const names = columns.map((c) => c.name);

  it('lists the standard columns, then custom fields by name (not hash), inactive ones left out', () => {
    assert.deepEqual(names.slice(0, 5), ['ID', 'Name', 'Owner ID', 'Owner', 'Labels']);
    const custom = names.slice(names.indexOf('Updated') + 1);
    assert.deepEqual(custom, ['Tier', 'Regions', 'Contract value', 'Contract value currency', 'Account manager', 'Account code', 'Name (2)']);
    assert.ok(!names.some((n) => /^[0-9a-f]{40}/.test(n)));
  });

  it('v1 record: enum and set ids become labels, monetary splits into amount and currency, owner and user names', () => {
    const row = rowObject(columns, org({ [TIER]: '101', [REGIONS]: '201,203', [VALUE]: 1200, [`${VALUE}_currency`]: 'EUR', [ACCOUNT_MANAGER]: { value: 3, name: 'Björn Åström' }, [CODE]: 'AC-1', [CLASH]: 'other' }));
    assert.equal(row['Owner'], 'Rita Regular');
    assert.equal(row['Owner ID'], 2);
    assert.deepEqual(row['Labels'], ['Customer', 'Prospect']);
    assert.equal(row['Visible to'], 'Entire company');
    assert.equal(row['Tier'], 'Gold');
    assert.deepEqual(row['Regions'], ['EMEA', 'APAC']);
    assert.equal(row['Contract value'], 1200);
    assert.equal(row['Contract value currency'], 'EUR');
    assert.equal(row['Account manager'], 'Björn Åström');
    assert.equal(row['Account code'], 'AC-1');
    assert.equal(row['Name'], 'Acme');
    assert.equal(row['Name (2)'], 'other');
  });

  it('v2-mapped record: custom_fields with numbers, arrays and a monetary object read the same', () => {
    const row = rowObject(columns, org({ owner_name: 'Rita Regular', custom_fields: { [TIER]: 102, [REGIONS]: [203], [VALUE]: { value: 50, currency: 'USD' }, [ACCOUNT_MANAGER]: 3 } }));
    assert.equal(row['Tier'], 'Silver');
    assert.deepEqual(row['Regions'], ['APAC']);
    assert.equal(row['Contract value'], 50);
    assert.equal(row['Contract value currency'], 'USD');
    assert.equal(row['Account manager'], 'Björn Åström');
  });

  it('an unknown option id stays visible as its id; empty values are null', () => {
    const row = rowObject(columns, org({ [TIER]: '999', [REGIONS]: null, [VALUE]: null, label_ids: [9] }));
    assert.equal(row['Tier'], '999');
    assert.deepEqual(row['Regions'], []);
    assert.equal(row['Contract value'], null);
    assert.deepEqual(row['Labels'], ['9']);
    assert.equal(row['Website'], null);
  });

  it('CSV cells: lists joined with "; ", null empty, numbers kept', () => {
    assert.equal(cellText(['EMEA', 'APAC']), 'EMEA; APAC');
    assert.equal(cellText(null), '');
    assert.equal(cellText(12), 12);
    assert.equal(cellText(true), 'true');
  });

  it('indexed columns are the ones the local index keeps (no custom fields)', () => {
    assert.deepEqual(indexedColumns(columns).map((c) => c.name), ['ID', 'Name', 'Owner ID', 'Owner', 'Labels', 'Visible to', 'Address', 'City', 'Created', 'Updated']);
  });
});
