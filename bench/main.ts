// `npm run bench` (bench/run.js compiles this and runs it): measures the client, the tree and the
// webviews next to the official client and the raw floor, then writes bench/results.json,
// bench/REPORT.md and the SVG charts. Every number comes from this run; a figure that cannot run is
// reported as "not measured: <why>". Exits non-zero when the benchmark itself crashes, and when a
// figure that met its target in the committed bench/results.json is now more than 20 % worse (the
// regression gate, bench/lib/regressionGate.ts).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBundleFigure, type BundleFigure } from './figures/bundle';
import { runExportFigure, type ExportFigure } from './figures/export';
import { officialVersion, runClientOverhead, type ClientOverheadResult } from './figures/clientOverhead';
import { runVsCodeFigures, type VsCodeFigures } from './figures/vscode';
import { runWalkFigure, type WalkFigure } from './figures/walk';
import { runSpeedFigure, type SpeedFigure } from './figures/speed';
import { ROOT } from './lib/build';
import { findRegressions } from './lib/regressionGate';
import { acquireTestLock } from './lib/testLock';
import { buildTable, writeReport } from './report';

export interface Row {
  figure: string;
  metric: string;
  measured: string;
  target: string;
  /** null: no target (context), or not measured. */
  pass: boolean | null;
  note?: string;
  /** For the regression gate: a key stable across runs, the number the target is about, its direction. */
  id?: string;
  value?: number;
  better?: 'lower' | 'higher';
}

export interface Results {
  mode: 'full' | 'quick';
  machine: Record<string, unknown>;
  durationSeconds: number;
  figures: {
    clientOverhead?: ClientOverheadResult;
    walk?: WalkFigure;
    bundle?: BundleFigure;
    vscode?: VsCodeFigures;
    /** Activation in 5 fresh extension hosts and the search picker's timing (issue 14). */
    speed?: SpeedFigure;
    /** Organization index (issue 10): by organization count, plus `workingDay`. */
    index?: Record<string, Record<string, number>>;
    export?: ExportFigure;
  };
  notMeasured: string[];
  table: Row[];
  /** The regression gate's findings against the committed results (issue 14); empty when none. */
  regressions?: string[];
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function machine(): Record<string, unknown> {
  let distro = '';
  try {
    distro = /PRETTY_NAME="?([^"\n]+)/.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {
    // not Linux
  }
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}${distro ? ` (${distro})` : ''}`,
    officialClient: `pipedrive ${officialVersion()}`,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', '--', 'src', 'media', 'package.json', 'esbuild.js']) ? ' (with uncommitted changes in src/media)' : ''}`,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  if (argv.includes('--report-only')) {
    // Rewrites REPORT.md and the charts from bench/results.json (e.g. after a change to the report).
    const saved = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8')) as Results;
    // The gate's findings stay those of the run that measured these results.
    writeReport(saved, path.join(ROOT, 'bench'));
    console.log('Rewrote bench/REPORT.md and the charts from bench/results.json.');
    return;
  }
  const skip = new Set(argv.filter((a) => a.startsWith('--skip=')).flatMap((a) => a.slice(7).split(',')));
  // --only=index: measure these figures again and keep the rest from bench/results.json.
  const only = argv.filter((a) => a.startsWith('--only=')).flatMap((a) => a.slice(7).split(','));
  const saved = only.length ? (JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8')) as Results) : undefined;
  if (saved) for (const id of ['bundle', 'client', 'walk', 'index', 'export', 'vscode']) if (!only.includes(id)) skip.add(id);
  const started = Date.now();
  const log = (s: string) => console.log(s);
  const results: Results = { mode: quick ? 'quick' : 'full', machine: machine(), durationSeconds: 0, figures: {}, notMeasured: [], table: [] };
  const figure = async (name: string, id: string, run: () => Promise<void>) => {
    if (skip.has(id)) {
      results.notMeasured.push(`${name}: skipped (--skip=${id})`);
      return;
    }
    const t0 = Date.now();
    log(`── ${name}`);
    try {
      await run();
    } catch (e) {
      const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
      results.notMeasured.push(`${name}: ${why}`);
      log(`  not measured: ${why}`);
    }
    log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };

  // The bundle first: it also builds the production extension the VS Code figures load.
  await figure('Figure 5: bundle size', 'bundle', async () => {
    results.figures.bundle = await runBundleFigure();
    log(`  dist/extension.js (production): ${(results.figures.bundle.extensionBundleBytes / 1024).toFixed(1)} KB`);
  });
  await figure('Figure 1: client overhead', 'client', async () => {
    results.figures.clientOverhead = await runClientOverhead({ rounds: quick ? 60 : 400, warmupRounds: quick ? 15 : 40, processes: quick ? 1 : 3, log });
    const r = results.figures.clientOverhead.ratios.all;
    log(`  ours/raw ${r.oursOverRaw}, official/ours ${r.officialOverOurs} (medians, geometric mean over kinds)`);
  });
  await figure('Figure 2: walk of all organizations', 'walk', async () => {
    results.figures.walk = await runWalkFigure({ size: quick ? 20_000 : 100_000, log });
  });
  await figure('Figure 7: organization index (today\'s API)', 'index', async () => {
    // Its own process: the heap figures are the index's, not the benchmark's.
    execFileSync(process.execPath, [path.join(__dirname, 'orgIndex.bench.js')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    results.figures.index = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', '.work', 'orgIndex-figures.json'), 'utf8')) as Record<string, Record<string, number>>;
    const big = results.figures.index['100000'];
    if (big) log(`  100,000: first walk ${big.firstWalkRequests} requests, restart ${big.restartRequests}, heap ${big.heapMB} MB, load ${big.loadFromDiskToGroupsMs} ms`);
  });
  await figure('Figure 8: export of all organizations', 'export', async () => {
    results.figures.export = await runExportFigure({ size: quick ? 20_000 : 100_000, log });
  });
  // Both VS Code parts under one hold of the test lock (the tests' code-server + Chromium slot).
  const lock = skip.has('vscode') ? undefined : await acquireTestLock(log);
  try {
    await figure('Figures 3, 4, 5 (activation), 6: VS Code', 'vscode', async () => {
      results.figures.vscode = await runVsCodeFigures({ quick, log });
      results.notMeasured.push(...results.figures.vscode.notMeasured);
      for (const e of results.figures.vscode.inHost?.errors ?? []) results.notMeasured.push(`in-host step ${e}`);
    });
    await figure('Figure 5 (activation, 5 fresh hosts) and figure 9 (search): VS Code', 'vscode', async () => {
      results.figures.speed = await runSpeedFigure({ runs: 5, log });
      results.notMeasured.push(...results.figures.speed.notes.map((n) => `speed figures: ${n}`));
    });
  } finally {
    lock?.release();
  }
  // The gate compares with the committed results (HEAD), not with a file an earlier run rewrote.
  const committed = committedResults();
  if (saved) {
    // Keep what was not measured again, with the notes that went with it.
    results.figures = { ...saved.figures, ...results.figures };
    const again = (n: string) => only.some((id) => n.includes(`--skip=${id}`));
    // A saved note about a figure measured again in this run no longer holds.
    const remeasured = (n: string) => only.includes('vscode') && /^(Figures 3–6|in-host step)/.test(n);
    results.notMeasured = [
      ...saved.notMeasured.filter((n) => !results.notMeasured.includes(n) && !remeasured(n)),
      ...results.notMeasured.filter((n) => !/skipped \(--skip=/.test(n) || again(n)),
    ];
    // The machine table keeps the full run's commit; each partial run says when and on which commit.
    results.machine = { ...saved.machine, [`only ${only.join(',')}`]: `${results.machine.date} at ${results.machine.commit}` };
  }
  results.machine.vscode = results.figures.vscode?.vscodeVersion ?? saved?.machine.vscode ?? 'not started';
  results.machine.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  const regressions = gate(results, committed);
  writeReport(results, path.join(ROOT, 'bench'));
  log(`\nWrote bench/results.json, bench/REPORT.md and the charts in ${results.durationSeconds} s.`);
  for (const r of results.table) {
    log(`  ${r.pass === true ? 'pass' : r.pass === false ? 'MISS' : '    '}  ${r.figure} ${r.metric}: ${r.measured} (target ${r.target})`);
  }
  for (const line of regressions) console.error(line);
  if (regressions.length > 0) process.exitCode = 1;
  else log(committed ? '\nRegression gate: no figure that met its target is more than 20 % worse than the committed bench/results.json (by more than 5 % of its target).' : '\nRegression gate: no committed bench/results.json to compare with.');
}

/** The regression gate over this run's table (kept in the results, so the report shows it). */
function gate(results: Results, committed = committedResults()): string[] {
  results.table = buildTable(results);
  results.regressions = committed ? findRegressions(committed.table, results.table).map((g) => g.line) : [];
  return results.regressions;
}

/** bench/results.json as committed (HEAD); the file on disk when git has none. */
function committedResults(): Results | undefined {
  let text = '';
  try {
    text = execFileSync('git', ['show', 'HEAD:bench/results.json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    // not in git: the file on disk
  }
  text ||= (fs.existsSync(path.join(ROOT, 'bench', 'results.json')) ? fs.readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8') : '');
  try {
    return text ? (JSON.parse(text) as Results) : undefined;
  } catch {
    return undefined;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
