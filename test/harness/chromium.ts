// Chromium from Debian (or $CHROMIUM_PATH), driven by playwright-core. Launched as a browser server
// so the harness knows its process id and can end it like every other process it started.
import * as fs from 'fs';
import { chromium, Browser, BrowserServer } from 'playwright-core';
import { killTree, onCleanup } from './processes';

export class HarnessSetupError extends Error {}

/** The Chromium executable, or a HarnessSetupError whose one-line message says what to install. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new HarnessSetupError(`CHROMIUM_PATH=${fromEnv} does not exist: point it at a Chromium executable or unset it to use /usr/bin/chromium.`);
  }
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];
  const found = candidates.find((p) => fs.existsSync(p));
  if (found) return found;
  throw new HarnessSetupError('Chromium not found: install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium executable.');
}

/** Flags that let Chromium run as root in a container without a GPU, and keep it off the network. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface LaunchedBrowser {
  browser: Browser;
  pid: number;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  const server: BrowserServer = await chromium.launchServer({
    executablePath,
    headless: process.env.HEADED !== '1',
    args: ARGS,
    // The harness ends the browser itself (by pid) on signals, after the rest of the cleanup.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const pid = server.process().pid!;
  const browser = await chromium.connect(server.wsEndpoint());
  const close = onCleanup('chromium', async () => {
    // A graceful close lets Chromium flush; a hung one must not hold the run, so it gets 5 s.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      browser.close().then(() => server.close()),
      new Promise((r) => (timer = setTimeout(r, 5000))),
    ])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
    await killTree(pid, 1000);
  });
  return { browser, pid, close };
}
