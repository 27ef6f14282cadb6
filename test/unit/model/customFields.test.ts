import * as assert from 'node:assert/strict';
import type { OrganizationField } from '../../../src/api';
import { editableCustomFields } from '../../../src/commands/editValues';
import { buildCatalog } from '../../../src/documents/documentCatalog';
import { activeCustomFields, customFieldKind, isCustomFieldKey } from '../../../src/model/customFields';

const key = (n: number) => n.toString(16).padStart(40, 'a');
const field = (n: number, field_type: string, extra: Partial<OrganizationField> = {}): OrganizationField =>
  ({ id: n, key: key(n), name: `F${n}`, field_type, active_flag: true, ...extra }) as OrganizationField;

// Edit's prompts and the JSON document read one model of the custom fields: the same fields count as
// custom, in use and of the same kind in both, so a field Edit offers is one the document writes.
describe('custom fields: one model for Edit and the JSON document', () => {
  const fields = [
    field(1, 'varchar'),
    field(2, 'int'),
    field(3, 'enum', { options: [{ id: 7, label: 'Gold' }, { id: 'x' as unknown as number, label: 'bad' }] }),
    field(4, 'time'),
    field(5, 'something-new'),
    field(6, 'date', { active_flag: false }),
    { id: 9, key: 'name', name: 'Name', field_type: 'varchar' } as OrganizationField,
  ];

  it('custom keys are 40 hex characters; deactivated fields are left out', () => {
    assert.equal(isCustomFieldKey(key(1)), true);
    assert.equal(isCustomFieldKey('name'), false);
    assert.equal(isCustomFieldKey(undefined), false);
    assert.deepEqual(activeCustomFields(fields).map((f) => f.name), ['F1', 'F2', 'F3', 'F4', 'F5']);
  });

  it('each consumer maps the shared kinds: Edit leaves out what it cannot ask for, the document keeps it raw', () => {
    assert.equal(customFieldKind('int'), 'integer');
    assert.equal(customFieldKind('something-new'), 'unknown');
    const edit = editableCustomFields(fields);
    assert.deepEqual(edit.map((f) => [f.name, f.kind, f.integer]), [['F1', 'text', false], ['F2', 'number', true], ['F3', 'option', false]]);
    assert.deepEqual(edit[2].options, [{ value: 7, label: 'Gold' }]);
    const doc = buildCatalog(fields, []).custom;
    assert.deepEqual(doc.map((f) => [f.name, f.kind]), [['F1', 'text'], ['F2', 'integer'], ['F3', 'enum'], ['F4', 'time'], ['F5', 'raw']]);
    assert.deepEqual(doc[2].options, [{ id: 7, label: 'Gold' }]);
    // Every field Edit offers is one the document writes, under the same key.
    for (const f of edit) assert.ok(doc.some((d) => d.key === f.key && d.kind !== 'raw'), f.name);
  });
});
