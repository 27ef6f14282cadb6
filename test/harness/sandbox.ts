// The Pipedrive-compatible sandbox (src/sandbox, compiled to out/src/sandbox) in this process, on a free
// port, with its fixed seed so every run sees the same organizations.
import * as fs from 'fs';
import * as path from 'path';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/types';
import { ROOT } from './paths';
import { onCleanup } from './processes';

const SERVER_JS = path.join(ROOT, 'out', 'src', 'sandbox', 'server.js');

export async function startTestSandbox(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; stop: () => Promise<void> }> {
  if (!fs.existsSync(SERVER_JS)) {
    throw new Error(`${path.relative(ROOT, SERVER_JS)} is missing: build with \`npx tsc -p .\` (src/sandbox/server.ts must export startSandbox).`);
  }
  // Loaded at run time: the sandbox is built by the same tsc run as the harness, and a harness that
  // compiles must not depend on the sandbox's exact exports at type level.
   
  const mod = require(SERVER_JS) as { startSandbox?: (o: SandboxOptions) => Promise<Sandbox> };
  if (typeof mod.startSandbox !== 'function') throw new Error(`${SERVER_JS} does not export startSandbox()`);
  // Pipedrive as it answers today: a call of the extension to a removed v1 route fails as it would
  // for a real account. The tests read their expectations through those routes with the fixture
  // header (FIXTURE_HEADER in src/sandbox/server.ts); legacy suites switch the mode for their run.
  const sandbox = await mod.startSandbox({ host: '127.0.0.1', port: 0, seed: 1, apiMode: 'current', ...options });
  const stop = onCleanup('sandbox', () => sandbox.close());
  return { sandbox, stop };
}
