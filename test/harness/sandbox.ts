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
  // legacy-v1 serves today's routes and the removed v1 ones: the extension (today's API by
  // default) calls only the former, and the in-host helpers read their fixtures through the latter.
  const sandbox = await mod.startSandbox({ host: '127.0.0.1', port: 0, seed: 1, apiMode: 'legacy-v1', ...options });
  const stop = onCleanup('sandbox', () => sandbox.close());
  return { sandbox, stop };
}
