// Entry of the in-host layer: VS Code's extension host calls run() (extensionTestsPath). Runs every
// test/vscode/**/*.test.ts (compiled) with mocha and writes the results where the harness reads them.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

/** What the harness reads back; the same shape as test/harness/mochaRun.ts writes for other layers. */
export interface TestResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

/** Lines the harness picks out of the extension host's console output start with this. */
export const LOG_PREFIX = '[pipedrive-test]';

export async function run(): Promise<void> {
  const resultsFile = process.env.PIPEDRIVE_TEST_RESULTS;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.PIPEDRIVE_TEST_TIMEOUT ?? 20_000),
    grep: process.env.PIPEDRIVE_TEST_GREP || undefined,
  });
  const results: TestResults = { passed: 0, failed: 0, pending: 0, failures: [] };
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  try {
    await mocha.loadFilesAsync();
  } catch (e) {
    // A suite that does not load is a failure with a name, not an empty run.
    results.failed++;
    results.failures.push({ title: 'loading test/vscode suites', error: (e as Error).stack ?? String(e) });
    if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
    throw e;
  }
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => {
      results.passed++;
      console.log(`${LOG_PREFIX} ✔ ${test.fullTitle()}`);
    });
    runner.on('pending', () => results.pending++);
    runner.on('fail', (test, err: Error) => {
      results.failed++;
      const error = err?.stack || String(err);
      results.failures.push({ title: test.fullTitle(), error });
      console.log(`${LOG_PREFIX} ✘ ${test.fullTitle()}\n${error}`);
    });
  });
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  console.log(`${LOG_PREFIX} ${results.passed} passed, ${results.failed} failed`);
  // VS Code ends the test run with code 1 when run() rejects; the counts travel in the results file.
  if (results.failed > 0) throw new Error(`${results.failed} in-host test(s) failed`);
}

function testFiles(dir: string): string[] {
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
  const root = path.resolve(__dirname, '..', '..', '..');
  const relative = path.relative(path.join(root, 'out'), compiled);
  return relative.startsWith('..') || fs.existsSync(path.join(root, relative.replace(/\.js$/, '.ts')));
}
