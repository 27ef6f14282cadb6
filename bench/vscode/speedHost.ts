// Runs inside a fresh extension host (extensionTestsPath) for issue 14's activation and search
// figures; bench/figures/speed.ts opens one workbench window per run. $PIPEDRIVE_BENCH_SPEED_MODE
// (read from the file $PIPEDRIVE_BENCH_SPEED_MODE_FILE, written before each window opens) says
// which: 'activation' times activate() and ends; 'search' also signs in and times the search picker.
// Writes one JSON file per window ($PIPEDRIVE_BENCH_SPEED_RESULTS + '.' + run).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import type { PipedriveExtensionApi } from '../../src/extension';
import { SearchSession, type SearchState } from '../../src/ui/SearchSession';
import { TestUserInput } from '../../src/ui/TestUserInput';
import type { SearchPickOptions } from '../../src/ui/UserInput';

const EXTENSION_ID = 'pipedrive-orgs.pipedrive-organizations';

export interface SpeedHostResult {
  mode: 'activation' | 'search';
  activateMs: number | null;
  activateCpuMs: number | null;
  /** The host loaded the bundle from V8's code cache (written by an earlier window). */
  fromCodeCache?: boolean;
  wasActiveBefore: boolean;
  search?: SearchTiming;
  error?: string;
}

export interface SearchTiming {
  word: string;
  keyDelayMs: number;
  latencyMs: number;
  /** Last keystroke → the first results the picker shows (local name matches, or the answer). */
  firstResultsMs: number | null;
  /** Last keystroke → Pipedrive's answer shown (merged with the local matches). */
  searchedResultsMs: number | null;
  itemsShown: number;
  /** The most search requests in flight at once (aborted ones end at the abort). */
  maxInFlight: number;
  searchRequests: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function control(base: string, route: string, body?: unknown): Promise<void> {
  await fetch(`${base}/__sandbox/${route}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

/**
 * Plays the search picker's logic (SearchSession, as showSearchQuickPick runs it) with the very
 * options the extension passes (its search, local index lookup and debounce), typing the word at a
 * fixed speed, and times from the last keystroke to what the picker would show.
 */
class TypingInput extends TestUserInput {
  timing: SearchTiming | undefined;
  constructor(private readonly word: string, private readonly keyDelayMs: number, private readonly latencyMs: number) {
    super();
  }

  override async showSearchPick<T extends QuickPickItem>(options: SearchPickOptions<T>): Promise<T> {
    let inFlight = 0;
    let maxInFlight = 0;
    let searchRequests = 0;
    const states: { at: number; state: SearchState<T> }[] = [];
    const session = new SearchSession<T>(
      {
        search: (term, exact, signal) => {
          searchRequests++;
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          let ended = false;
          const end = () => {
            if (!ended) inFlight--;
            ended = true;
          };
          signal.addEventListener('abort', end, { once: true });
          return options.search(term, exact, signal).finally(end);
        },
        local: options.local,
        checkTerm: options.checkTerm,
        debounceMs: options.debounceMs,
      },
      (state) => states.push({ at: performance.now(), state }),
    );
    let lastKey = 0;
    for (let i = 1; i <= this.word.length; i++) {
      lastKey = performance.now();
      session.setTerm(this.word.slice(0, i));
      if (i < this.word.length) await sleep(this.keyDelayMs);
    }
    const deadline = Date.now() + 10_000;
    const searched = () => states.find((s) => s.at >= lastKey && s.state.kind !== 'busy' && s.state.kind !== 'hint' && !(s.state.kind === 'results' && s.state.partial));
    while (!searched() && Date.now() < deadline) await sleep(5);
    const first = states.find((s) => s.at >= lastKey && (s.state.kind === 'results' || s.state.kind === 'error'));
    const done = searched();
    session.dispose();
    this.timing = {
      word: this.word,
      keyDelayMs: this.keyDelayMs,
      latencyMs: this.latencyMs,
      firstResultsMs: first ? Math.round((first.at - lastKey) * 10) / 10 : null,
      searchedResultsMs: done ? Math.round((done.at - lastKey) * 10) / 10 : null,
      itemsShown: done?.state.kind === 'results' ? done.state.items.length : 0,
      maxInFlight,
      searchRequests,
    };
    // Escape: the command ends quietly (no reveal, no Details panel).
    throw Object.assign(new Error('Cancelled'), { isUserCancelled: true });
  }
}

async function measureSearch(api: PipedriveExtensionApi, base: string, token: string): Promise<SearchTiming> {
  const signIn = new TestUserInput();
  api.setUserInput(signIn);
  if (!api.auth.signedIn) {
    signIn.queue(token);
    await vscode.commands.executeCommand('pipedrive.signIn');
  }
  if (!api.auth.signedIn) throw new Error(`not signed in (${signIn.errors.join('; ')})`);
  await api.index.settled;
  await api.session.settled();
  const latencyMs = 50;
  await control(base, 'faults', { faults: [{ kind: 'latency', ms: latencyMs }] });
  try {
    const typing = new TypingInput('Techno', 150, latencyMs);
    api.setUserInput(typing);
    // Once to load the command handlers and warm the name table, as a person's first search would.
    await vscode.commands.executeCommand('pipedrive.search');
    const measured = new TypingInput('Techno', 150, latencyMs);
    api.setUserInput(measured);
    await vscode.commands.executeCommand('pipedrive.search');
    if (!measured.timing) throw new Error('the search picker was not shown');
    return measured.timing;
  } finally {
    await control(base, 'faults', { faults: [] });
    api.setUserInput(undefined);
  }
}

/**
 * `PIPEDRIVE_BENCH_CPU_PROFILE=<dir>`: a V8 CPU profile of activation (50 µs samples), to see where
 * the host spends it. Not on by default: the profiler itself slows what it measures.
 */
async function startProfile(): Promise<() => Promise<object>> {
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as Record<string, unknown>))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    return profile as object;
  };
}

export async function run(): Promise<void> {
  const modeFile = process.env.PIPEDRIVE_BENCH_SPEED_MODE_FILE ?? '';
  const [mode, runId] = (fs.existsSync(modeFile) ? fs.readFileSync(modeFile, 'utf8').trim() : 'activation 0').split(' ') as ['activation' | 'search', string];
  const out: SpeedHostResult = { mode, activateMs: null, activateCpuMs: null, wasActiveBefore: false };
  try {
    const ext = vscode.extensions.getExtension<PipedriveExtensionApi>(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
    // The host is still busy starting when it calls us: let it settle, so the clock measures the
    // extension, not the host's own start-up.
    await sleep(2000);
    out.wasActiveBefore = ext.isActive;
    const profile = process.env.PIPEDRIVE_BENCH_CPU_PROFILE ? await startProfile() : undefined;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const api = await ext.activate();
    out.activateMs = out.wasActiveBefore ? null : Math.round((performance.now() - t0) * 100) / 100;
    const cpu = process.cpuUsage(cpu0);
    if (profile) fs.writeFileSync(path.join(process.env.PIPEDRIVE_BENCH_CPU_PROFILE!, `activation-${runId}.cpuprofile`), JSON.stringify(await profile()));
    out.activateCpuMs = out.wasActiveBefore ? null : Math.round(((cpu.user + cpu.system) / 1000) * 100) / 100;
    out.fromCodeCache = api.startup?.fromCodeCache;
    await api.ready;
    // The next window's host takes the code cache this one writes after its sign-in, as a person's
    // next start would.
    await api.startup?.codeCacheWritten;
    if (mode === 'search') out.search = await measureSearch(api, process.env.PIPEDRIVE_SANDBOX_URL ?? '', process.env.PIPEDRIVE_SANDBOX_TOKEN ?? '');
  } catch (e) {
    out.error = e instanceof Error ? e.message : String(e);
  }
  const file = process.env.PIPEDRIVE_BENCH_SPEED_RESULTS;
  if (file) fs.writeFileSync(`${file}.${runId}`, JSON.stringify(out, null, 2));
}
