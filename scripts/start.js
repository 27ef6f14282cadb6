#!/usr/bin/env node
// `npm start`: builds the extension, starts the sandbox with seeded data, and opens VS Code with the
// extension loaded and pointed at the sandbox — desktop VS Code when `code` is on PATH, otherwise the
// code-server workbench in your browser. Ctrl+C stops everything it started.
// Options: --web (use code-server even when `code` exists), --port N (sandbox port, default 8765 or a free one).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const STATE_DIR = path.join(ROOT, '.cache', 'start');
const args = process.argv.slice(2);
const preferredPort = Number(args.includes('--port') ? args[args.indexOf('--port') + 1] : 8765);

function build() {
  for (const [title, argv] of [
    ['esbuild', ['esbuild.js']],
    ['tsc', [require.resolve('typescript/bin/tsc', { paths: [ROOT] }), '-p', '.']],
  ]) {
    const r = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: 'inherit' });
    // tsc still emits on type errors; only a build that left no output stops us (checked on load).
    if (r.status !== 0) console.warn(`(${title} reported problems; continuing with what it emitted)`);
  }
}

function onPath(command) {
  return (process.env.PATH || '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

/** Merges `values` into a user settings.json (kept between runs, so sign-in state and UI stay). */
function writeUserSettings(userDataDir, values) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let settings = {};
  try {
    settings = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // First run, or a file with comments: start over.
  }
  fs.writeFileSync(file, JSON.stringify({ ...settings, ...values }, null, 2));
}

async function startSandbox(startTestSandbox) {
  try {
    return await startTestSandbox({ port: preferredPort });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    console.log(`Port ${preferredPort} is taken; using a free one.`);
    return startTestSandbox({ port: 0 });
  }
}

async function main() {
  build();
  const harness = (name) => require(path.join(ROOT, 'out', 'test', 'harness', name));
  const { startTestSandbox } = harness('sandbox.js');
  const { cleanupAll, spawnTracked } = harness('processes.js');
  const { startCodeServer, workbenchUrl } = harness('codeServer.js');

  const { sandbox } = await startSandbox(startTestSandbox);
  const settings = {
    'pipedrive.apiBaseUrl': sandbox.url,
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
  };
  const banner = (where) => {
    console.log(`\nSandbox (Pipedrive-compatible, seeded data): ${sandbox.url}`);
    console.log(`API token to paste into "Pipedrive: Sign In with API Token": ${sandbox.token}`);
    console.log(`(a regular user without admin rights: ${sandbox.regularUserToken})`);
    console.log(`\n${where}\n\nCtrl+C stops everything.`);
  };

  let finished;
  if (onPath('code') && !args.includes('--web')) {
    const userDataDir = path.join(STATE_DIR, 'vscode-user-data');
    writeUserSettings(userDataDir, settings);
    // --wait keeps the CLI running until the window closes, so closing VS Code stops the sandbox too.
    const { child } = spawnTracked(
      'code',
      'code',
      ['--wait', '--new-window', '--user-data-dir', userDataDir, `--extensionDevelopmentPath=${ROOT}`, ROOT],
      { stdio: 'inherit' },
    );
    finished = new Promise((resolve) => child.once('exit', resolve));
    banner('Desktop VS Code opens with the extension under development (its own profile in .cache/start/).');
  } else {
    const userDataDir = path.join(STATE_DIR, 'code-server-user-data');
    writeUserSettings(userDataDir, settings);
    fs.mkdirSync(path.join(STATE_DIR, 'extensions'), { recursive: true });
    const server = await startCodeServer({
      userDataDir,
      extensionsDir: path.join(STATE_DIR, 'extensions'),
      folder: ROOT,
      logFile: path.join(STATE_DIR, 'code-server.log'),
      env: { PIPEDRIVE_SANDBOX_URL: sandbox.url, PIPEDRIVE_SANDBOX_TOKEN: sandbox.token },
    });
    finished = new Promise(() => undefined);
    banner(`Open the workbench (code-server, VS Code 1.100) in a browser:\n  ${workbenchUrl(server, ROOT, { extensionDevelopmentPath: ROOT })}`);
  }
  await finished;
  await cleanupAll();
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
