// Runs the same test/vscode suites in desktop VS Code (Electron) with @vscode/test-electron, where a
// network exists to download it: `npm run test:electron`. Not used by `npm test` (no network here).
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ARTIFACTS_DIR, ROOT } from './harness/paths';
import { cleanupAll } from './harness/processes';
import { startTestSandbox } from './harness/sandbox';
import { Session } from './harness/session';

async function main(): Promise<number> {
  const { sandbox } = await startTestSandbox();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipedrive-electron-'));
  try {
    const userDataDir = path.join(tempDir, 'user-data');
    const workspaceDir = path.join(tempDir, 'workspace');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(workspaceDir, { recursive: true });
    // Pointed at the sandbox through the extension's own setting, as the code-server harness does.
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ 'pipedrive.apiBaseUrl': sandbox.url, 'security.workspace.trust.enabled': false }, null, 2),
    );
    const artifacts = path.join(ARTIFACTS_DIR, 'electron');
    fs.mkdirSync(artifacts, { recursive: true });
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'vscode', 'index.js'),
      extensionTestsEnv: { ...Session.sandboxEnv(sandbox), PIPEDRIVE_TEST_RESULTS: path.join(artifacts, 'results.json') },
      launchArgs: [workspaceDir, '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust'],
    });
    return 0;
  } catch (e) {
    console.error(`in-host tests failed: ${(e as Error).message}`);
    return 1;
  } finally {
    await cleanupAll();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
