// The windowing of the flow: which rows are in the DOM for a scroll position.
import * as assert from 'assert';
import { RowHeights } from '../../../media/_rowHeights';

describe('webview flow virtualisation (RowHeights)', () => {
  it('renders only the rows that cover the view, for 20,000 rows', () => {
    const rows = new RowHeights(() => 40);
    rows.setCount(20_000);
    assert.strictEqual(rows.total, 800_000);
    assert.deepStrictEqual(rows.range(0, 800), { first: 0, last: 21 });
    assert.deepStrictEqual(rows.range(400_000, 400_800), { first: 10_000, last: 10_021 });
    assert.deepStrictEqual(rows.range(799_990, 900_000), { first: 19_999, last: 20_000 });
  });

  it('measured heights replace estimates and move the rows after them', () => {
    const rows = new RowHeights((i) => (i % 10 === 0 ? 30 : 40));
    rows.setCount(100);
    assert.strictEqual(rows.offsetOf(1), 30);
    assert.strictEqual(rows.set(0, 90), true);
    assert.strictEqual(rows.set(0, 90), false);
    assert.strictEqual(rows.offsetOf(1), 90);
    assert.strictEqual(rows.offsetOf(2), 130);
    assert.deepStrictEqual(rows.range(95, 100), { first: 1, last: 2 });
  });

  it('an empty list has no rows', () => {
    const rows = new RowHeights(() => 40);
    assert.deepStrictEqual(rows.range(0, 1000), { first: 0, last: 0 });
    assert.strictEqual(rows.total, 0);
  });
});
