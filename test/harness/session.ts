// One VS Code session for tests: fresh user-data and workspace folders, the sandbox with known data,
// code-server pointed at it through the extension's own settings, and Chromium to show the workbench.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/types';
import { launchChromium, LaunchedBrowser } from './chromium';
import { CodeServer, startCodeServer, workbenchUrl } from './codeServer';
import { ROOT } from './paths';
import { onCleanup } from './processes';
import { startTestSandbox } from './sandbox';

export interface SessionOptions {
  /** Used in temp folder names and log lines. */
  name: string;
  /** Extra user settings, merged over the defaults below. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host (and the in-host tests). */
  env?: NodeJS.ProcessEnv;
  sandbox?: SandboxOptions;
  /**
   * Open the workspace in Restricted Mode: workspace trust on (code-server without
   * --disable-workspace-trust) and no startup question, so the folder stays untrusted. The
   * extension is then installed (a copy of the built files in the extensions folder), not loaded
   * for development: VS Code never disables an extension under development for lack of trust, so
   * only an installed one shows what users get.
   */
  untrusted?: boolean;
}

export interface OpenOptions {
  /** Absolute path of a module exporting run(): the extension host runs it, then reports codeAutomationExit. */
  extensionTestsPath?: string;
  /** Called for every codeAutomationLog line and browser console message. */
  onLog?: (line: string) => void;
  /** Called with the code VS Code passes to codeAutomationExit when the extension tests end. */
  onExit?: (code: number) => void;
}

/** Settings every session starts with: quiet, offline, no tours. The sandbox URL is added by start(). */
const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'window.commandCenter': false,
};

/** Restricted Mode: trust checks on, never asked at startup (an unanswered folder stays untrusted). */
const UNTRUSTED_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

export class Session {
  private readonly contexts = new Set<BrowserContext>();
  /** The extension is installed in the extensions folder (untrusted sessions), not under development. */
  private installed = false;

  private constructor(
    readonly name: string,
    /** Temp folder holding everything below; removed by dispose(). */
    readonly tempDir: string,
    readonly userDataDir: string,
    readonly workspaceDir: string,
    readonly sandbox: Sandbox,
    readonly codeServer: CodeServer,
    private readonly chromium: LaunchedBrowser,
    /** Ends what start() started, in the order started; run newest first. */
    private readonly stops: (() => Promise<void>)[],
  ) {}

  /** Environment variables the extension host (and so the in-host tests) sees. */
  static sandboxEnv(sandbox: Sandbox): NodeJS.ProcessEnv {
    return {
      PIPEDRIVE_SANDBOX_URL: sandbox.url,
      PIPEDRIVE_SANDBOX_TOKEN: sandbox.token,
      PIPEDRIVE_SANDBOX_REGULAR_TOKEN: sandbox.regularUserToken,
    };
  }

  static async start(options: SessionOptions): Promise<Session> {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), `pipedrive-${options.name}-`));
    const stops = [onCleanup(`temp folder ${tempDir}`, async () => fs.rmSync(tempDir, { recursive: true, force: true }))];
    const userDataDir = path.join(tempDir, 'user-data');
    const extensionsDir = path.join(tempDir, 'extensions');
    const workspaceDir = path.join(tempDir, 'workspace');
    for (const dir of [path.join(userDataDir, 'User'), extensionsDir, workspaceDir]) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(workspaceDir, 'README.md'), '# Test workspace\n');

    if (options.untrusted) installExtension(extensionsDir);

    const { sandbox, stop: stopSandbox } = await startTestSandbox(options.sandbox);
    stops.push(stopSandbox);
    const trust = options.untrusted ? UNTRUSTED_SETTINGS : {};
    const settings = { ...BASE_SETTINGS, ...trust, 'pipedrive.apiBaseUrl': sandbox.url, ...options.settings };
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

    const [codeServer, chromium] = await Promise.all([
      startCodeServer({
        userDataDir,
        extensionsDir,
        folder: workspaceDir,
        env: { ...Session.sandboxEnv(sandbox), ...options.env },
        logFile: path.join(tempDir, 'code-server.log'),
        untrusted: options.untrusted,
      }),
      launchChromium(),
    ]);
    stops.push(codeServer.stop, chromium.close);
    const session = new Session(options.name, tempDir, userDataDir, workspaceDir, sandbox, codeServer, chromium, stops);
    session.installed = options.untrusted === true;
    return session;
  }

  /** The workbench URL with this repository loaded as the extension under development (and optionally tests). */
  workbenchUrl(options: { extensionTestsPath?: string } = {}): string {
    if (this.installed) return workbenchUrl(this.codeServer, this.workspaceDir, options);
    return workbenchUrl(this.codeServer, this.workspaceDir, { extensionDevelopmentPath: ROOT, ...options });
  }

  /**
   * Opens the workbench in a fresh browser context (so nothing the extension stored in the browser,
   * such as secrets, carries over) and resolves once the workbench is on screen.
   */
  async openWorkbench(options: OpenOptions = {}): Promise<Page> {
    const context = await this.chromium.browser.newContext({ viewport: { width: 1400, height: 900 } });
    this.contexts.add(context);
    context.once('close', () => this.contexts.delete(context));
    const page = await context.newPage();
    const log = options.onLog;
    if (log) {
      await page.exposeFunction('codeAutomationLog', (line: unknown) => log(String(line)));
      page.on('console', (msg) => log(`[browser ${msg.type()}] ${msg.text()}`));
      page.on('pageerror', (err) => log(`[browser pageerror] ${err.message}`));
    }
    const onExit = options.onExit;
    if (onExit) await page.exposeFunction('codeAutomationExit', (code: unknown) => onExit(Number(code)));
    await page.goto(this.workbenchUrl(options), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    return page;
  }

  /**
   * Saves what helps to understand a failure into `dir`: a screenshot of each open page, the
   * extension's "Pipedrive" output channel log, the extension host and code-server logs.
   */
  async saveArtifacts(dir: string, page?: Page, label = 'workbench'): Promise<string[]> {
    fs.mkdirSync(dir, { recursive: true });
    const saved: string[] = [];
    if (page && !page.isClosed()) {
      const file = path.join(dir, `${label}.png`);
      await page.screenshot({ path: file, timeout: 10_000 }).then(() => saved.push(file), () => undefined);
    }
    const logs = path.join(this.userDataDir, 'logs');
    for (const file of walk(logs)) {
      // e.g. logs/<time>/exthost1/pipedrive-orgs.pipedrive-organizations/Pipedrive.log
      const ours = /pipedrive/i.test(path.relative(logs, file));
      const base = path.basename(file);
      const keep = ours || base === 'exthost.log' || base === 'remoteagent.log';
      if (!keep || fs.statSync(file).size === 0) continue;
      const target = path.join(dir, ours ? `Pipedrive-${label}.log` : `${path.basename(file, '.log')}-${label}.log`);
      fs.appendFileSync(target, fs.readFileSync(file));
      saved.push(target);
    }
    const serverLog = path.join(this.tempDir, 'code-server.log');
    if (fs.existsSync(serverLog)) {
      fs.copyFileSync(serverLog, path.join(dir, 'code-server.log'));
      saved.push(path.join(dir, 'code-server.log'));
    }
    return [...new Set(saved)];
  }

  /** The text of the extension's "Pipedrive" output channel so far (empty when it wrote nothing yet). */
  pipedriveLog(): string {
    return walk(path.join(this.userDataDir, 'logs'))
      .filter((f) => /pipedrive/i.test(path.relative(path.join(this.userDataDir, 'logs'), f)))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('');
  }

  async dispose(): Promise<void> {
    for (const context of [...this.contexts]) await context.close().catch(() => undefined);
    for (const stop of [...this.stops].reverse()) await stop().catch((e: Error) => console.error(`${this.name}: ${e.message}`));
  }
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** What the .vsix carries, copied as an installed extension (publisher.name-version) into `extensionsDir`. */
function installExtension(extensionsDir: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const target = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  for (const part of ['package.json', 'package.nls.json', 'package.nls.de.json', 'l10n', 'dist', 'media', 'resources', 'README.md', 'LICENSE']) {
    const from = path.join(ROOT, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(target, part), { recursive: true });
  }
}
