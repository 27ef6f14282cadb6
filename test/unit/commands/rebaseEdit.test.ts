import * as assert from 'node:assert/strict';
import { rebaseEdit, type OrganizationValues } from '../../../src/commands/editValues';

// An edit replayed on the record as it is now: a label someone added meanwhile is kept, a field
// only they changed is not sent back, and a field both changed is named for the question.

const before: OrganizationValues = { name: 'Acme', ownerId: 1, labelIds: [1, 2], visibleTo: 3 };

describe('edit on top of changes made meanwhile', () => {
  it('labels: the latest set plus what I added, minus what I removed', () => {
    const latest = { ...before, labelIds: [1, 2, 5] };
    const r = rebaseEdit(before, { label_ids: [2, 3] }, latest);
    assert.deepEqual(r.input.label_ids, [2, 5, 3]);
    assert.equal(r.labelsMerged, true);
    assert.deepEqual(r.conflicts, []);
  });

  it('a field only someone else changed is not sent; a field we both changed is a conflict', () => {
    const latest = { ...before, name: 'Acme Corp', visibleTo: 1 as const };
    const r = rebaseEdit(before, { name: 'Acme Ltd', owner_id: 2 }, latest);
    assert.deepEqual(r.conflicts, ['name']);
    assert.deepEqual(r.input, { name: 'Acme Ltd', owner_id: 2 });
    assert.equal('visible_to' in r.input, false, 'their visibility change is not overwritten');
  });

  it('the same value on both sides is no conflict; no change meanwhile sends the edit as is', () => {
    assert.deepEqual(rebaseEdit(before, { name: 'Same' }, { ...before, name: 'Same' }).conflicts, []);
    const r = rebaseEdit(before, { label_ids: [1] }, before);
    assert.deepEqual(r.input, { label_ids: [1] });
    assert.equal(r.labelsMerged, false);
  });
});
