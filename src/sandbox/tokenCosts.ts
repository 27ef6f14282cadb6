// Each operation's token cost, read from the `x-token-cost` fields of the three reference OpenAPI
// files at startup, so the sandbox charges what the reference says and follows it when it changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './fixturesDir';

export const REFERENCE_FILES = ['organizations.openapi.json', 'organizations-v1-removed.openapi.json', 'supporting.openapi.json'] as const;

/** "GET /v1/organizations/{}/followers/{}": parameter names differ between router and spec, so they are dropped. */
export function costKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]+\}|:[a-z_]+/g, '{}')}`;
}

let cached: Map<string, number> | undefined;

/** costKey → x-token-cost over the three files. Read once per process (the files are ~0.9 MB). */
export function tokenCosts(dir: string = fixturesDir()): Map<string, number> {
  if (cached) return cached;
  const out = new Map<string, number>();
  for (const file of REFERENCE_FILES) {
    const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { paths: Record<string, Record<string, { 'x-token-cost'?: unknown }>> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const cost = op?.['x-token-cost'];
        if (typeof cost === 'number') out.set(costKey(method, path), cost);
      }
    }
  }
  cached = out;
  return out;
}
