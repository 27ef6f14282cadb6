// The host side of one organization's Flow (timeline) panel.
import * as vscode from 'vscode';
import { PipedriveError, type FlowItem, type OrganizationRelatedObjects, type PipedriveClient } from '../../api';
import { mapRecords, SkipLog } from '../../api/coerce';
import { SLOW_AFTER_MS } from '../details/protocol';
import { untilAborted } from '../untilAborted';
import type { DisplayNamesCache } from '../displayNamesCache';
import { DisplayNames } from '../DisplayNames';
import { plainText } from '../format';
import type { OrganizationChangeEvent, PanelDeps } from '../PanelDeps';
import { PanelHost, webviewOptions } from '../PanelHost';
import type { Check } from '../validate';
import { flowItemView, newestFirst } from './flowModel';
import { FLOW_MAX_LIMIT, FLOW_PAGE_SIZE, FLOW_VIEW_TYPE, parseFlowMessage, type FlowFilter, type FlowHostMessage, type FlowItemView, type FlowWebviewMessage } from './protocol';

export interface FlowPanelEnv {
  extensionUri: vscode.Uri;
  deps: PanelDeps;
  catalog: DisplayNamesCache;
  openDetails(orgId: number): void;
}

/** What the webview reported after rendering a page. */
export interface FlowRenderReport {
  requestId: number;
  /** Items rendered by this page. */
  count: number;
  /** Items shown in the timeline now. */
  total: number;
  /** Render time measured in the webview with performance.now(). */
  ms: number;
  /** Item elements in the webview's DOM after it (the virtualised window). */
  inDom?: number;
}

export class FlowPanel extends PanelHost<FlowWebviewMessage, FlowHostMessage> {
  static create(env: FlowPanelEnv, orgId: number, column = vscode.ViewColumn.Active): FlowPanel {
    const panel = vscode.window.createWebviewPanel(FLOW_VIEW_TYPE, vscode.l10n.t('Flow: organization {0}', orgId), { viewColumn: column, preserveFocus: false }, webviewOptions(env.extensionUri));
    const flow = new FlowPanel(panel, orgId, env);
    // A new page asks for the first page with no filter: read it while the webview boots.
    flow.prefetchFirstPage();
    return flow;
  }

  private titleMessage: FlowHostMessage | undefined;
  /** The page being read and how to stop it (the slow state's Cancel, or a newer load). */
  private current: { requestId: number; abort: AbortController; slow?: FlowHostMessage } | undefined;
  private statusMessage: FlowHostMessage | undefined;
  private filter: FlowFilter = { items: [], allChanges: false };
  /** Host-initiated pages use ids from the top of the range so they never clash with the webview's. */
  private hostRequestId = HOST_REQUEST_IDS;
  /** The first page, read while the webview boots; the page's first `load` takes it. */
  private prefetched: { filter: string; views: Promise<PageViews | undefined>; abort: AbortController } | undefined;
  private readonly onDidRenderEmitter = new vscode.EventEmitter<FlowRenderReport>();
  readonly onDidRender = this.onDidRenderEmitter.event;
  lastRender: FlowRenderReport | undefined;

  constructor(panel: vscode.WebviewPanel, orgId: number, private readonly env: FlowPanelEnv) {
    super(panel, orgId, env.extensionUri, 'flow', env.deps.log, 'Flow panel');
    this.register(this.onDidRenderEmitter);
    this.register(env.deps.onDidChangeOrganization((e) => this.onOrganizationChanged(e)));
  }

  protected parse(raw: unknown): Check<FlowWebviewMessage> {
    return parseFlowMessage(raw);
  }

  protected onReady(): void {
    this.post({ type: 'init', locale: vscode.env.language });
    if (this.titleMessage) this.post(this.titleMessage);
    if (this.current?.slow) this.post(this.current.slow);
    if (this.statusMessage) this.post(this.statusMessage);
  }

  protected async onMessage(m: FlowWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
      case 'settled':
        return;
      case 'openExternal':
        return this.openExternal(m.url);
      case 'openDetails':
        this.env.openDetails(this.orgId);
        return;
      case 'cancel':
        if (this.current?.requestId === m.requestId) this.current.abort.abort();
        return;
      case 'rendered':
        this.lastRender = { requestId: m.requestId, count: m.count, total: m.total, ms: m.ms, ...(m.inDom !== undefined ? { inDom: m.inDom } : {}) };
        this.log.info(`Flow panel ${this.orgId}: rendered ${m.count} items (${m.total} shown) in ${m.ms.toFixed(1)} ms`);
        this.onDidRenderEmitter.fire(this.lastRender);
        return;
      case 'load':
        // The page's first load while the host shows everything (showAll): that page replaces it.
        if (this.current && this.current.requestId >= HOST_REQUEST_IDS && !m.start && sameFilter(m.filter, this.filter)) return;
        this.filter = m.filter;
        await this.load(m.requestId, m.start ?? 0, m.limit ?? FLOW_PAGE_SIZE, m.filter);
        return;
    }
  }

  protected pinsPreview(m: FlowWebviewMessage): boolean {
    // The page's own first load and its reports are not the person working in it.
    if (m.type === 'ready' || m.type === 'settled' || m.type === 'rendered') return false;
    if (m.type === 'load') return !!m.start || !sameFilter(m.filter, this.filter);
    return true;
  }

  /**
   * Shows another organization's flow in this panel's live webview (a preview panel moving on),
   * with the filter it has: the first page is read at once, the page takes it when it asks.
   */
  retarget(orgId: number): void {
    if (orgId === this.orgId || this.isDisposed) return;
    this.current?.abort.abort();
    this.current = undefined;
    this.prefetched?.abort.abort();
    this.prefetched = undefined;
    this.setOrgId(orgId);
    this.titleMessage = this.statusMessage = undefined;
    this.lastRender = undefined;
    this.panel.title = vscode.l10n.t('Flow: organization {0}', orgId);
    this.prefetchFirstPage(this.filter);
    this.post({ type: 'reset', orgId });
  }

  /** Starts reading the first page (with `filter`) before the page asks for it. */
  prefetchFirstPage(filter: FlowFilter = { items: [], allChanges: false }): void {
    const abort = new AbortController();
    const views = (async () => {
      if (this.env.deps.ready) await untilAborted(Promise.resolve(this.env.deps.ready).then(undefined, () => undefined), abort.signal);
      const client = this.env.deps.getClient();
      return client ? this.readViews(client, 0, FLOW_PAGE_SIZE, filter, abort.signal, new SkipLog()) : undefined;
    })();
    // Never an unhandled rejection: the page's load sees the error when it takes the result.
    views.catch(() => undefined);
    this.prefetched = { filter: JSON.stringify(filter), views, abort };
    this.register({ dispose: () => abort.abort() });
  }

  /** The prefetched first page when it matches this load (taken once), else undefined. */
  private takePrefetched(start: number, limit: number, filter: FlowFilter): Promise<PageViews | undefined> | undefined {
    const p = this.prefetched;
    this.prefetched = undefined;
    if (!p) return undefined;
    if (start === 0 && limit === FLOW_PAGE_SIZE && p.filter === JSON.stringify(filter)) return p.views;
    p.abort.abort();
    return undefined;
  }

  /**
   * Reads the whole timeline with the current filter and shows it at once (the benchmark's
   * 2,000-item case). Resolves with the webview's render report.
   */
  async showAll(): Promise<FlowRenderReport> {
    const requestId = this.hostRequestId++;
    let sub: vscode.Disposable | undefined;
    const rendered = new Promise<FlowRenderReport>((resolve) => {
      sub = this.onDidRender((r) => {
        if (r.requestId !== requestId) return;
        sub?.dispose();
        resolve(r);
      });
    });
    const outcome = await this.load(requestId, 0, Number.MAX_SAFE_INTEGER, this.filter);
    if (outcome !== 'posted') {
      sub?.dispose();
      // l10n-ignore: showAll is for tests and the benchmark
      throw new Error(`the whole flow was not shown (${outcome})`);
    }
    return rendered;
  }

  /** What a load came to: a page posted, an error shown, or a newer load took over. */
  private async load(requestId: number, start: number, limit: number, filter: FlowFilter): Promise<'posted' | 'error' | 'superseded'> {
    const append = start > 0;
    this.current?.abort.abort();
    const abort = new AbortController();
    const current: NonNullable<FlowPanel['current']> = { requestId, abort };
    this.current = current;
    // Never silent: after SLOW_AFTER_MS without an answer the page says so and offers Cancel.
    const slow = setTimeout(() => {
      if (abort.signal.aborted || this.isDisposed) return;
      current.slow = { type: 'slow', requestId, message: vscode.l10n.t('Pipedrive is slow to answer…') };
      this.post(current.slow);
    }, SLOW_AFTER_MS);
    const skipped = new SkipLog();
    try {
      if (this.env.deps.ready) await untilAborted(Promise.resolve(this.env.deps.ready).then(undefined, () => undefined), abort.signal);
      const client = this.env.deps.getClient();
      const prefetched = this.takePrefetched(start, limit, filter);
      const page = (prefetched && (await untilAborted(prefetched, abort.signal))) || (client ? await this.readViews(client, start, limit, filter, abort.signal, skipped) : undefined);
      if (abort.signal.aborted) return 'superseded'; // moved to another organization, or a newer load
      if (!page) {
        this.post({ type: 'error', requestId, append, message: vscode.l10n.t('Sign in to Pipedrive to see this organization.') });
        return 'error';
      }
      this.showTitle(page.related);
      this.post({ type: 'page', requestId, items: page.views, append, ...(page.next !== undefined ? { next: page.next } : {}) });
      return 'posted';
    } catch (e) {
      if (abort.signal.aborted && this.current !== current) return 'superseded'; // a newer load took over
      if (!abort.signal.aborted && e instanceof PipedriveError && (e.kind === 'not-found' || e.kind === 'gone')) this.setGone('deleted');
      const message = abort.signal.aborted ? vscode.l10n.t('Loading was cancelled. Pipedrive did not answer.') : e instanceof Error ? e.message : String(e);
      this.log.warn(`Flow panel ${this.orgId}: ${message}`);
      this.post({ type: 'error', requestId, append, message });
      return 'error';
    } finally {
      clearTimeout(slow);
      if (this.current === current) this.current = undefined;
      const line = skipped.summary(`Flow panel ${this.orgId}`);
      if (line) this.log.warn(line);
    }
  }

  /** Reads and formats `limit` items from `start` (newest first). */
  private async readViews(client: PipedriveClient, start: number, limit: number, filter: FlowFilter, signal: AbortSignal, skipped: SkipLog): Promise<PageViews> {
    const catalog = await untilAborted(this.env.catalog.get().catch(() => DisplayNames.empty), signal);
    const { items, related, next } = await this.read(client, start, limit, filter, signal);
    const ctx = { catalog, related, locale: vscode.env.language };
    const views = newestFirst(mapRecords(items, 'flow item', (item, i) => flowItemView(item as unknown as FlowItem, ctx, start + i), skipped.add));
    return { views, related, ...(next !== undefined ? { next } : {}) };
  }

  /** Reads `limit` items from `start` in pages the API accepts. */
  private async read(client: PipedriveClient, start: number, limit: number, filter: FlowFilter, signal?: AbortSignal): Promise<{ items: FlowItem[]; related?: OrganizationRelatedObjects; next?: number }> {
    const items: FlowItem[] = [];
    let related: OrganizationRelatedObjects | undefined;
    let at = start;
    for (;;) {
      const want = Math.min(FLOW_MAX_LIMIT, limit - items.length);
      const page = await client.listOrganizationFlow(this.orgId, {
        start: at,
        limit: want,
        ...(filter.allChanges ? { all_changes: 1 as const } : {}),
        ...(filter.items.length ? { items: filter.items } : {}),
      }, signal ? { signal } : undefined);
      items.push(...(Array.isArray(page.items) ? page.items : []));
      related = mergeRelated(related, page.relatedObjects);
      const next = page.moreItems && page.nextStart !== undefined && page.nextStart > at ? page.nextStart : undefined;
      if (next === undefined || page.items.length === 0) return { items, related };
      if (items.length >= limit) return { items, related, next };
      at = next;
    }
  }

  private showTitle(related: OrganizationRelatedObjects | undefined): void {
    const name = plainText(related?.organization?.[String(this.orgId)]?.name);
    if (!name || this.titleMessage) return;
    this.panel.title = vscode.l10n.t('Flow: {0}', name);
    this.titleMessage = { type: 'title', name };
    this.post(this.titleMessage);
  }

  private setGone(status: 'deleted' | 'merged'): void {
    const message = status === 'deleted' ? vscode.l10n.t('This organization was deleted in Pipedrive.') : vscode.l10n.t('This organization was merged into another organization.');
    this.statusMessage = { type: 'status', status, message };
    this.post(this.statusMessage);
  }

  private onOrganizationChanged(e: OrganizationChangeEvent): void {
    if (e.id !== this.orgId || this.isDisposed) return;
    if (e.kind === 'deleted' || e.kind === 'merged') this.setGone(e.kind);
  }
}

/** Ids of pages the host starts (showAll) begin here, above any id the page uses. */
const HOST_REQUEST_IDS = 1_000_000_000;

interface PageViews {
  views: FlowItemView[];
  related?: OrganizationRelatedObjects;
  next?: number;
}

function sameFilter(a: FlowFilter, b: FlowFilter): boolean {
  return a.allChanges === b.allChanges && a.items.length === b.items.length && a.items.every((t) => b.items.includes(t));
}

function mergeRelated(a: OrganizationRelatedObjects | undefined, b: OrganizationRelatedObjects | undefined): OrganizationRelatedObjects | undefined {
  if (!a) return b;
  if (!b) return a;
  return { ...a, ...b, user: { ...(a.user ?? {}), ...(b.user ?? {}) }, organization: { ...(a.organization ?? {}), ...(b.organization ?? {}) } };
}

