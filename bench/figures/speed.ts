// Issue 14's activation and search figures, each in a fresh extension host: one code-server session
// (test/harness) with the production build in bench/.work/ext, and one workbench window per run,
// each running bench/vscode/speedHost.ts. Activation: 5 windows, median. Search: one more window
// that signs in, waits for the organization index, and types a word with 50 ms of server latency.
import * as fs from 'fs';
import * as path from 'path';
import { findChromium } from '../../test/harness/chromium';
import { ensureCodeServer, workbenchUrl } from '../../test/harness/codeServer';
import { cleanupAll } from '../../test/harness/processes';
import { Session } from '../../test/harness/session';
import { EXT_DIR, ROOT, WORK } from '../lib/build';
import { round, summarize, type Summary } from '../lib/stats';
import type { SearchTiming, SpeedHostResult } from '../vscode/speedHost';

export interface SpeedFigure {
  /** activate() in a fresh extension host, one per window. */
  activationMs: number[];
  activationCpuMs: number[];
  /** Per window: whether its host loaded the bundle from V8's code cache (undefined: not reported). */
  activationFromCodeCache?: Array<boolean | undefined>;
  activation: Summary;
  search?: SearchTiming;
  notes: string[];
}

async function runWindow(session: Session, mode: 'activation' | 'search', run: number, log: (s: string) => void): Promise<SpeedHostResult> {
  const modeFile = path.join(WORK, 'speed-mode.txt');
  const resultsBase = path.join(WORK, 'speed-results.json');
  fs.writeFileSync(modeFile, `${mode} ${run}`);
  fs.rmSync(`${resultsBase}.${run}`, { force: true });
  let exited!: (code: number) => void;
  const exit = new Promise<number>((r) => (exited = r));
  const hostLog = fs.createWriteStream(path.join(WORK, `speed-host-${run}.log`));
  const page = await session.openWorkbench({
    extensionTestsPath: path.join(WORK, 'out', 'bench', 'vscode', 'speedHost.js'),
    onLog: (l) => hostLog.write(l + '\n'),
    onExit: (c) => exited(c),
  });
  try {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exit, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${mode} window ${run} did not finish within 3 min`)), 180_000)))]).finally(() =>
      clearTimeout(timer),
    );
    const file = `${resultsBase}.${run}`;
    if (!fs.existsSync(file)) throw new Error(`${mode} window ${run} wrote no results (see bench/.work/speed-host-${run}.log)`);
    const result = JSON.parse(fs.readFileSync(file, 'utf8')) as SpeedHostResult;
    log(`  ${mode} window ${run}: activate ${result.activateMs ?? '—'} ms${result.search ? `, search results after ${result.search.firstResultsMs} ms (searched ${result.search.searchedResultsMs} ms)` : ''}${result.error ? `; ${result.error}` : ''}`);
    return result;
  } finally {
    hostLog.end();
    await page.context().close().catch(() => undefined);
  }
}

export async function runSpeedFigure(opts: { runs?: number; log?: (s: string) => void }): Promise<SpeedFigure> {
  const log = opts.log ?? (() => undefined);
  const runs = opts.runs ?? 5;
  if (!fs.existsSync(path.join(EXT_DIR, 'dist', 'extension.js'))) throw new Error('bench/.work/ext has no production build (the bundle figure builds it first)');
  const cache = path.join(WORK, '.cache');
  if (!fs.existsSync(cache)) {
    fs.mkdirSync(path.join(ROOT, '.cache'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, '.cache'), cache, 'dir');
  }
  findChromium();
  ensureCodeServer(log);
  const out: SpeedFigure = { activationMs: [], activationCpuMs: [], activation: summarize([]), notes: [] };
  let session: Session | undefined;
  try {
    session = await Session.start({
      name: 'bench-speed',
      sandbox: { size: 5000, rateLimitPerWindow: 100_000 },
      env: {
        PIPEDRIVE_BENCH_SPEED_MODE_FILE: path.join(WORK, 'speed-mode.txt'),
        PIPEDRIVE_BENCH_SPEED_RESULTS: path.join(WORK, 'speed-results.json'),
        // Set by hand to look into activation: a CPU profile per fresh host (bench/vscode/speedHost.ts).
        ...(process.env.PIPEDRIVE_BENCH_CPU_PROFILE ? { PIPEDRIVE_BENCH_CPU_PROFILE: path.resolve(process.env.PIPEDRIVE_BENCH_CPU_PROFILE) } : {}),
      },
    });
    const s = session;
    s.workbenchUrl = (o = {}) => workbenchUrl(s.codeServer, s.workspaceDir, { extensionDevelopmentPath: EXT_DIR, ...o });
    for (let run = 1; run <= runs; run++) {
      const r = await runWindow(s, 'activation', run, log).catch((e: Error) => ({ error: e.message }) as SpeedHostResult);
      if (typeof r.activateMs === 'number') {
        out.activationMs.push(r.activateMs);
        if (typeof r.activateCpuMs === 'number') out.activationCpuMs.push(r.activateCpuMs);
        (out.activationFromCodeCache ??= []).push(r.fromCodeCache);
      } else out.notes.push(`activation window ${run}: ${r.error ?? (r.wasActiveBefore ? 'already active' : 'no number')}`);
    }
    const r = await runWindow(s, 'search', runs + 1, log).catch((e: Error) => ({ error: e.message }) as SpeedHostResult);
    if (r.search) out.search = r.search;
    else out.notes.push(`search window: ${r.error ?? 'no timing'}`);
  } finally {
    await session?.dispose();
    await cleanupAll();
  }
  out.activation = summarize(out.activationMs);
  out.activationMs = out.activationMs.map((v) => round(v, 2));
  return out;
}
