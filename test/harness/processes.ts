// Every process and server the harness starts is registered here, so one call ends them all — by
// process id, children first seen through /proc — on success, on failure and on Ctrl+C.
import { ChildProcess, spawn, SpawnOptions } from 'child_process';
import * as fs from 'fs';

type Cleanup = { label: string; run: () => Promise<void> };

const cleanups: Cleanup[] = [];
let signalsHooked = false;

/** Registers something to end at cleanup time; returns a function that ends it now (once). */
export function onCleanup(label: string, run: () => Promise<void>): () => Promise<void> {
  hookSignals();
  let done: Promise<void> | undefined;
  const entry: Cleanup = { label, run: () => (done ??= run()) };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
    await entry.run();
  };
}

let cleaning: Promise<void> | undefined;

/** Ends everything still registered, newest first. Errors are reported, never thrown. Concurrent calls share one run. */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const entry = cleanups.pop()!;
      try {
        await entry.run();
      } catch (e) {
        console.error(`cleanup of ${entry.label} failed: ${(e as Error).message}`);
      }
    }
  })().finally(() => (cleaning = undefined));
  return cleaning;
}

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // Ctrl+C reaches every process of the terminal's group; the first signal wins, later ones wait.
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping everything the harness started…`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}

/** The ids of every living descendant of `pid`, read from /proc (children before grandchildren). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of safeReaddir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(name), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const result: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent && !result.includes(child)) {
        result.push(child);
        queue.push(child);
      }
    }
  }
  return result;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when `check` is true, polling on a short interval; false when `ms` pass first. */
async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Ends a process and all its descendants by id: SIGTERM, then SIGKILL for those still alive after `graceMs`. */
export async function killTree(pid: number, graceMs = 3000): Promise<void> {
  const pids = [pid, ...descendants(pid)];
  for (const p of pids) signal(p, 'SIGTERM');
  if (await until(() => pids.every((p) => !alive(p) || isZombie(p)), graceMs)) return;
  for (const p of [pid, ...descendants(pid), ...pids]) signal(p, 'SIGKILL');
  await until(() => pids.every((p) => !alive(p) || isZombie(p)), 2000);
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** Spawns a child that is ended (with its descendants) at cleanup; `stop()` ends it earlier. */
export function spawnTracked(
  label: string,
  command: string,
  args: string[],
  options: SpawnOptions,
): { child: ChildProcess; stop: () => Promise<void> } {
  const child = spawn(command, args, options);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const stop = onCleanup(label, async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      // The main process is gone; its orphans were re-parented and cannot be found any more.
      return;
    }
    const tree = killTree(child.pid);
    await Promise.race([exited, tree]);
    await tree;
  });
  return { child, stop };
}
