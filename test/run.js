#!/usr/bin/env node
// `npm test`: builds the extension (esbuild) and the tests (tsc), then runs the layers —
//   unit    mocha over out/test/unit/**/*.test.js (no VS Code)
//   vscode  test/vscode suites inside a real VS Code extension host (code-server + Chromium)
//   e2e     test/e2e Playwright scenarios in the workbench
// Options: --layer unit|vscode|e2e (repeatable or comma separated), --grep <text>, --no-build,
// --readme-shots (the e2e suite also writes the README's pictures to media/screenshots).
// Prints per-layer results and times; the last line is always `N passed, N failed`.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ALL_LAYERS = ['unit', 'vscode', 'e2e'];

function parseArgs(argv) {
  const options = { layers: [], grep: undefined, build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--layer') options.layers.push(...String(argv[++i] ?? '').split(','));
    else if (arg.startsWith('--layer=')) options.layers.push(...arg.slice(8).split(','));
    else if (arg === '--grep') options.grep = argv[++i];
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--readme-shots') process.env.PIPEDRIVE_README_SHOTS = '1';
    else {
      console.error(`unknown argument ${arg} (use --layer ${ALL_LAYERS.join('|')}, --grep <text>, --no-build, --readme-shots)`);
      process.exit(2);
    }
  }
  const unknown = options.layers.filter((l) => !ALL_LAYERS.includes(l));
  if (unknown.length > 0) {
    console.error(`unknown layer ${unknown.join(', ')} (one of ${ALL_LAYERS.join(', ')})`);
    process.exit(2);
  }
  if (options.layers.length === 0) options.layers = ALL_LAYERS;
  return options;
}

/** Runs a build step; returns a failure entry when it fails, undefined when it passes. */
function buildStep(title, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${title} (${seconds(Date.now() - started)})`);
  if (!ok) {
    console.log(indent(output || `exit code ${result.status}`));
    return { title, error: output || `exit code ${result.status}` };
  }
  return undefined;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function indent(text) {
  return text.replace(/^/gm, '    ');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const results = [];

  if (options.build) {
    console.log('── build');
    const failures = [
      buildStep('esbuild (dist/extension.js)', ['esbuild.js']),
      // tsc emits even when it reports type errors, so the layers still run; the errors count as a failure.
      buildStep('tsc (out/)', [require.resolve('typescript/bin/tsc', { paths: [ROOT] }), '-p', '.']),
      // Lint is part of the build so CI and every local run hold the same rules.
      buildStep('eslint (src, test, bench)', [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src', 'test', 'bench']),
    ].filter(Boolean);
    results.push({ layer: 'build', passed: 3 - failures.length, failed: failures.length, pending: 0, failures, ms: Date.now() - started, isBuild: true });
  }

  let harness;
  try {
    harness = require(path.join(ROOT, 'out', 'test', 'harness', 'main.js'));
  } catch (e) {
    console.error(`cannot load the harness (out/test/harness/main.js): ${e.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }

  for (const layer of options.layers) {
    console.log(`\n── ${layer}`);
    const result = await harness.runLayer(layer, { grep: options.grep });
    results.push(result);
    console.log(`${result.failed === 0 ? '✔' : '✘'} ${layer}: ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''} (${seconds(result.ms)})`);
  }

  const failures = results.flatMap((r) => r.failures.map((f) => ({ layer: r.layer, ...f })));
  if (failures.length > 0) {
    console.log('\nFailures:');
    failures.forEach((f, i) => console.log(`\n${i + 1}) [${f.layer}] ${f.title}\n${indent(f.error)}`));
  }
  console.log('\nSummary:');
  for (const r of results) {
    console.log(`  ${r.layer.padEnd(7)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed  ${seconds(r.ms).padStart(8)}`);
  }
  console.log(`  total time ${seconds(Date.now() - started)}; artifacts in test-artifacts/`);
  // Build steps are not tests: they count as failures when they fail, never as passes.
  const passed = results.filter((r) => !r.isBuild).reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
