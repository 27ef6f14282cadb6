#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --skip=client,walk,bundle,vscode]`: compiles the benchmark (tsc,
// bench/tsconfig.json → bench/.work/out, apart from the tests' out/) and runs it. It writes
// bench/results.json, bench/REPORT.md and bench/*.svg. Exit code is non-zero only on a crash.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
console.log('── compiling the benchmark (tsc -p bench)');
const built = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'bench')], { cwd: ROOT, stdio: 'inherit' });
// tsc emits even with type errors (e.g. in files others are still editing): run what it emitted.
if (built.status !== 0) console.error('bench: tsc reported errors (above); running what it emitted');
const fs = require('fs');
if (!fs.existsSync(path.join(__dirname, '.work', 'out', 'bench', 'main.js'))) {
  console.error('bench: nothing to run (bench/.work/out/bench/main.js is missing)');
  process.exit(1);
}
const run = spawnSync(process.execPath, [path.join(__dirname, '.work', 'out', 'bench', 'main.js'), ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(run.status === null ? 1 : run.status);
