// Keeps the organization index current at the lowest request cost: the first session walks the v2
// list once (500 a page, the tree filling as pages arrive); later sessions load the file and ask
// /v1/recents what changed since the stored watermark (one request when nothing did). A full walk
// happens only when asked (Refresh All) or when recents cannot cover the gap. Nothing polls: the
// host calls start() once and refresh() when the user asks.
import type { Organization } from '../../api/records';
import { PagingGuard, PagingStuckError } from '../../api/pages';
import { toRfc3339 } from '../../api/v2Mapping';
import { fromSeconds, toSeconds } from './CompactOrganization';

export { WALK_PAGE_LIMIT, RECENTS_PAGE_LIMIT, RECENTS_MAX_AGE_MS, CLOCK_MARGIN_MS, type SyncProgress, type SyncRunOptions, type WalkReason, type WalkRequest, type SyncOutcome, type SyncResult, type IndexSyncOptions, type OwnWrite } from './syncTypes';
import { WALK_PAGE_LIMIT, RECENTS_PAGE_LIMIT, RECENTS_MAX_AGE_MS, CLOCK_MARGIN_MS, type SyncRunOptions, type WalkReason, type SyncResult, type IndexSyncOptions, type OwnWrite } from './syncTypes';

/** Where an interrupted first walk stands, so Refresh goes on from there instead of paying twice. */
interface WalkResume {
  readonly cursor: string;
  readonly seen: Set<number>;
  readonly loaded: number;
  readonly startedAt: number;
}

interface RunState {
  requests: number;
  upserted: number;
  removed: number;
  loadedFromDisk: boolean;
}

export class IndexSync {
  private watermark: string | undefined;
  private fileChecked = false;
  private recentsUnavailable = false;
  private running: Promise<SyncResult> | undefined;
  private runningKind: 'sync' | 'walk' | undefined;
  /** During a walk: ids read, or written by us, which the end of a full walk keeps. */
  private walkSeen: Set<number> | undefined;
  /**
   * Ids we deleted, with the write's sequence number: a page requested before that write must not
   * bring the organization back (recents or a walk page can be in flight while the user deletes).
   */
  private readonly ownDeletes = new Map<number, number>();
  /** Own upserts by write sequence: a full walk page asked before one must not undo it. */
  private readonly ownUpserts = new Map<number, number>();
  private writeSeq = 0;
  private walkingAll = false;
  private resume: WalkResume | undefined;
  /** Own writes made before the file is loaded: applied again over what the file held. */
  private writesDuringLoad: OwnWrite[] | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private saves: Promise<unknown> = Promise.resolve();
  private readonly disposed = new AbortController();
  private readonly now: () => number;

  constructor(private readonly options: IndexSyncOptions) {
    this.now = options.now ?? Date.now;
    this.writesDuringLoad = options.file ? [] : undefined;
  }

  /** Where the next catch-up starts (UTC `YYYY-MM-DD HH:MM:SS`), once known. */
  get syncedUntil(): string | undefined {
    return this.watermark;
  }

  /**
   * Session start: loads the file (once), then catches up through recents, or walks when there is
   * no usable file. Concurrent calls share one run.
   */
  start(run: SyncRunOptions = {}): Promise<SyncResult> {
    return this.schedule('sync', run);
  }

  /** "Refresh": the same as start (catch up, or finish the walk a cancel interrupted). */
  refresh(run: SyncRunOptions = {}): Promise<SyncResult> {
    return this.schedule('sync', run);
  }

  /** "Refresh All": reads every organization again and drops those that are gone. */
  refreshAll(run: SyncRunOptions = {}): Promise<SyncResult> {
    return this.schedule('walk', run);
  }

  /** The extension's own add/update/merge/delete: the index changes at once, the file soon after. */
  applyOwnWrite(write: OwnWrite): void {
    const upserted = write.upserted ?? [];
    const removed = write.removed ?? [];
    this.writeSeq++;
    for (const o of upserted) {
      this.walkSeen?.add(o.id);
      this.ownDeletes.delete(o.id);
      this.ownUpserts.set(o.id, this.writeSeq);
    }
    for (const id of removed) {
      this.walkSeen?.delete(id);
      this.ownDeletes.set(id, this.writeSeq);
    }
    this.writesDuringLoad?.push(write);
    const change = this.options.index.apply(upserted, removed);
    if (change.upserted.length > 0 || change.removed.length > 0) this.saveSoon();
  }

  /** Writes pending changes now (for dispose). */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.dirty) await this.save();
    await this.saves;
  }

  /** Cancels a running sync and writes what is pending. */
  async dispose(): Promise<void> {
    this.disposed.abort();
    await this.running?.catch(() => undefined);
    await this.flush();
  }

  private schedule(kind: 'sync' | 'walk', run: SyncRunOptions): Promise<SyncResult> {
    // A running full walk also answers Refresh All, and any run answers a refresh; only Refresh All
    // during a catch-up waits for it and then walks.
    if (this.running && (kind === 'sync' || this.runningKind === 'walk' || this.walkingAll)) return this.running;
    const before = this.running?.catch(() => undefined) ?? Promise.resolve();
    const p = before.then(() => this.execute(kind, run));
    this.running = p;
    this.runningKind = kind;
    const clear = (): void => {
      if (this.running === p) {
        this.running = undefined;
        this.runningKind = undefined;
      }
    };
    p.then(clear, clear);
    return p;
  }

  private async execute(kind: 'sync' | 'walk', run: SyncRunOptions): Promise<SyncResult> {
    const state: RunState = { requests: 0, upserted: 0, removed: 0, loadedFromDisk: false };
    const { signal, release } = anySignal(run.signal, this.disposed.signal);
    try {
      if (!this.fileChecked) await this.loadFile(state);
      const { index } = this.options;
      if (kind === 'walk') return await this.fullWalk('refresh-all', run, signal, state);
      if (!index.ready || this.watermark === undefined) return await this.fullWalk(index.size > 0 ? 'incomplete' : 'first', run, signal, state);
      if (this.recentsUnavailable) return await this.walk('changes', run, signal, state);
      return await this.catchUp(run, signal, state);
    } finally {
      release();
    }
  }

  /** A full walk, after the host agreed (it may ask the user when the day's token budget is low). */
  private async fullWalk(reason: WalkReason, run: SyncRunOptions, signal: AbortSignal | undefined, state: RunState): Promise<SyncResult> {
    const { beforeWalk, index, log, walkPageLimit } = this.options;
    if (beforeWalk) {
      const estimatedRequests = index.size > 0 ? Math.ceil(index.size / (walkPageLimit ?? WALK_PAGE_LIMIT)) : undefined;
      if (!(await beforeWalk({ reason, ...(estimatedRequests !== undefined ? { estimatedRequests } : {}) }))) {
        log(`Organization index: reading every organization (${reason}) was declined; ${index.ready ? 'showing the index as it was' : 'the list stays incomplete'}.`);
        return { outcome: 'declined', ...state };
      }
    }
    const resume = reason === 'incomplete' ? this.resume : undefined;
    this.resume = undefined;
    if (!resume) return this.walk('full', run, signal, state);
    log(`Organization index: going on with the interrupted walk after ${resume.loaded} organizations.`);
    try {
      return await this.walk('full', run, signal, state, resume);
    } catch (e) {
      // The cursor may have expired meanwhile: start over once rather than fail.
      if ((e as { status?: unknown }).status !== 400 || state.requests > 0) throw e;
      log('Organization index: the interrupted walk could not go on (its position expired); reading every organization from the start.');
      return this.walk('full', run, signal, state);
    }
  }

  private async loadFile(state: RunState): Promise<void> {
    this.fileChecked = true;
    const { file, index, log } = this.options;
    if (!file) return;
    const started = this.now();
    const data = await file.load();
    const writes = this.writesDuringLoad ?? [];
    this.writesDuringLoad = undefined;
    if (!data) return;
    index.replaceAll(data.contents, true);
    for (const w of writes) index.apply(w.upserted ?? [], w.removed ?? []);
    this.watermark = data.watermark;
    state.loadedFromDisk = true;
    log(`Organization index: loaded ${index.size} organizations from disk in ${this.now() - started} ms (synced until ${data.watermark ?? 'unknown'} UTC).`);
  }

  private async catchUp(run: SyncRunOptions, signal: AbortSignal | undefined, state: RunState): Promise<SyncResult> {
    const { index, source, log } = this.options;
    const since = this.watermark!;
    const maxAge = this.options.recentsMaxAgeMs ?? RECENTS_MAX_AGE_MS;
    if (this.now() - toSeconds(since) * 1000 > maxAge) {
      log(`Organization index: last sync (${since} UTC) is older than recents reaches back (${Math.round(maxAge / 86_400_000)} days); reading every organization again.`);
      return this.fullWalk('stale', run, signal, state);
    }
    const startedAt = this.now();
    const limit = this.options.recentsPageLimit ?? RECENTS_PAGE_LIMIT;
    const guard = new PagingGuard('Organization index catch-up (recents)');
    guard.start(0);
    let start = 0;
    let lastTimestamp: string | undefined;
    try {
      for (;;) {
        const askedAt = this.writeSeq;
        const page = await source.recents(since, { start, limit, signal });
        state.requests++;
        const upserts: Organization[] = [];
        const removed: number[] = [];
        for (const item of page.items) {
          if (item.deleted) removed.push(item.id);
          else if (item.organization && !this.deletedSince(item.id, askedAt)) upserts.push(item.organization);
        }
        const change = index.apply(upserts, removed);
        state.upserted += change.upserted.length;
        state.removed += change.removed.length;
        if (page.lastTimestamp && toSeconds(page.lastTimestamp) > 0) lastTimestamp = page.lastTimestamp;
        if (!page.moreItems || page.items.length === 0) break;
        if (!guard.next(page.items.map((i) => i.id), page.nextStart)) break;
        start = page.nextStart!;
      }
    } catch (e) {
      if (signal?.aborted) return this.cancelled(state, 'catch-up');
      const status = (e as { status?: unknown }).status;
      if (status === 403 || status === 404) {
        this.recentsUnavailable = true;
        log(`Organization index: recents is not available to this account (HTTP ${status}); reading the organizations changed since ${since} UTC from the list instead. Organizations deleted elsewhere leave the tree after Refresh All.`);
        return this.walk('changes', run, signal, state);
      }
      if (e instanceof PagingStuckError) log(`Organization index: ${e.message}`);
      throw e;
    }
    const floor = fromSeconds(Math.floor((startedAt - (this.options.clockMarginMs ?? CLOCK_MARGIN_MS)) / 1000));
    this.watermark = lastTimestamp && toSeconds(lastTimestamp) > toSeconds(floor) ? lastTimestamp : floor > since ? floor : since;
    log(`Organization index: caught up through recents, ${state.upserted} changed, ${state.removed} removed (${state.requests} request${state.requests === 1 ? '' : 's'}).`);
    await this.save();
    return { outcome: 'caught-up', ...state };
  }

  private async walk(mode: 'full' | 'changes', run: SyncRunOptions, signal: AbortSignal | undefined, state: RunState, resume?: WalkResume): Promise<SyncResult> {
    const { index, source, log } = this.options;
    const startedAt = resume?.startedAt ?? this.now();
    const updatedSince = mode === 'changes' && this.watermark ? toRfc3339(this.watermark) : undefined;
    const estimated = mode === 'full' && index.size > 0 ? index.size : undefined;
    const limit = this.options.walkPageLimit ?? WALK_PAGE_LIMIT;
    const guard = new PagingGuard('Organization index walk');
    const seen = resume?.seen ?? new Set<number>();
    this.walkSeen = seen;
    this.walkingAll = mode === 'full';
    let cursor: string | undefined = resume?.cursor;
    let loaded = resume?.loaded ?? 0;
    guard.start(cursor);
    try {
      for (;;) {
        const askedAt = this.writeSeq;
        const page = await source.listPage(cursor, { limit, signal, ...(updatedSince ? { updatedSince } : {}) });
        state.requests++;
        const items = this.ownDeletes.size > 0 ? page.items.filter((o) => !this.deletedSince(o.id, askedAt)) : page.items;
        for (const o of items) seen.add(o.id);
        // One event per page: the tree fills as pages arrive.
        // A full walk is the server's word, even over a newer-looking record, except where our
        // own write came after this page was asked for.
        const authoritative = mode === 'full' ? (id: number) => !this.writtenSince(id, askedAt) : undefined;
        state.upserted += index.upsert(items, authoritative).upserted.length;
        loaded += page.items.length;
        run.onProgress?.({ loaded, ...(estimated !== undefined ? { estimated: Math.max(estimated, loaded) } : {}) });
        if (!guard.next(page.items.map((o) => o.id), page.nextCursor)) break;
        cursor = page.nextCursor!;
      }
    } catch (e) {
      // An incomplete index goes on from this page next time (a cancel, a network or server error);
      // a stuck cursor does not, since going on from it would loop again.
      if (mode === 'full' && !index.ready && cursor !== undefined && !(e instanceof PagingStuckError)) this.resume = { cursor, seen, loaded, startedAt };
      if (signal?.aborted) return this.cancelled(state, 'walk', loaded);
      if (e instanceof PagingStuckError) log(`Organization index: ${e.message}`);
      throw e;
    } finally {
      this.walkSeen = undefined;
      this.walkingAll = false;
    }
    if (mode === 'full') state.removed += index.retainOnly(seen).removed.length;
    index.setReady(true);
    this.watermark = fromSeconds(Math.floor((startedAt - (this.options.clockMarginMs ?? CLOCK_MARGIN_MS)) / 1000));
    log(mode === 'full'
      ? `Organization index: read ${loaded} organizations in ${state.requests} request${state.requests === 1 ? '' : 's'}${state.removed ? `, ${state.removed} gone` : ''}.`
      : `Organization index: ${loaded} organizations changed since the last sync (${state.requests} request${state.requests === 1 ? '' : 's'}).`);
    await this.save();
    return { outcome: mode === 'full' ? 'walked' : 'walked-changes', ...state };
  }

  /** True when we wrote the organization after a page was requested (so the page is older). */
  private writtenSince(id: number, askedAt: number): boolean {
    return (this.ownUpserts.get(id) ?? -1) > askedAt;
  }

  /** True when we deleted the organization after a page was requested (so the page is older). */
  private deletedSince(id: number, askedAt: number): boolean {
    const at = this.ownDeletes.get(id);
    return at !== undefined && at > askedAt;
  }

  private cancelled(state: RunState, what: string, loaded?: number): SyncResult {
    const { index, log } = this.options;
    log(`Organization index: ${what} cancelled${loaded !== undefined ? ` after ${loaded} organizations` : ''}; ${index.ready ? 'showing the index as it was' : 'the list is incomplete until the next refresh'}.`);
    return { outcome: 'cancelled', ...state };
  }

  private saveSoon(): void {
    if (!this.options.file || !this.options.index.ready) return;
    this.dirty = true;
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, this.options.saveDelayMs ?? 2000);
    // A pending write must not keep a test or a closing host alive; dispose() flushes it.
    (this.saveTimer as { unref?: () => void }).unref?.();
  }

  /** Writes the index when it is complete (a partial walk is never stored as if whole); writes run one at a time. */
  private save(): Promise<unknown> {
    const { file, index } = this.options;
    if (!file || !index.ready) return this.saves;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.dirty = false;
    this.saves = this.saves.then(() => file.save(index.contents(), this.watermark, this.now()));
    return this.saves;
  }
}

/**
 * Aborted when either is (AbortSignal.any is not in every Node the host may run); `release` drops
 * the listeners, so a long session does not pile them up on the dispose signal.
 */
function anySignal(a: AbortSignal | undefined, b: AbortSignal): { signal: AbortSignal; release: () => void } {
  const none = (): void => undefined;
  if (!a) return { signal: b, release: none };
  if (a.aborted) return { signal: a, release: none };
  if (b.aborted) return { signal: b, release: none };
  const c = new AbortController();
  const abort = (): void => c.abort();
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return {
    signal: c.signal,
    release: () => {
      a.removeEventListener('abort', abort);
      b.removeEventListener('abort', abort);
    },
  };
}
