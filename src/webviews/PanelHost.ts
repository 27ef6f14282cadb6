// What the Details and Flow panels share: webview options, the HTML shell (set once), the `ready`
// handshake, validated incoming messages, and disposal.
//
// Two steps of a page coming up: `ready` (the page script runs and listens: the host posts what
// it has at once, so content never waits for the icon font) and `settled` (its fonts have loaded
// too: only then does the host call it `ready` in its API, because code-server stops loading
// webviews after one was closed while still fetching its codicon font; tests and the bench close a
// panel only after that).
import * as vscode from 'vscode';
import { buildPanelHtml, createNonce } from './html';
import { readPanelAssets } from './panelAssets';
import type { Check, PageBoot } from './validate';
import type { PanelLog } from './PanelDeps';

/** The built webview assets: the only folder a panel may load from. */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'media');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    localResourceRoots: [mediaRoot(extensionUri)],
  };
}

export abstract class PanelHost<In extends { type: string }, Out> implements vscode.Disposable {
  /**
   * How long a visible page may take to say `ready`. Past it the page is loaded again once (a
   * webview can stay blank, e.g. when code-server's service worker is waiting on a controller
   * change); still not ready after that, the person is asked whether to try again.
   */
  static readyTimeoutMs = 8_000;
  /** The question after the second wait; tests replace it. */
  static askRetry: (message: string) => PromiseLike<boolean> = async (message) => {
    const retry = vscode.l10n.t('Retry');
    return (await vscode.window.showWarningMessage(message, retry)) === retry;
  };

  private readonly disposables: vscode.Disposable[] = [];
  private readonly html: () => string;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  /** When the page's HTML was last set (epoch ms): its `ready` timing is measured from here. */
  private htmlSetAt = Date.now();
  /** How the page came up the last time (ms after its HTML was set); the bench reads it. */
  lastBoot: { documentMs: number; workerMs?: number; scriptMs: number; resources: PageBoot['resources'] } | undefined;
  private reloads = 0;
  /** The person declined Retry: no more questions until the page comes up (or is reopened). */
  private declined = false;
  /** The page script runs and listens: messages go out. */
  private listening = false;
  /** The page has also loaded its fonts (what `ready` reports). */
  private isReady = false;
  private disposed = false;
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  private readonly onDidPostEmitter = new vscode.EventEmitter<Out>();
  private readonly onDidReadyEmitter = new vscode.EventEmitter<void>();
  /** Every http(s) URL this host sent to the page: the only ones the page may ask it to open. */
  private readonly offeredUrls = new Set<string>();
  /** Fires after the panel closed. */
  readonly onDidDispose = this.onDidDisposeEmitter.event;
  /** Every message the host posted (tests watch what the panel shows). */
  readonly onDidPost = this.onDidPostEmitter.event;
  /** The webview (re)loaded, listens and has loaded its fonts (safe to close). */
  readonly onDidReady = this.onDidReadyEmitter.event;
  private readonly onDidListenEmitter = new vscode.EventEmitter<void>();
  /** The page script runs and listens (before its fonts settle): what was posted is on its way. */
  readonly onDidListen = this.onDidListenEmitter.event;

  /** The organization shown (a preview panel can be moved to another one: `retarget`). */
  get orgId(): number {
    return this.currentOrgId;
  }
  /**
   * A preview panel (opened from the tree while VS Code's editor preview is on) shows the next
   * organization opened the same way in its live webview, like a preview editor, until the person
   * works in it (then it is pinned).
   */
  preview = false;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    private currentOrgId: number,
    extensionUri: vscode.Uri,
    script: string,
    protected readonly log: PanelLog,
    private readonly label: string,
  ) {
    const webview = panel.webview;
    // Panels are created with these options; a restored panel gets them here (before its html).
    if (!sameOptions(webview.options, webviewOptions(extensionUri))) webview.options = webviewOptions(extensionUri);
    const root = mediaRoot(extensionUri);
    const asUri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
    // Set once (VS Code keeps it across hide/show and reloads the page from it when needed), and
    // again only by the ready watchdog: a new nonce makes it a new page.
    this.html = () =>
      buildPanelHtml({
        cspSource: webview.cspSource,
        nonce: createNonce(),
        ...readPanelAssets(root.fsPath, script, asUri),
        bodyData: { 'org-id': this.orgId, panel: script },
        title: label,
        lang: vscode.env.language,
        l10nBundle: vscode.l10n.bundle,
        loadingText: vscode.l10n.t('Loading…'),
      });
    this.htmlSetAt = Date.now();
    webview.html = this.html();
    this.armWatchdog();
    this.register(webview.onDidReceiveMessage((m: unknown) => void this.handleMessage(m)));
    this.register(
      panel.onDidChangeViewState((e) => {
        // Without retainContextWhenHidden a hidden webview is torn down; it says `ready` again when shown.
        if (!e.webviewPanel.visible) this.listening = this.isReady = false;
        else if (!this.listening) this.armWatchdog();
      }),
    );
    this.register(panel.onDidDispose(() => this.dispose()));
  }

  /** The page is fully loaded (script listening and fonts settled). */
  get ready(): boolean {
    return this.isReady;
  }

  /** The page script runs and receives what the host posts. */
  get isListening(): boolean {
    return this.listening;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  protected register<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  protected abstract parse(raw: unknown): Check<In>;
  /** Whether this message is the person working in the panel (which pins a preview panel). */
  protected abstract pinsPreview(message: In): boolean;

  /**
   * Moves the panel to another organization: the subclass resets what it shows and reads it. A
   * page that is not listening (hidden) gets a new shell for the organization: VS Code would
   * reload it from the old one, with the old organization in its data and state.
   */
  protected setOrgId(orgId: number): void {
    this.currentOrgId = orgId;
    if (!this.listening && !this.disposed) {
      this.isReady = false;
      this.htmlSetAt = Date.now();
      this.panel.webview.html = this.html();
      this.armWatchdog();
    }
  }
  /** Re-posts what the page shows (header, status) after it (re)loaded. */
  protected abstract onReady(): void;
  protected abstract onMessage(message: In): Promise<void>;

  /**
   * Why a well-formed message is still refused (undefined: allowed). The page runs code from
   * records: it may only ask to open a URL this host gave it. Panels add their own rules.
   */
  protected refusal(message: In): string | undefined {
    const url = (message as { type: string; url?: unknown }).type === 'openExternal' ? (message as { url?: unknown }).url : undefined;
    if (typeof url === 'string' && !this.offeredUrls.has(url)) return 'a URL this panel was never given';
    return undefined;
  }

  /**
   * The entry point of every message from the webview; exported for tests. Returns false when the
   * message was invalid and ignored.
   */
  async handleMessage(raw: unknown): Promise<boolean> {
    if (this.disposed) return false;
    const parsed = this.parse(raw);
    if (!parsed.ok) {
      this.log.warn(`${this.label} ${this.orgId}: ignored an invalid message from the webview (${parsed.error})`);
      return false;
    }
    const message = parsed.value;
    const refused = this.refusal(message);
    if (refused) {
      this.log.warn(`${this.label} ${this.orgId}: refused ${message.type} from the webview (${refused})`);
      return false;
    }
    if (message.type === 'ready') {
      const boot = (message as { boot?: PageBoot }).boot;
      if (boot) {
        const documentMs = Math.round(boot.docStart - this.htmlSetAt);
        const workerMs = boot.workerStart ? documentMs + boot.workerStart : undefined;
        this.lastBoot = { documentMs, workerMs, scriptMs: Math.round(boot.scriptAt - this.htmlSetAt), resources: boot.resources };
        const files = boot.resources.map((r) => `${r.name} at ${r.start} ms took ${r.ms} ms`).join(', ');
        const worker = workerMs === undefined ? '' : `, its service worker started at ${workerMs} ms`;
        this.log.info(`${this.label} ${this.orgId}: page script running ${this.lastBoot.scriptMs} ms after its HTML was set (document started at ${documentMs} ms${worker}${files ? `; ${files}` : ''})`);
      }
      this.listening = true;
      this.reloads = 0;
      this.declined = false;
      if (this.watchdog) clearTimeout(this.watchdog);
      this.onReady();
      this.onDidListenEmitter.fire();
      return true;
    }
    if (this.preview && this.pinsPreview(message)) this.preview = false;
    if (message.type === 'settled') {
      if (!this.listening || this.isReady) return true;
      this.isReady = true;
      this.onDidReadyEmitter.fire();
      return true;
    }
    try {
      await this.onMessage(message);
    } catch (e) {
      this.log.error(`${this.label} ${this.orgId}: ${message.type} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return true;
  }

  /** Posts to the page when it listens; before that the page asks again with `ready`. */
  protected post(message: Out): void {
    if (this.disposed) return;
    collectUrls(message, this.offeredUrls);
    this.onDidPostEmitter.fire(message);
    if (!this.listening) return;
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  protected async openExternal(url: string): Promise<void> {
    const uri = vscode.Uri.parse(url, true);
    if (uri.scheme !== 'http' && uri.scheme !== 'https') return;
    await vscode.env.openExternal(uri);
  }

  /** How many times the watchdog loaded the page again since it last said ready (tests read it). */
  get reloadCount(): number {
    return this.reloads;
  }

  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    if (this.disposed || this.listening || this.declined) return;
    this.watchdog = setTimeout(() => void this.onReadyOverdue(), PanelHost.readyTimeoutMs);
  }

  private async onReadyOverdue(): Promise<void> {
    this.watchdog = undefined;
    if (this.disposed || this.listening || !this.panel.visible) return;
    const waited = `${Math.round(PanelHost.readyTimeoutMs / 100) / 10} s`;
    if (this.reloads === 0) {
      this.reloads++;
      this.log.warn(`${this.label} ${this.orgId}: the page did not say ready within ${waited}; loading it again.`);
      this.htmlSetAt = Date.now();
      this.panel.webview.html = this.html();
      this.armWatchdog();
      return;
    }
    this.log.warn(`${this.label} ${this.orgId}: the page is still not ready after loading it again.`);
    const message =
      this.label === 'Flow panel'
        ? vscode.l10n.t('The Flow panel of organization {0} did not load.', this.orgId)
        : vscode.l10n.t('The Details panel of organization {0} did not load.', this.orgId);
    const retry = await PanelHost.askRetry(message);
    if (!retry) this.declined = true;
    if (!retry || this.disposed || this.listening) return;
    this.reloads++;
    this.htmlSetAt = Date.now();
    this.panel.webview.html = this.html();
    this.armWatchdog();
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.onDidDisposeEmitter.fire();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDidDisposeEmitter.dispose();
    this.onDidPostEmitter.dispose();
    this.onDidReadyEmitter.dispose();
    this.onDidListenEmitter.dispose();
  }
}

/** Adds every http(s) URL found in a message's strings (links, websites, the Pipedrive link). */
function collectUrls(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 8 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (/^https?:\/\//i.test(value)) into.add(value);
    return;
  }
  if (typeof value !== 'object') return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) collectUrls(v, into, depth + 1);
}

function sameOptions(a: vscode.WebviewOptions, b: vscode.WebviewOptions): boolean {
  const roots = (o: vscode.WebviewOptions) => (o.localResourceRoots ?? []).map((u) => u.toString()).join('|');
  return a.enableScripts === b.enableScripts && a.enableCommandUris === b.enableCommandUris && a.enableForms === b.enableForms && roots(a) === roots(b);
}
