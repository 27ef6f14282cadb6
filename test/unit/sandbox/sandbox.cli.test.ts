import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpText } from '../../../src/sandbox/cli';
import { CONTROL_ROUTES } from '../../../src/sandbox/control';
import { FAULT_DOCS } from '../../../src/sandbox/faultDocs';
import { probe } from '../../../src/sandbox/probe';
import { startSandbox } from '../../../src/sandbox/server';

// `npm run sandbox -- --help` for people, and the esbuild bundle `npm run sandbox` starts from.

// out/test/unit → repo root
const ROOT = join(__dirname, '..', '..', '..', '..');
const BUNDLE = join(ROOT, 'dist', 'sandbox.js');

/** The kinds of the Fault union, read from the source so a new kind cannot hide from this test. */
function faultKindsInSource(): string[] {
  const src = readFileSync(join(ROOT, 'src', 'sandbox', 'types.ts'), 'utf8');
  const union = /export type Fault =([\s\S]*?);\n/.exec(src)![1];
  return [...union.matchAll(/\{ kind: '([a-z0-9-]+)'/g)].map((m) => m[1]);
}

describe('sandbox CLI help and bundle', function () {
  this.timeout(20_000);

  it('--help documents every fault kind with a JSON example the server accepts', async () => {
    const kinds = faultKindsInSource();
    assert.ok(kinds.length >= 8);
    assert.deepEqual(Object.keys(FAULT_DOCS).sort(), [...kinds].sort());
    const help = helpText();
    for (const k of kinds) {
      assert.match(help, new RegExp(`^  ${k} +\\S`, 'm'), `${k} is described`);
      assert.ok(help.includes(JSON.stringify(FAULT_DOCS[k as keyof typeof FAULT_DOCS].example)), `${k} has its example`);
    }
    const sb = await startSandbox({ size: 20, apiMode: 'legacy-v1' });
    try {
      const r = await probe(sb.url, 'POST', '/__sandbox/faults', { body: { faults: Object.values(FAULT_DOCS).map((d) => d.example) } });
      assert.equal(r.status, 200, r.text);
    } finally {
      await sb.close();
    }
  });

  it('--help lists every control route, and each one answers', async () => {
    const help = helpText();
    const sb = await startSandbox({ size: 20, apiMode: 'legacy-v1' });
    try {
      for (const [route] of CONTROL_ROUTES) {
        assert.ok(help.includes(route), route);
        const [method, path] = route.split(/ +/);
        const r = await probe(sb.url, method, path, method === 'POST' ? { body: path.endsWith('/faults') ? { faults: [] } : path.endsWith('/mode') ? { apiMode: 'legacy-v1' } : {} } : {});
        assert.equal(r.status, 200, `${route}: ${r.text}`);
      }
    } finally {
      await sb.close();
    }
    for (const flag of ['--port', '--size', '--seed', '--token', '--host', '--legacy-v1', '--daily-budget', '--latency', '--retire-v1', '--fault', '--help']) {
      assert.ok(help.includes(flag), flag);
    }
  });

  it('the bundle: --help exits 0, an unknown option exits 2 with one line pointing to --help', () => {
    const help = spawnSync(process.execPath, [BUNDLE, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.equal(help.stdout, helpText());
    const bad = spawnSync(process.execPath, [BUNDLE, '--bogus'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.match(bad.stderr, /--bogus.*--help/);
  });

  it('the bundle starts from dist/, finds the reference files and charges their costs', async () => {
    const child = spawn(process.execPath, [BUNDLE, '--size', '30', '--daily-budget', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        let err = '';
        child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
      });
      const r = await probe(url, 'GET', '/api/v2/organizations/1', { token: 'sandbox-admin-token-0123456789abcdef' });
      assert.equal(r.status, 200);
      assert.equal(r.headers['x-daily-tokens-left'], '99');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
