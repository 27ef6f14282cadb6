import * as assert from 'node:assert/strict';
import { describeChange, labelsAfter, updateFor, type BulkChange } from '../../../src/commands/bulkEditChange';
import { reasonOf, summarize } from '../../../src/commands/bulkEditResult';
import type { BulkOutcome } from '../../../src/commands/bulkEditRun';
import { PipedriveError } from '../../../src/api';

const add: BulkChange = { kind: 'addLabels', labels: [{ id: 4, name: 'Hot lead' }] };
const remove: BulkChange = { kind: 'removeLabels', labels: [{ id: 1, name: 'Customer' }, { id: 2, name: 'Prospect' }] };
const org = (id: number, name = `Org ${id}`) => ({ id, name });

describe('bulk edit: the change per organization', () => {
  it('adding labels keeps each organization its own labels, in their order, new ones after', () => {
    assert.deepEqual(labelsAfter([3, 1], add), [3, 1, 4]);
    assert.deepEqual(labelsAfter([], add), [4]);
    assert.deepEqual(updateFor(add, [2]), { label_ids: [2, 4] });
  });

  it('removing labels takes only those away; an organization that has none of them needs no request', () => {
    assert.deepEqual(labelsAfter([1, 3, 2, 5], remove), [3, 5]);
    assert.deepEqual(labelsAfter([1], remove), []);
    assert.equal(labelsAfter([3, 5], remove), undefined);
    assert.equal(updateFor(remove, [3]), undefined);
  });

  it('an organization that already has every label to add needs no request', () => {
    assert.equal(labelsAfter([4, 1], add), undefined);
    assert.equal(updateFor(add, [1, 4]), undefined);
  });

  it('owner and visibility are set as they are, whatever the labels', () => {
    assert.deepEqual(updateFor({ kind: 'owner', ownerId: 7, ownerName: 'Ann' }, [1]), { owner_id: 7 });
    assert.deepEqual(updateFor({ kind: 'visibility', visibleTo: 3, visibilityName: 'Entire company' }), { visible_to: 3 });
    assert.equal(updateFor({ kind: 'follow', userId: 1, userName: 'Me', isMe: true }), undefined);
  });

  it('reads as a phrase for the confirm', () => {
    assert.equal(describeChange(add), 'add the label "Hot lead"');
    assert.equal(describeChange(remove), 'remove the labels "Customer" and "Prospect"');
    assert.equal(describeChange({ kind: 'owner', ownerId: 7, ownerName: 'Ann' }), 'set the owner to Ann');
    assert.equal(describeChange({ kind: 'unfollow', userId: 3, userName: 'Bo', isMe: false }), 'remove Bo as a follower');
  });
});

describe('bulk edit: the result message', () => {
  const refused = new PipedriveError({ kind: 'permission', status: 403, operation: 'updateOrganization', message: 'Your Pipedrive user may not do this (403 Forbidden).' });

  it('all done: an information naming the count and the change, and how many needed nothing', () => {
    const s = summarize(add, { cancelled: false, outcomes: [{ org: org(1), status: 'changed' }, { org: org(2), status: 'changed' }, { org: org(3), status: 'unchanged' }] });
    assert.equal(s.severity, 'info');
    assert.equal(s.message, 'Changed 2 organizations: added the label "Hot lead". 1 organization needed no change (already had the label).');
    assert.deepEqual(s.again, []);
  });

  it('a failure: names the organization and why; Retry is for the failed ones only', () => {
    const outcomes: BulkOutcome[] = [{ org: org(1, 'Acme'), status: 'changed' }, { org: org(2, 'Bolt'), status: 'failed', error: refused }, { org: org(3, 'Cog'), status: 'changed' }];
    const s = summarize(add, { cancelled: false, outcomes });
    assert.equal(s.severity, 'error');
    assert.equal(s.message, 'Changed 2 of 3 organizations (added the label "Hot lead"). Failed: "Bolt" (Your Pipedrive user may not do this (403 Forbidden)).');
    assert.equal(s.action, 'Retry');
    assert.deepEqual(s.again, [org(2, 'Bolt')]);
  });

  it('a run stopped by a spent budget lists the ones not tried, and Retry takes them too', () => {
    const budget = new PipedriveError({ kind: 'rate-limit', status: 429, operation: 'updateOrganization', message: 'The daily API budget is spent.' });
    const s = summarize(add, { cancelled: false, stoppedBy: budget, outcomes: [{ org: org(1, 'A'), status: 'failed', error: budget }, { org: org(2, 'B'), status: 'skipped' }] });
    assert.match(s.message, /Failed: "A" \(The daily API budget is spent\)\. Not tried after "The daily API budget is spent": "B"\.$/);
    assert.deepEqual(s.again.map((o) => o.id), [1, 2]);
  });

  it('cancelled part-way: how many were done and which were not; Continue takes the rest', () => {
    const outcomes: BulkOutcome[] = [{ org: org(1, 'A'), status: 'changed' }, { org: org(2, 'B'), status: 'interrupted' }, { org: org(3, 'C'), status: 'skipped' }];
    const s = summarize(add, { cancelled: true, outcomes });
    assert.equal(s.message, 'Stopped: changed 1 of 3 organizations (added the label "Hot lead"). Not done: "B" (interrupted; Pipedrive may have saved it), "C".');
    assert.equal(s.action, 'Continue');
    assert.deepEqual(s.again.map((o) => o.id), [2, 3]);
  });

  it('a write that may have reached Pipedrive says so; internal operation names stay out', () => {
    const e = new PipedriveError({ kind: 'server', status: 502, operation: 'updateOrganization', message: 'Pipedrive had an error (502) (updateOrganizationV2).', uncertain: true });
    assert.equal(reasonOf(e), 'Pipedrive had an error (502); Pipedrive may have saved it');
  });

  it('lists at most ten names and counts the rest', () => {
    const outcomes: BulkOutcome[] = Array.from({ length: 13 }, (_, i) => ({ org: org(i + 1), status: 'failed' as const, error: refused }));
    const s = summarize(add, { cancelled: false, outcomes });
    assert.match(s.message, /"Org 10" \([^)]*\)\), 3 more\.$/);
    assert.equal(s.again.length, 13);
  });
});
