// The in-host layer: test/vscode suites run by VS Code's own extension host (extensionTestsPath),
// in code-server, with Chromium showing the workbench. Results come back in a JSON file.
import * as fs from 'fs';
import * as path from 'path';
import type { TestResults } from '../vscode/index';
import { ARTIFACTS_DIR, ROOT } from './paths';
import { LayerResult, setupFailure } from './results';
import { Session } from './session';

const TESTS_ENTRY = path.join(ROOT, 'out', 'test', 'vscode', 'index.js');
const RUN_TIMEOUT_MS = Number(process.env.PIPEDRIVE_INHOST_TIMEOUT ?? 4 * 60_000);

export async function runInHostLayer(options: { grep?: string } = {}): Promise<LayerResult> {
  const started = Date.now();
  const artifacts = path.join(ARTIFACTS_DIR, 'vscode');
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const resultsFile = path.join(artifacts, 'results.json');
  const hostLog = fs.createWriteStream(path.join(artifacts, 'extension-host-console.log'));

  let session: Session | undefined;
  try {
    session = await Session.start({
      name: 'vscode',
      env: { PIPEDRIVE_TEST_RESULTS: resultsFile, PIPEDRIVE_TEST_GREP: options.grep ?? '' },
    });
    let exited!: (code: number) => void;
    const exitCode = new Promise<number>((resolve) => (exited = resolve));
    const onLog = (line: string) => {
      hostLog.write(line + '\n');
      // The suites print one line per test with this prefix (see test/vscode/index.ts).
      const at = line.indexOf('[pipedrive-test]');
      if (at >= 0) console.log('  ' + line.slice(at + '[pipedrive-test]'.length).trim().replace(/%c/g, ''));
    };
    const page = await session.openWorkbench({ extensionTestsPath: TESTS_ENTRY, onLog, onExit: (code) => exited(code) });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exitCode,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no codeAutomationExit within ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    await session.saveArtifacts(artifacts, page);
    if (!fs.existsSync(resultsFile)) {
      return setupFailure('vscode', 'in-host run', new Error(`extension host exited with ${code} and wrote no results (see ${path.relative(ROOT, artifacts)}/)`), started);
    }
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as TestResults;
    return { layer: 'vscode', ...results, ms: Date.now() - started };
  } catch (e) {
    if (session) await session.saveArtifacts(artifacts).catch(() => undefined);
    return setupFailure('vscode', 'in-host harness', e, started);
  } finally {
    hostLog.end();
    await session?.dispose();
  }
}
