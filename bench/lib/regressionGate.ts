// The regression gate (issue 14): a figure that met its target in the committed bench/results.json
// may not get more than 20 % worse in a new run. Pure: compares two tables of rows, whatever
// figures they hold (rows are matched by `id`, else by figure and metric).
//
// A figure far under its target moves by more than 20 % with the machine's load alone: the warm
// Details header went 22.6 → 27.2 ms (+20.4 %) on a machine just out of a CI run, against 300 ms.
// So a change also has to be more than 5 % of the target to count: 15 ms of a 300 ms budget, 1 ms
// of activation's 20 ms, 0.05× of a 1.05× ratio, while a request count of 1 against ≤ 3 still
// fails at 2.

export interface GateRow {
  figure: string;
  metric: string;
  measured: string;
  target: string;
  pass: boolean | null;
  /** A stable key across runs (defaults to figure + metric). */
  id?: string;
  /** The number the target is about; else the first number of `measured`. */
  value?: number;
  /** Which way is better; else read from the target (≤/< lower, ≥/> higher; anything else: not gated). */
  better?: 'lower' | 'higher';
}

export interface Regression {
  figure: string;
  metric: string;
  before: number;
  after: number;
  /** How much worse, in percent of the committed value. */
  worsePercent: number;
  line: string;
}

export const DEFAULT_TOLERANCE = 0.2;
/** A change smaller than this share of the target is noise, however large relative to the figure. */
export const TARGET_SHARE = 0.05;

export function rowKey(row: GateRow): string {
  return row.id ?? `${row.figure}\u0000${row.metric}`;
}

/** The row's number: `value`, else the first number in `measured` ("24.5 ms", "1.12×", "3 %"). */
export function rowValue(row: GateRow): number | undefined {
  if (typeof row.value === 'number' && Number.isFinite(row.value)) return row.value;
  const m = /^\s*(-?\d[\d,]*(?:\.\d+)?)/.exec(row.measured);
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

/** The target's number ("≤ 300 ms" → 300, "> 1.00×" → 1); undefined for "(context)". */
export function targetValue(row: GateRow): number | undefined {
  const m = /^\s*[≤<≥>]\s*(-?\d[\d,]*(?:\.\d+)?)/.exec(row.target);
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

export function betterDirection(row: GateRow): 'lower' | 'higher' | undefined {
  if (row.better) return row.better;
  const t = row.target.trim();
  if (/^(≤|<)/.test(t)) return 'lower';
  if (/^(≥|>)/.test(t)) return 'higher';
  return undefined;
}

/**
 * Rows that met their target in `committed` and are now more than `tolerance` worse. A row not
 * measured now (no number) is not a regression here (the report lists what was not measured).
 */
export function findRegressions(committed: readonly GateRow[], current: readonly GateRow[], tolerance = DEFAULT_TOLERANCE): Regression[] {
  const before = new Map(committed.map((r) => [rowKey(r), r]));
  const out: Regression[] = [];
  for (const row of current) {
    const old = before.get(rowKey(row));
    if (!old || old.pass !== true) continue;
    const direction = betterDirection(row) ?? betterDirection(old);
    const a = rowValue(old);
    const b = rowValue(row);
    if (!direction || a === undefined || b === undefined || row.pass === null) continue;
    // Relative change needs a positive base; a figure at 0 (e.g. "0 requests") is held by its target.
    if (!(a > 0)) continue;
    const worse = direction === 'lower' ? (b - a) / a : (a - b) / a;
    const target = targetValue(row) ?? targetValue(old);
    const noticeable = target === undefined || worse * a > TARGET_SHARE * Math.abs(target);
    if (worse > tolerance && noticeable) {
      const pct = Math.round(worse * 1000) / 10;
      out.push({
        figure: row.figure,
        metric: row.metric,
        before: a,
        after: b,
        worsePercent: pct,
        line: `bench: REGRESSION in figure ${row.figure} "${row.metric}": ${old.measured} → ${row.measured} (${pct} % worse; the gate allows ${Math.round(tolerance * 100)} % against bench/results.json, or a change within ${Math.round(TARGET_SHARE * 100)} % of the target)`,
      });
    }
  }
  return out;
}
