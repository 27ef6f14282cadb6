// The VS Code figures share the machine's code-server + Chromium test slot with the test runs of
// everyone else: they run under the same lock file the tests use (`flock /tmp/vscode-tests.lock`).
// A child `flock` holds it until release() closes its stdin.
import { spawn } from 'child_process';

export const TEST_LOCK = '/tmp/vscode-tests.lock';

export async function acquireTestLock(log: (s: string) => void, file = TEST_LOCK): Promise<{ release(): void }> {
  const child = spawn('flock', [file, 'sh', '-c', 'echo locked; cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = setTimeout(() => log(`  waiting for the test lock (${file})…`), 2000);
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`flock ${file} ended (${code}) before taking the lock`)));
    });
  } finally {
    clearTimeout(waiting);
  }
  return { release: () => child.stdin.end() };
}
