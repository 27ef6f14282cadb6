// A real VS Code (code-server: VS Code 1.100 served to a browser) installed on demand into the
// ignored cache folder and reused by later runs, then started on a free port for one session.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CACHE_DIR } from './paths';
import { spawnTracked } from './processes';

export const CODE_SERVER_VERSION = '4.100.3';
const INSTALL_DIR = path.join(CACHE_DIR, 'code-server');
const PACKAGE_DIR = path.join(INSTALL_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(PACKAGE_DIR, 'out', 'node', 'entry.js');
/** Written last by a successful install, so a half-finished one is redone instead of reused. */
const STAMP = path.join(INSTALL_DIR, `installed-${CODE_SERVER_VERSION}`);

let installFailure: Error | undefined;

/** Installs code-server into .cache/code-server unless a complete install is there; returns its entry script. */
export function ensureCodeServer(log: (line: string) => void = console.log): string {
  if (fs.existsSync(STAMP) && fs.existsSync(CODE_SERVER_ENTRY)) return CODE_SERVER_ENTRY;
  // A failed install is not retried by the next layer of the same run.
  if (installFailure) throw installFailure;
  try {
    return install(log);
  } catch (e) {
    installFailure = e as Error;
    throw e;
  }
}

function install(log: (line: string) => void): string {
  const started = Date.now();
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), INSTALL_DIR)} (once; about a minute)…`);
  fs.mkdirSync(INSTALL_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(INSTALL_DIR, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true, description: 'Test harness cache; not part of the project' }, null, 2),
  );
  seedRipgrepDownload();
  const env = {
    ...process.env,
    npm_config_yes: 'true',
    // code-server's postinstall refuses to run as root unless this is set (npm 11 no longer knows the option).
    npm_config_unsafe_perm: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    // npm 11 skips dependency install scripts unless approved. code-server's postinstall runs a nested
    // `npm install` in lib/vscode that builds native modules (node-pty, spdlog, kerberos, ...); approving
    // them one by one would break with every code-server version, so this one pinned install allows all.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_foreground_scripts: 'false',
  };
  try {
    execFileSync(npmCommand(), ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: INSTALL_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    const tail = `${err.stdout ?? ''}\n${err.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed:\n${tail}`, { cause: e });
  }
  const problem = installProblem();
  if (problem) throw new Error(`code-server installed but is not runnable: ${problem}`);
  fs.writeFileSync(STAMP, new Date().toISOString() + '\n');
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return CODE_SERVER_ENTRY;
}

function npmCommand(): string {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** What is missing from an install whose postinstall did not run or failed, or undefined when it is whole. */
function installProblem(): string | undefined {
  const vscodeModules = path.join(PACKAGE_DIR, 'lib', 'vscode', 'node_modules');
  const required = [
    CODE_SERVER_ENTRY,
    path.join(vscodeModules, 'node-pty', 'build', 'Release', 'pty.node'),
    path.join(vscodeModules, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    path.join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'),
    path.join(PACKAGE_DIR, 'lib', 'vscode', 'node_modules.asar'),
  ];
  const missing = required.find((f) => !fs.existsSync(f));
  return missing && `${path.relative(PACKAGE_DIR, missing)} is missing (did its postinstall run?)`;
}

/**
 * @vscode/ripgrep's postinstall downloads a ripgrep binary, which fails without internet. It first looks
 * in its cache folder, so a tarball of Debian's `rg` placed there (with the expected name) satisfies it.
 */
function seedRipgrepDownload(): void {
  const tmp = process.env.TMPDIR || os.tmpdir();
  const dir = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const file = path.join(dir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(file)) return;
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) throw new Error('ripgrep is missing: install it with `apt-get install -y ripgrep` (code-server needs `rg`).');
  fs.mkdirSync(dir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(tmp, 'rg-'));
  try {
    fs.copyFileSync(rg, path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    execFileSync('tar', ['-czf', file, '-C', staging, 'rg']);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

export interface CodeServerOptions {
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  env?: NodeJS.ProcessEnv;
  /** Where code-server's own stdout and stderr go. */
  logFile: string;
  /** Leave workspace trust on (Restricted Mode for folders not trusted yet). */
  untrusted?: boolean;
}

export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts code-server on a free port (port 0) and resolves once it listens. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const entry = ensureCodeServer();
  const configFile = path.join(path.dirname(options.logFile), 'code-server-config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--config', configFile,
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.untrusted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    options.folder,
  ];
  const out = fs.openSync(options.logFile, 'a');
  const { child, stop } = spawnTracked('code-server', process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', out],
  });
  fs.closeSync(out);
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error('code-server did not start listening within 60 s')), 60_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(new Error(`${e.message}; see ${options.logFile}`));
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      fs.appendFileSync(options.logFile, chunk);
      seen += chunk.toString();
      const m = /HTTP server listening on (http:\/\/[\d.]+:\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code, sig) => fail(new Error(`code-server exited early (${code ?? sig})`)));
    child.once('error', fail);
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  return { url, port: Number(new URL(url).port), pid: child.pid!, stop };
}

/**
 * The URL that opens `folder` in the workbench with an extension under development (and optionally
 * its tests): code-server takes the same payload as VS Code's web embedder, with remote URIs.
 */
export function workbenchUrl(
  server: Pick<CodeServer, 'url' | 'port'>,
  folder: string,
  options: { extensionDevelopmentPath?: string; extensionTestsPath?: string },
): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  if (payload.length === 0) return `${server.url}/?folder=${encodeURIComponent(folder)}`;
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
