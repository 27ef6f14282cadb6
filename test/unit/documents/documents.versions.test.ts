import * as assert from 'node:assert/strict';
import type { Organization } from '../../../src/api';
import { DocumentVersions } from '../../../src/documents/DocumentVersions';

// Which server version a document stands for: the one it was rendered from, or, after our own
// saves of it (before it reloads), the version those saves produced; a version someone else made
// is never taken for ours.

const org = (id: number, update_time: string, name = 'Acme') => ({ id, name, update_time }) as Organization;

describe('documents: versions of an open document', () => {
  it('a document saved twice without reloading stands for the version of the last save', () => {
    const v = new DocumentVersions();
    v.remember(org(1, 'T0'));
    assert.equal(v.effective(1, 'T0'), 'T0');
    v.remember(org(1, 'T1'));
    v.noteSaved(1, 'T0', 'T1');
    assert.equal(v.effective(1, 'T0'), 'T1');
    v.remember(org(1, 'T2'));
    v.noteSaved(1, 'T1', 'T2');
    // The text still says T0 (it never reloaded) or T1 (it reloaded once): both are T2 now.
    assert.equal(v.effective(1, 'T0'), 'T2');
    assert.equal(v.effective(1, 'T1'), 'T2');
    assert.equal(v.record(1, 'T2')?.update_time, 'T2');
  });

  it('a version only someone else made stays a different version (a conflict), per organization', () => {
    const v = new DocumentVersions();
    v.remember(org(1, 'T0'));
    v.remember(org(1, 'T9', 'Renamed'));
    assert.equal(v.effective(1, 'T0'), 'T0');
    assert.equal(v.latest(1)?.name, 'Renamed');
    v.noteSaved(2, 'T0', 'T5');
    assert.equal(v.effective(1, 'T0'), 'T0');
  });

  it('keeps a few versions per organization, the newest last; forget and clear drop them', () => {
    const v = new DocumentVersions();
    for (let i = 0; i < 20; i++) v.remember(org(1, `T${i}`));
    assert.equal(v.record(1, 'T0'), undefined);
    assert.equal(v.record(1, 'T19')?.update_time, 'T19');
    assert.equal(v.latest(1)?.update_time, 'T19');
    v.remember(org(1, 'T12'));
    assert.equal(v.latest(1)?.update_time, 'T12', 'seen again: newest');
    v.forget(1);
    assert.equal(v.latest(1), undefined);
    v.remember(org(3, 'A'));
    v.clear();
    assert.equal(v.latest(3), undefined);
  });
});
