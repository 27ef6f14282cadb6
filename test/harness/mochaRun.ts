// Runs compiled mocha tests in a child process and writes their counts and failures to a JSON file,
// so the parent counts them reliably while the spec reporter prints for people.
//   node out/test/harness/mochaRun.js <results.json> <dir> [--timeout ms] [--grep text]
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { ROOT } from './paths';
import { cleanupAll } from './processes';
import { Failure } from './results';

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return testFiles(p);
      return e.name.endsWith('.test.js') && hasSource(p) ? [p] : [];
    })
    .sort();
}

/** tsc never deletes the output of a removed test: only files whose .ts source still exists run. */
function hasSource(compiled: string): boolean {
  const relative = path.relative(path.join(ROOT, 'out'), compiled);
  return relative.startsWith('..') || fs.existsSync(path.join(ROOT, relative.replace(/\.js$/, '.ts')));
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const [resultsFile, dir, ...rest] = process.argv.slice(2);
  const results = { passed: 0, failed: 0, pending: 0, failures: [] as Failure[] };
  const mocha = new Mocha({
    reporter: 'spec',
    color: process.stdout.isTTY,
    timeout: Number(option(rest, '--timeout') ?? 10_000),
    grep: option(rest, '--grep') || undefined,
  });
  for (const file of testFiles(dir)) mocha.addFile(file);
  try {
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => results.passed++);
      runner.on('pending', () => results.pending++);
      runner.on('fail', (test, err: Error) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), error: err?.stack || String(err) });
      });
    });
  } catch (e) {
    results.failed++;
    results.failures.push({ title: `loading ${dir}`, error: (e as Error).stack ?? String(e) });
  }
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  await cleanupAll();
  // Like mocha --exit: a test that leaves a handle open must not hang the run.
  process.exit(results.failed > 0 ? 1 : 0);
}

void main();
