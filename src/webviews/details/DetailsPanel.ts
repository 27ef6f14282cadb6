// The host side of one organization's Details panel.
import * as vscode from 'vscode';
import { PipedriveError } from '../../api';
import { SkipLog } from '../../api/coerce';
import type { DisplayNamesCache } from '../displayNamesCache';
import { DisplayNames } from '../DisplayNames';
import type { OrganizationChangeEvent, PanelDeps } from '../PanelDeps';
import { PanelHost, webviewOptions } from '../PanelHost';
import type { Check } from '../validate';
import { untilAborted } from '../untilAborted';
import { loadHeader, loadSection } from './detailsData';
import type { HeaderCache } from './HeaderCache';
import { DETAILS_VIEW_TYPE, SLOW_AFTER_MS, parseDetailsMessage, type DetailsHostMessage, type DetailsWebviewMessage, type HeaderView, type PanelStatus } from './protocol';

export interface DetailsPanelEnv {
  extensionUri: vscode.Uri;
  deps: PanelDeps;
  catalog: DisplayNamesCache;
  /** The last header read per organization (a re-opened panel shows it without a request). */
  headers: HeaderCache;
  openFlow(orgId: number): void;
}

/** What the panel shows now: loading, the organization, gone (deleted / merged), or a header error. */
export type DetailsStatus = 'loading' | 'error' | PanelStatus;

export class DetailsPanel extends PanelHost<DetailsWebviewMessage, DetailsHostMessage> {
  static create(env: DetailsPanelEnv, orgId: number, column = vscode.ViewColumn.Active): DetailsPanel {
    const panel = vscode.window.createWebviewPanel(DETAILS_VIEW_TYPE, vscode.l10n.t('Organization {0}', orgId), { viewColumn: column, preserveFocus: false }, webviewOptions(env.extensionUri));
    return new DetailsPanel(panel, orgId, env);
  }

  private statusValue: DetailsStatus = 'loading';
  private headerMessage: DetailsHostMessage | undefined;
  private statusMessage: DetailsHostMessage | undefined;
  private headerLoad: Promise<void> | undefined;
  /** Aborts the header read in flight (the slow state's Cancel, or a newer read). */
  private headerAbort: AbortController | undefined;
  /** Shown while the header read has taken longer than SLOW_AFTER_MS; re-posted after a reload. */
  private slowMessage: DetailsHostMessage | undefined;
  /** An action of this panel is running: it reads everything again when done. */
  /** The users the followers section offered: the only ones addFollower may name. */
  private candidateIds = new Set<number>();
  /** The followers the section listed: follower record id → user id (only these can be removed). */
  private followerUsers = new Map<number, number>();
  private readonly onDidChangeStatusEmitter = new vscode.EventEmitter<DetailsStatus>();
  readonly onDidChangeStatus = this.onDidChangeStatusEmitter.event;
  private readonly onDidShowHeaderEmitter = new vscode.EventEmitter<void>();
  /** The page laid out the header it was sent (what a person sees; the bench times it). */
  readonly onDidShowHeader = this.onDidShowHeaderEmitter.event;

  constructor(panel: vscode.WebviewPanel, orgId: number, private readonly env: DetailsPanelEnv) {
    super(panel, orgId, env.extensionUri, 'details', env.deps.log, 'Details panel');
    this.register(this.onDidChangeStatusEmitter);
    this.register(this.onDidShowHeaderEmitter);
    this.register(env.deps.onDidChangeOrganization((e) => this.onOrganizationChanged(e)));
    this.showOrRead();
  }

  /** The header from the cache, else read (the read starts now, while the webview boots). */
  private showOrRead(): void {
    const cached = this.env.headers.get(this.orgId);
    if (cached) this.showHeader(cached);
    else void this.refreshHeader();
  }

  /**
   * Shows another organization in this panel's live webview (a preview panel moving on): no new
   * webview to boot, so the header is on screen as soon as it is read.
   */
  retarget(orgId: number): void {
    if (orgId === this.orgId || this.isDisposed) return;
    this.headerAbort?.abort();
    this.headerAbort = undefined;
    this.setOrgId(orgId);
    this.headerMessage = this.statusMessage = this.slowMessage = undefined;
    this.headerLoad = undefined;
    this.candidateIds = new Set();
    this.followerUsers = new Map();
    this.panel.title = vscode.l10n.t('Organization {0}', orgId);
    this.setStatus('loading');
    this.post({ type: 'reset', orgId });
    this.showOrRead();
  }

  protected pinsPreview(m: DetailsWebviewMessage): boolean {
    return m.type !== 'ready' && m.type !== 'settled' && m.type !== 'headerShown';
  }

  get status(): DetailsStatus {
    return this.statusValue;
  }

  /** Resolves when the header has been read (or failed). */
  whenLoaded(): Promise<void> {
    return this.headerLoad ?? Promise.resolve();
  }

  protected parse(raw: unknown): Check<DetailsWebviewMessage> {
    return parseDetailsMessage(raw);
  }

  protected onReady(): void {
    const client = this.env.deps.getClient();
    this.post({ type: 'init', locale: vscode.env.language, dealsPrimaryOnly: client ? !client.isOnV2('listOrganizationDeals') : undefined });
    if (this.headerMessage) this.post(this.headerMessage);
    else if (this.slowMessage) this.post(this.slowMessage);
    if (this.statusMessage) this.post(this.statusMessage);
  }

  protected override refusal(m: DetailsWebviewMessage): string | undefined {
    // Only a user the panel offered as a candidate can be added as a follower.
    if (m.type === 'addFollower' && !this.candidateIds.has(m.userId)) return `user ${m.userId} was not offered`;
    if (m.type === 'removeFollower' && !this.followerUsers.has(m.followerId)) return `follower ${m.followerId} was not listed`;
    return super.refusal(m);
  }

  protected async onMessage(m: DetailsWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
      case 'settled':
        return;
      case 'headerShown':
        this.onDidShowHeaderEmitter.fire();
        return;
      case 'refresh':
        await this.refreshHeader();
        this.post({ type: 'invalidate' });
        return;
      case 'cancel':
        this.headerAbort?.abort();
        return;
      case 'openExternal':
        return this.openExternal(m.url);
      case 'loadSection':
        return this.loadSection(m);
      case 'action':
        return this.runAction(m.action);
      case 'addFollower':
        return this.changeFollowers(() => this.env.deps.followers.addFollower(this.orgId, m.userId));
      case 'removeFollower':
        return this.changeFollowers(() => this.env.deps.followers.removeFollower(this.orgId, m.followerId, this.followerUsers.get(m.followerId)));
    }
  }

  /** Reads the organization again and shows it (or that it is gone). */
  refreshHeader(): Promise<void> {
    const run = this.readHeader();
    this.headerLoad = run;
    return run;
  }

  private async readHeader(): Promise<void> {
    this.headerAbort?.abort();
    const abort = new AbortController();
    this.headerAbort = abort;
    // Never silent: after SLOW_AFTER_MS without an answer the page says so and offers Cancel.
    const slow = setTimeout(() => {
      if (abort.signal.aborted || this.isDisposed) return;
      this.slowMessage = { type: 'slow', message: vscode.l10n.t('Pipedrive is slow to answer…') };
      this.post(this.slowMessage);
    }, SLOW_AFTER_MS);
    const skipped = new SkipLog();
    // The organization this read is for (a preview panel may move on while it runs).
    const orgId = this.orgId;
    try {
      await untilAborted(settled(this.env.deps.ready), abort.signal);
      const version = this.env.headers.version;
      const client = this.env.deps.getClient();
      if (!client) {
        this.showHeaderError(vscode.l10n.t('Sign in to Pipedrive to see this organization.'));
        return;
      }
      const catalog = await untilAborted(this.catalog(), abort.signal);
      const result = await loadHeader(client, orgId, catalog, this.env.deps.companyDomain(), this.env.deps.myUserId?.(), { locale: vscode.env.language, signal: abort.signal, onSkip: skipped.add });
      // Kept even when the panel was closed meanwhile; names from a partial catalog (users or
      // fields unreadable) are not worth keeping.
      if (result.kind === 'gone') this.env.headers.delete(orgId);
      else if (catalog.complete) this.env.headers.set(orgId, result.header, version);
      if (this.isDisposed || orgId !== this.orgId) return;
      if (result.kind === 'gone') {
        if (this.statusValue !== 'merged') this.setGone('deleted');
        return;
      }
      this.showHeader(result.header);
    } catch (e) {
      if (abort.signal.aborted && this.headerAbort !== abort) return; // a newer read took over
      this.showHeaderError(abort.signal.aborted ? vscode.l10n.t('Loading was cancelled. Pipedrive did not answer.') : errorText(e));
    } finally {
      clearTimeout(slow);
      if (this.headerAbort === abort) {
        this.headerAbort = undefined;
        this.slowMessage = undefined;
      }
      const line = skipped.summary(`Details panel ${this.orgId}`);
      if (line) this.log.warn(line);
    }
  }

  private showHeader(header: HeaderView): void {
    this.panel.title = header.name || vscode.l10n.t('Organization {0}', this.orgId);
    this.headerMessage = { type: 'header', header };
    this.post(this.headerMessage);
    if (this.statusValue === 'loading' || this.statusValue === 'error') this.setStatus('active');
  }

  private showHeaderError(message: string): void {
    if (this.isDisposed) return;
    this.headerMessage = { type: 'headerError', message };
    this.post(this.headerMessage);
    if (this.statusValue === 'loading' || this.statusValue === 'active') this.setStatus('error');
  }

  private setGone(status: 'deleted' | 'merged'): void {
    const message =
      status === 'deleted'
        ? vscode.l10n.t('This organization was deleted in Pipedrive. What the panel shows is no longer current.')
        : vscode.l10n.t('This organization was merged into another organization. What the panel shows is no longer current.');
    this.statusMessage = { type: 'status', status, message };
    this.post(this.statusMessage);
    this.setStatus(status);
  }

  private setStatus(status: DetailsStatus): void {
    if (this.statusValue === status) return;
    this.statusValue = status;
    this.onDidChangeStatusEmitter.fire(status);
  }

  private onOrganizationChanged(e: OrganizationChangeEvent): void {
    if (e.id !== this.orgId || this.isDisposed) return;
    if (e.kind === 'deleted' || e.kind === 'merged') {
      this.setGone(e.kind);
      return;
    }
    // Every change reaches the panel here, its own buttons' included (they go through the store).
    void this.refreshHeader();
    this.post({ type: 'invalidate' });
  }

  private async loadSection(m: Extract<DetailsWebviewMessage, { type: 'loadSection' }>): Promise<void> {
    const append = ('start' in m && m.start !== undefined && m.start > 0) || ('cursor' in m && m.cursor !== undefined);
    await settled(this.env.deps.ready);
    const client = this.env.deps.getClient();
    if (!client) {
      this.post({ type: 'sectionError', section: m.section, requestId: m.requestId, message: vscode.l10n.t('Sign in to Pipedrive to see this section.'), append });
      return;
    }
    const skipped = new SkipLog();
    try {
      const catalog = await this.catalog();
      const result = await loadSection(client, this.orgId, m, catalog, { locale: vscode.env.language, onSkip: skipped.add });
      const line = skipped.summary(`Details panel ${this.orgId}: ${m.section}`);
      if (line) this.log.warn(line);
      if (result.candidates) this.candidateIds = new Set(result.candidates.map((c) => c.id));
      if (result.followerUsers) this.followerUsers = new Map(result.followerUsers);
      this.post({ type: 'section', section: m.section, requestId: m.requestId, page: result.page, append, ...(result.candidates ? { candidates: result.candidates } : {}) });
    } catch (e) {
      this.log.warn(`Details panel ${this.orgId}: ${m.section} failed: ${errorText(e)}`);
      this.post({ type: 'sectionError', section: m.section, requestId: m.requestId, message: errorText(e), append });
    }
  }

  private async runAction(action: 'update' | 'follow' | 'merge' | 'delete' | 'openFlow'): Promise<void> {
    if (action === 'openFlow') {
      this.env.openFlow(this.orgId);
      return;
    }
    if (this.statusValue === 'deleted' || this.statusValue === 'merged') {
      this.post({ type: 'notice', level: 'error', message: vscode.l10n.t('This organization no longer exists.') });
      return;
    }
    this.post({ type: 'busy', busy: true });
    try {
      // What the action changed comes back as a store event (onOrganizationChanged), which reads
      // the header again; the button stays busy until that read is on screen.
      await this.env.deps.runAction(action, this.orgId);
      await this.whenLoaded();
    } catch (e) {
      this.post({ type: 'notice', level: 'error', message: errorText(e) });
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  private async changeFollowers(change: () => Promise<unknown>): Promise<void> {
    if (!this.env.deps.getClient()) {
      this.post({ type: 'notice', level: 'error', message: vscode.l10n.t('Sign in to Pipedrive first.') });
      return;
    }
    try {
      // A change comes back as a store event (onOrganizationChanged), which reads the panel again.
      await change();
      await this.whenLoaded();
    } catch (e) {
      this.post({ type: 'notice', level: 'error', message: errorText(e) });
      // The list may be out of date (someone else changed it): show the truth.
      this.post({ type: 'invalidate', sections: ['followers'] });
    }
  }

  private catalog(): Promise<DisplayNames> {
    return this.env.catalog.get().catch(() => DisplayNames.empty);
  }
}

async function settled(p: PromiseLike<unknown> | undefined): Promise<void> {
  if (p) await Promise.resolve(p).then(undefined, () => undefined);
}

function errorText(e: unknown): string {
  if (e instanceof PipedriveError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
