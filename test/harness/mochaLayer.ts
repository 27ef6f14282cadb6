// The unit and e2e layers: mocha in a child process (mochaRun.ts), counted from its results file.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ARTIFACTS_DIR, ROOT } from './paths';
import { killTree, onCleanup } from './processes';
import { LayerResult, setupFailure } from './results';

export async function runMochaLayer(
  layer: 'unit' | 'e2e',
  testDir: string,
  options: { timeoutMs: number; grep?: string; env?: NodeJS.ProcessEnv },
): Promise<LayerResult> {
  const started = Date.now();
  const artifacts = path.join(ARTIFACTS_DIR, layer);
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const resultsFile = path.join(artifacts, 'results.json');
  const args = [path.join(__dirname, 'mochaRun.js'), resultsFile, testDir, '--timeout', String(options.timeoutMs)];
  if (options.grep) args.push('--grep', options.grep);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...options.env } });
  const exited = new Promise<number>((resolve) => child.once('exit', (c, s) => resolve(c ?? (s ? 128 : 1))));
  // On Ctrl+C (or if this process is told to stop) the child is asked to end its own processes first.
  const stop = onCleanup(`${layer} mocha`, async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    process.kill(child.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 15_000)));
    if (await Promise.race([exited.then(() => false), gaveUp])) await killTree(child.pid);
    clearTimeout(timer);
  });
  const code = await exited;
  await stop();
  if (!fs.existsSync(resultsFile)) {
    return setupFailure(layer, `${layer} runner`, new Error(`mocha exited with ${code} and wrote no results`), started);
  }
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  return { layer, ...results, ms: Date.now() - started };
}
