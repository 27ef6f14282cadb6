// Where the reference OpenAPI files live (test/fixtures/pipedrive). The sandbox runs from
// out/src/sandbox (tsc), from dist/sandbox.js (esbuild) and from bench/test builds under out/, so the
// directory is found by walking up from this file to the repo root instead of a fixed `../..`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MARKER = join('test', 'fixtures', 'pipedrive', 'organizations.openapi.json');

export function fixturesDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, MARKER))) return join(dir, 'test', 'fixtures', 'pipedrive');
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`Sandbox: cannot find ${MARKER} above ${start}; the sandbox reads its token costs from there.`);
}
