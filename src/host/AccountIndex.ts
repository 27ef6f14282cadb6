// The signed-in account's organization index on the host side: created per account (base URL +
// company + user) under the extension's globalStorage, linked to the store, caught up through
// recents on sign-in and Refresh, walked in full only the first time or on Refresh All, and asked
// about first when the company's daily token budget is low. Only in today's API mode: in legacy
// mode Pipedrive lists letters itself.
import * as vscode from 'vscode';
import type { PipedriveClient, User } from '../api';
import { IndexFile } from '../model/orgIndex/IndexFile';
import { clientSource } from '../model/orgIndex/IndexSource';
import { IndexSync, type SyncProgress, type SyncResult, type WalkRequest } from '../model/orgIndex/IndexSync';
import { OrganizationIndex } from '../model/orgIndex/OrganizationIndex';
import type { OrganizationIndexView } from '../model/orgIndex/types';
import type { OrganizationStore } from '../model/OrganizationStore';
import { VIEW_ID } from '../ui/progress';
import type { UserInput } from '../ui/UserInput';
import { errorMessage, isCancellation } from '../util/errors';
import { formatNumber, t } from '../util/l10n';

/** Tokens one page of the v2 list costs (TOKEN-COSTS.md), for the budget question. */
const LIST_PAGE_TOKENS = 10;

export type SyncKind = 'start' | 'refresh' | 'refreshAll';

export interface AccountIndexHost {
  readonly store: OrganizationStore;
  readonly storageDir: string;
  readonly log: vscode.LogOutputChannel;
  ui(): UserInput;
  /** A line above the tree (undefined clears it): progress of the first walk, or why it stopped. */
  setMessage(text: string | undefined): void;
}

interface Linked {
  readonly client: PipedriveClient;
  readonly index: OrganizationIndex;
  readonly sync: IndexSync;
}

export class AccountIndex implements vscode.Disposable {
  private linked: Linked | undefined;
  private running: AbortController | undefined;
  private readonly runListeners = new Set<(run: Promise<unknown>) => void>();

  /** Told of every sync as it starts (the status bar spins until it settles). */
  onDidRun(listener: (run: Promise<unknown>) => void): { dispose(): void } {
    this.runListeners.add(listener);
    return { dispose: () => this.runListeners.delete(listener) };
  }

  constructor(private readonly host: AccountIndexHost) {}

  /** The linked account's index (undefined when signed out or in legacy mode). */
  get view(): OrganizationIndexView | undefined {
    return this.linked?.index;
  }

  /** The sync of the linked account, for tests and the commands. */
  get sync(): IndexSync | undefined {
    return this.linked?.sync;
  }

  /**
   * Links the index of the account `client` is signed in as, and starts it: the file, then one
   * recents request (or the first walk). Linked on return; the sync runs on (see `settled`).
   */
  attach(client: PipedriveClient, user: User): void {
    const previous = this.detachNow();
    if (client.apiMode !== 'current') return;
    const { store, log } = this.host;
    const ownerName = (id: number) => store.knownUsers.get(id)?.name;
    const index = new OrganizationIndex({ locale: vscode.env.language, ownerName });
    const file = new IndexFile(this.host.storageDir, { baseUrl: client.baseUrl, companyId: user.company_id ?? 0, userId: user.id }, (line) => log.info(line));
    const sync = new IndexSync({
      index,
      file,
      log: (line) => log.info(line),
      source: clientSource(
        client.v2,
        (since, o) => client.listRecentOrganizations(since, { start: o.start, limit: o.limit }, { signal: o.signal }),
        (id) => store.knownUsers.get(id),
        (what, reason) => log.warn(`Skipped a ${what} Pipedrive sent: ${reason}`),
      ),
      beforeWalk: (w) => this.confirmWalk(client, w),
    });
    // Linked at once, so no list is ever asked of Pipedrive letter by letter in today's API mode.
    this.linked = { client, index, sync };
    store.setIndex({ view: index, ownWrite: (w) => sync.applyOwnWrite(w), catchUp: () => void this.run('refresh') });
    // The previous account's last writes reach its file before this one reads (it may be the same file).
    this.settledValue = previous.then(() => (this.linked?.sync === sync ? this.run('start') : undefined));
  }

  private settledValue: Promise<SyncResult | undefined> = Promise.resolve(undefined);

  /** The sync started last (sign-in, Refresh, Refresh All) has finished. */
  get settled(): Promise<SyncResult | undefined> {
    return this.settledValue;
  }

  /** Unlinks and closes the account's index (sign-out, another account): pending writes reach the file. */
  detach(): Promise<void> {
    return this.detachNow();
  }

  private detachNow(): Promise<void> {
    const linked = this.linked;
    if (!linked) return Promise.resolve();
    this.linked = undefined;
    this.running?.abort();
    this.host.store.setIndex(undefined);
    this.host.setMessage(undefined);
    return linked.sync.dispose().catch((e: unknown) => this.host.log.warn(`Closing the organization index: ${errorMessage(e)}`));
  }

  /**
   * Runs a sync with progress in the view; a full walk also shows a notification with a count and
   * Cancel. Never rejects: a failure is logged and offered again with Retry.
   */
  run(kind: SyncKind): Promise<SyncResult | undefined> {
    const linked = this.linked;
    if (!linked) return Promise.resolve(undefined);
    const controller = new AbortController();
    this.running = controller;
    let walk: { report(p: SyncProgress): void; done(): void } | undefined;
    const onProgress = (p: SyncProgress) => {
      walk ??= this.walkProgress(controller);
      walk.report(p);
    };
    const task = async (): Promise<SyncResult | undefined> => {
      const options = { signal: controller.signal, onProgress };
      try {
        const result = await (kind === 'refreshAll' ? linked.sync.refreshAll(options) : kind === 'refresh' ? linked.sync.refresh(options) : linked.sync.start(options));
        this.afterRun(result);
        return result;
      } catch (e) {
        if (this.linked !== linked) return undefined;
        this.host.log.error(`Reading organizations from Pipedrive failed: ${errorMessage(e)}`);
        this.host.setMessage(linked.index.ready ? undefined : t('Some organizations could not be read from Pipedrive. Use Refresh to try again.'));
        const retry = t('Retry');
        void this.host.ui().showErrorMessage(t('Could not read your organizations from Pipedrive: {0}', errorMessage(e)), retry).then((a) => {
          if (a === retry) void this.run(kind === 'start' ? 'refresh' : kind);
        });
        return undefined;
      } finally {
        walk?.done();
        if (this.running === controller) this.running = undefined;
      }
    };
    const promise = Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, task));
    this.settledValue = promise;
    for (const l of [...this.runListeners]) l(promise);
    return promise;
  }

  dispose(): void {
    void this.detach();
  }

  private afterRun(result: SyncResult): void {
    const index = this.linked?.index;
    if (result.outcome === 'declined') {
      this.host.setMessage(
        index?.ready
          ? undefined
          : t('Reading all organizations was put off to save the company\'s daily token budget. Run "Pipedrive: Refresh All Organizations" when you want them.'),
      );
    } else if (result.outcome === 'cancelled') {
      this.host.setMessage(index?.ready ? undefined : t('Reading organizations was cancelled; the tree shows those read so far. Refresh goes on from there.'));
    } else {
      this.host.setMessage(undefined);
    }
    this.host.log.info(`Organization index: ${result.outcome}, ${result.requests} request(s), ${result.upserted} changed, ${result.removed} removed.`);
  }

  /** A notification with the walk's count and Cancel, open until the walk ends. */
  private walkProgress(controller: AbortController): { report(p: SyncProgress): void; done(): void } {
    let last = 0;
    let reportTo: vscode.Progress<{ message?: string; increment?: number }> | undefined;
    let latest: SyncProgress | undefined;
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    const show = (p: SyncProgress) => {
      if (!reportTo) return;
      const loaded = formatNumber(p.loaded);
      const increment = p.estimated ? Math.max(0, ((p.loaded - last) / p.estimated) * 100) : undefined;
      last = p.loaded;
      reportTo.report({ message: p.estimated ? t('{0} of about {1}', loaded, formatNumber(p.estimated)) : loaded, increment });
      this.host.setMessage(
        p.estimated
          ? t('Reading organizations from Pipedrive: {0} of about {1} so far…', loaded, formatNumber(p.estimated))
          : t('Reading organizations from Pipedrive: {0} so far…', loaded),
      );
    };
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Reading organizations from Pipedrive'), cancellable: true },
      (progress, token) => {
        reportTo = progress;
        if (latest) show(latest);
        const sub = token.onCancellationRequested(() => controller.abort());
        return finished.finally(() => sub.dispose());
      },
    );
    return {
      report: (p) => {
        latest = p;
        show(p);
      },
      done: finish,
    };
  }

  /** Before a full walk: goes ahead unless the budget headers say today's budget is nearly spent; then asks. */
  private async confirmWalk(client: PipedriveClient, w: WalkRequest): Promise<boolean> {
    const tokens = (w.estimatedRequests ?? 1) * LIST_PAGE_TOKENS;
    if (!client.tokens.isLow(tokens)) return true;
    const budget = client.tokens.budget;
    // Two whole sentences, each translated as one: what is left, and what the walk costs.
    const left = budget
      ? t("The company's daily API budget is nearly spent: {0} of {1} tokens are left today.", formatNumber(budget.left), formatNumber(budget.limit))
      : t("The company's daily API budget is nearly spent: little is left today.");
    const cost = w.estimatedRequests
      ? t('Reading every organization costs about {0} tokens ({1} requests), shared with every other integration of the company.', formatNumber(tokens), formatNumber(w.estimatedRequests))
      : t('Reading every organization costs at least 10 tokens per 500 organizations, shared with every other integration of the company.');
    const readNow = t('Read Now');
    try {
      const answer = await this.host.ui().showWarningMessage(t('Read every organization from Pipedrive now?'), { modal: true, detail: `${left} ${cost}` }, { title: readNow });
      return answer.title === readNow;
    } catch (e) {
      if (isCancellation(e)) return false;
      throw e;
    }
  }
}
