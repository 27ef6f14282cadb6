// Flow entries: formatting per object type and grouping by day.
import * as assert from 'assert';
import type { FlowItem } from '../../../src/api';
import { DisplayNames } from '../../../src/webviews/DisplayNames';
import { flowItemView, flowKind, groupByDay } from '../../../src/webviews/flow/flowModel';
import { dayOf, formatDateTime, formatDay } from '../../../src/webviews/format';

const TIER = 'a'.repeat(40);
const catalog = new DisplayNames(
  [
    { id: 1, key: 'name', name: 'Name', field_type: 'varchar' },
    { id: 2, key: 'owner_id', name: 'Owner', field_type: 'user' },
    { id: 3, key: TIER, name: 'Tier', field_type: 'enum', options: [{ id: 101, label: 'Gold' }, { id: 102, label: 'Silver' }] },
    { id: 4, key: 'visible_to', name: 'Visible to', field_type: 'visible_to', options: [{ id: 3, label: 'Entire company' }] },
  ],
  [
    { id: 1, name: 'Ada Admin', email: 'ada@x', active_flag: true },
    { id: 2, name: 'Rita Regular', email: 'rita@x', active_flag: true },
  ],
);
const related = { user: { '2': { id: 2, name: 'Rita (related)', email: '', has_pic: 0, pic_hash: null, active_flag: true } } };
const ctx = { catalog, related };

const item = (object: string, timestamp: string, data: Record<string, unknown>): FlowItem => ({ object, timestamp, data });

describe('webview flow: formatting', () => {
  it('field changes show the field name and old → new with formatted values and the user from related_objects', () => {
    const v = flowItemView(item('organizationChange', '2025-03-04 10:20:30', { id: 5, field_key: TIER, old_value: '101', new_value: '102', user_id: 2 }), ctx, 0);
    assert.strictEqual(v.kind, 'change');
    assert.deepStrictEqual(v.change, { field: 'Tier', from: 'Gold', to: 'Silver' });
    assert.strictEqual(v.user, 'Rita (related)');
    assert.strictEqual(v.day, '2025-03-04');
    assert.strictEqual(v.time, '10:20');
    const owner = flowItemView(item('organizationChange', '2025-03-04 10:20:30', { field_key: 'owner_id', old_value: '1', new_value: null, user_id: 1 }), ctx, 1);
    assert.deepStrictEqual(owner.change, { field: 'Owner', from: 'Ada Admin', to: '(empty)' });
    const vis = flowItemView(item('organizationChange', '2025-03-04 10:20:30', { field_key: 'visible_to', old_value: '1', new_value: '3' }), ctx, 2);
    assert.deepStrictEqual(vis.change, { field: 'Visible to', from: 'Owner & followers', to: 'Entire company' });
  });

  it('activities show subject, type, due date and done', () => {
    const v = flowItemView(item('activity', '2025-03-04 09:00:00', { id: 1, subject: 'Call about pricing', type: 'call', due_date: '2025-03-05', due_time: '14:00', done: true, user_id: 1 }), ctx, 0);
    assert.strictEqual(v.kind, 'activity');
    assert.strictEqual(v.title, 'Call about pricing');
    assert.deepStrictEqual(v.lines, ['call', 'due 2025-03-05 14:00', 'done']);
    assert.strictEqual(v.user, 'Ada Admin');
    const planned = flowItemView(item('plannedActivity', '2025-03-04 09:00:00', { subject: 'Demo', type: 'meeting', due_date: '2025-04-01', done: false }), ctx, 1);
    assert.strictEqual(planned.kind, 'plannedActivity');
    assert.ok(planned.lines.includes('not done'));
  });

  it('files show the name and an http(s) link only', () => {
    const v = flowItemView(item('file', '2025-03-04 09:00:00', { id: 9, file_name: 'offer.pdf', file_size: 2048, url: 'https://x.example/f/9' }), ctx, 0);
    assert.strictEqual(v.title, 'offer.pdf');
    assert.strictEqual(v.url, 'https://x.example/f/9');
    const evil = flowItemView(item('file', '2025-03-04 09:00:00', { file_name: 'x', url: 'javascript:alert(1)' }), ctx, 1);
    assert.strictEqual(evil.url, undefined);
  });

  it('mail messages show the subject; notes show their HTML as text', () => {
    const mail = flowItemView(item('mailMessage', '2025-03-04 09:00:00', { id: 3, subject: 'Re: offer', from: [{ name: 'Bob', email_address: 'b@x' }], has_real_attachments_flag: 1 }), ctx, 0);
    assert.strictEqual(mail.title, 'Re: offer');
    assert.strictEqual(mail.kind, 'mailMessageWithAttachment');
    const note = flowItemView(item('note', '2025-03-04 09:00:00', { content: '<script>alert(1)</script>' }), ctx, 1);
    assert.deepStrictEqual(note.lines, ['<script>alert(1)</script>']);
  });

  it('maps objects to the filter kinds', () => {
    assert.strictEqual(flowKind('organizationChange', {}), 'change');
    assert.strictEqual(flowKind('dealChange', {}), 'change');
    assert.strictEqual(flowKind('invoice', {}), 'invoice');
    assert.strictEqual(flowKind('somethingNew', {}), 'other');
  });

  it('keys are unique across pages', () => {
    const a = flowItemView(item('note', '2025-03-04 09:00:00', { id: 0 }), ctx, 0);
    const b = flowItemView(item('note', '2025-03-04 09:00:00', { id: 0 }), ctx, 100);
    assert.notStrictEqual(a.key, b.key);
  });
});

describe('webview flow: grouping by day', () => {
  const at = (day: string, n: number) => ({ day, n });
  it('groups newest-first items by day, keeping order', () => {
    const groups = groupByDay([at('2025-03-04', 1), at('2025-03-04', 2), at('2025-03-02', 3), at('2025-01-31', 4), at('2025-01-31', 5)]);
    assert.deepStrictEqual(groups.map((g) => [g.day, g.items.map((i) => i.n)]), [
      ['2025-03-04', [1, 2]],
      ['2025-03-02', [3]],
      ['2025-01-31', [4, 5]],
    ]);
    assert.strictEqual(groups[0].label, 'Tuesday, 4 March 2025');
    assert.ok(groups.every((g) => !g.continues));
  });
  it('a "Load older" page continues the last day shown', () => {
    const groups = groupByDay([at('2025-03-02', 6), at('2025-03-01', 7)], '2025-03-02');
    assert.strictEqual(groups[0].continues, true);
    assert.strictEqual(groups[1].continues, false);
    assert.strictEqual(groupByDay([at('2025-03-01', 1)], '2025-03-02')[0].continues, false);
  });
  it('empty input gives no groups', () => {
    assert.deepStrictEqual(groupByDay([]), []);
  });
});

describe('webview format', () => {
  it('formats v1 and RFC 3339 times in UTC', () => {
    assert.strictEqual(formatDateTime('2025-03-04 10:20:30'), '2025-03-04 10:20');
    assert.strictEqual(formatDateTime('2025-03-04T23:30:00+02:00'), '2025-03-04 21:30');
    assert.strictEqual(formatDateTime('2025-03-04T10:20:00Z'), '2025-03-04 10:20');
    assert.strictEqual(formatDateTime(null), '');
    assert.strictEqual(dayOf('2025-03-04 00:00:01'), '2025-03-04');
    assert.strictEqual(dayOf('garbage'), '');
    assert.strictEqual(formatDay(''), 'Undated');
    assert.strictEqual(formatDay('2024-02-29'), 'Thursday, 29 February 2024');
  });
});

describe('webview flow: page order', () => {
  it('sorts a page newest first, keeping the order of equal times', async () => {
    const { newestFirst } = await import('../../../src/webviews/flow/flowModel');
    const v = (day: string, time: string, n: number) => ({ day, time, n });
    const out = newestFirst([v('2025-01-01', '10:00', 1), v('2025-03-01', '09:00', 2), v('2025-03-01', '09:00', 3), v('2025-03-01', '11:00', 4)]);
    assert.deepStrictEqual(out.map((x) => x.n), [4, 2, 3, 1]);
  });
});

describe('webview flow: other kinds', () => {
  it('invoices, documents and unnamed activity files show their label and content', () => {
    const v = flowItemView(item('activityFile', '2025-03-04 09:00:00', { id: 1, content: 'activityFile 5 for X', user_id: 1 }), ctx, 0);
    assert.strictEqual(v.title, 'Activity file');
    assert.deepStrictEqual(v.lines, ['activityFile 5 for X']);
    const inv = flowItemView(item('invoice', '2025-03-04 09:00:00', { id: 2, content: 'invoice 1' }), ctx, 1);
    assert.strictEqual(inv.title, 'Invoice');
    assert.strictEqual(inv.icon, 'credit-card');
  });
});
