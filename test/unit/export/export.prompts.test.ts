// The questions of "Export Organizations…" answered by script: what is offered depends on the
// scope and the selection; the index question names its cost; the file name follows the choice.
import * as assert from 'node:assert/strict';
import { askFile, askFormat, askIndexOrAllFields, askWhat, defaultFileName } from '../../../src/export/exportPrompts';
import { TestUserInput } from '../../../src/ui/TestUserInput';

describe('export: prompts', () => {
  it('offers the scope and the selection only when there are some; a letter is picked from the groups', async () => {
    const ui = new TestUserInput().queue('A letter…', 'Ö');
    const target = await askWhat(ui, { selected: [], letters: [{ key: 'A', count: 3 }, { key: 'Ö', count: 1 }, { key: 'Other' }] });
    assert.deepEqual(target, { kind: 'letter', group: 'Ö' });
    assert.deepEqual(ui.prompts[0].choices, ['Everything', 'A letter…']);
    assert.deepEqual(ui.prompts[1].choices, ['A', 'Ö', 'Other']);

    const scoped = new TestUserInput().queue('Selection');
    assert.deepEqual(await askWhat(scoped, { scope: 'Owner: Rita Regular', selected: [4, 9], letters: [] }), { kind: 'selection', ids: [4, 9] });
    assert.deepEqual(scoped.prompts[0].choices, ['Everything', 'Current scope', 'Selection', 'A letter…']);
  });

  it('the index question says how many pages the server would cost; format and file come back as picked', async () => {
    const ui = new TestUserInput().queue((item) => 'label' in item && item.label === 'All fields' && item.description === 'reads 200 pages from Pipedrive', 'JSON Lines', '/tmp/x.jsonl');
    assert.equal(await askIndexOrAllFields(ui, 200), 'server');
    assert.equal(await askFormat(ui), 'jsonl');
    assert.equal(await askFile(ui, '/home/u/organizations-all.jsonl', 'jsonl'), '/tmp/x.jsonl');
    assert.deepEqual(ui.prompts[2], { kind: 'saveDialog', text: 'Export Organizations: Save As', choices: ['/home/u/organizations-all.jsonl'] });
  });

  it('default file names are safe for any letter', () => {
    assert.equal(defaultFileName({ kind: 'letter', group: '東' }, 'csv'), 'organizations-letter-東.csv');
    assert.equal(defaultFileName({ kind: 'letter', group: 'Other' }, 'jsonl'), 'organizations-letter-Other.jsonl');
    assert.equal(defaultFileName({ kind: 'everything' }, 'csv'), 'organizations-all.csv');
    assert.equal(defaultFileName({ kind: 'selection', ids: [1] }, 'csv'), 'organizations-selection.csv');
  });
});
