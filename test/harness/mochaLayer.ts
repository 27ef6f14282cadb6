// The unit and e2e layers: mocha in a child process (mochaRun.ts), counted from its results file.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ARTIFACTS_DIR, ROOT } from './paths';
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
  // On Ctrl+C the child gets the signal too and ends its own processes; this ends it if we exit first.
  const end = () => {
    try {
      if (child.pid) process.kill(child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', end);
  const code = await new Promise<number>((resolve) => child.once('exit', (c, s) => resolve(c ?? (s ? 128 : 1))));
  process.removeListener('exit', end);
  if (!fs.existsSync(resultsFile)) {
    return setupFailure(layer, `${layer} runner`, new Error(`mocha exited with ${code} and wrote no results`), started);
  }
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  return { layer, ...results, ms: Date.now() - started };
}
