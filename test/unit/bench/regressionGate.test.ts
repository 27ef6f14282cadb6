import * as assert from 'node:assert/strict';
import { findRegressions, rowValue, targetValue, type GateRow } from '../../../bench/lib/regressionGate';

// The bench fails a figure that met its target in the committed results and is now more than 20 %
// worse; figures that missed, context rows and rows without a number are left alone.

const row = (figure: string, metric: string, measured: string, target: string, pass: boolean | null, extra: Partial<GateRow> = {}): GateRow => ({ figure, metric, measured, target, pass, ...extra });

describe('bench regression gate', () => {
  it('fails a met figure that got more than 20 % worse, naming the figure and both numbers', () => {
    const committed = [row('5', 'activation', '16 ms', '≤ 20 ms', true)];
    const found = findRegressions(committed, [row('5', 'activation', '19.6 ms', '≤ 20 ms', true)]);
    assert.equal(found.length, 1);
    assert.equal(found[0].worsePercent, 22.5);
    assert.match(found[0].line, /figure 5 "activation": 16 ms → 19.6 ms \(22.5 % worse/);
  });

  it('allows up to 20 % and any improvement; also for higher-is-better targets', () => {
    const committed = [row('5', 'activation', '16 ms', '≤ 20 ms', true), row('1', 'official / ours', '1.5×', '> 1.00×', true)];
    assert.deepEqual(findRegressions(committed, [row('5', 'activation', '19.2 ms', '≤ 20 ms', true), row('1', 'official / ours', '1.3×', '> 1.00×', true)]), []);
    const worse = findRegressions(committed, [row('1', 'official / ours', '1.1×', '> 1.00×', true)]);
    assert.deepEqual(worse.map((r) => [r.figure, r.worsePercent]), [['1', 26.7]]);
  });

  it('a change within 5 % of the target is noise, however large against a figure far under it', () => {
    const committed = [row('6', 'warm header', '22.6 ms', '≤ 300 ms', true), row('3', 'requests: open details', '1', '≤ 3', true)];
    // +20.4 % but 4.6 ms of a 300 ms budget: what the machine's load alone did in one run.
    assert.deepEqual(findRegressions(committed, [row('6', 'warm header', '27.2 ms', '≤ 300 ms', true)]), []);
    // +100 % and 16 ms: more than 15 ms (5 % of 300) is a regression even this far under the target.
    assert.equal(findRegressions(committed, [row('6', 'warm header', '45.2 ms', '≤ 300 ms', true)])[0]?.worsePercent, 100);
    // A request more is never noise.
    assert.equal(findRegressions(committed, [row('3', 'requests: open details', '2', '≤ 3', true)]).length, 1);
    assert.equal(targetValue(row('6', 'scroll', '16.8 ms', '≤ 16.7 ms (+ 0.2 ms rAF jitter); ≤ 50 MB', true)), 16.7);
    assert.equal(targetValue(row('4', 'first page', '71 ms', '(context)', null)), undefined);
  });

  it('leaves alone figures that missed before, context rows, rows not measured now, and new figures', () => {
    const committed = [
      row('6', 'flow render', '153 ms', '≤ 150 ms', false),
      row('4', 'first page', '71 ms', '(context)', null),
      row('4', 'memory', '35 MB', '≤ 50 MB', true),
    ];
    const current = [
      row('6', 'flow render', '400 ms', '≤ 150 ms', false),
      row('4', 'first page', '200 ms', '(context)', null),
      row('4', 'memory', 'not measured: no VS Code', '≤ 50 MB', null),
      row('9', 'a new figure', '999 ms', '≤ 1 ms', false),
    ];
    assert.deepEqual(findRegressions(committed, current), []);
  });

  it('matches rows by id when the metric text carries changing numbers, and prefers an explicit value', () => {
    const committed = [row('6', 'render a 2,073-item flow', '40 ms', '≤ 50 ms', true, { id: 'flow-render' })];
    const current = [row('6', 'render a 2,080-item flow', '60 ms', '≤ 50 ms', false, { id: 'flow-render' })];
    assert.equal(findRegressions(committed, current)[0]?.worsePercent, 50);
    assert.equal(rowValue(row('1', 'x', 'median 3 / 4 ms', '≤ 1', true, { value: 1.02 })), 1.02);
    assert.equal(rowValue(row('2', 'x', '100,000 organizations', '≤ 1', true)), 100_000);
  });
});
