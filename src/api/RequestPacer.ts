import { AbortedWait, type Clock } from './Clock';

/** Pipedrive counts burst limits in a rolling 2-second window. */
export const PIPEDRIVE_WINDOW_MS = 2000;

export interface PacingOptions {
  /**
   * Requests per 2-second window for all routes. Unset (the default): the limit the server
   * announces in x-ratelimit-limit, and 80 until the first answer says. Infinity turns pacing off.
   */
  requestsPer2s?: number;
  /** Requests per 2-second window for search routes (default 10, Pipedrive's search limit). */
  searchRequestsPer2s?: number;
  /**
   * The longest the pacer holds requests for a spent window (default 60 s). A server that asks for
   * longer locks the pacer instead: requests fail at once with the time to try again.
   */
  maxBlockMs?: number;
}

/** Thrown by acquire() while the server's window is shut for longer than the pacer waits. */
export class PacerLockedOut extends Error {
  constructor(readonly until: number) {
    super('rate limit window shut');
    this.name = 'PacerLockedOut';
  }
}

/**
 * Request start times of the last window, in a ring so recording is O(1). A Float64Array keeps the
 * times unboxed whatever limit the server announces (a plain array of 100,000 slots would hold a
 * heap number per request in dictionary elements).
 */
class SlidingWindow {
  private readonly times: Float64Array;
  private next = 0;

  constructor(readonly max: number, private readonly windowMs: number) {
    this.times = new Float64Array(Number.isFinite(max) && max > 0 ? Math.floor(max) : 0).fill(-Infinity);
  }

  /** A window of another size that remembers the most recent starts of this one. */
  resized(max: number): SlidingWindow {
    const w = new SlidingWindow(max, this.windowMs);
    const n = this.times.length;
    for (let i = 0; i < n; i++) {
      const t = this.times[(this.next + i) % n];
      if (t !== -Infinity) w.record(t);
    }
    return w;
  }

  /** How long until one more request fits (0 = now). */
  delay(now: number): number {
    if (this.times.length === 0) return 0;
    // The slot to be overwritten next holds the oldest start of the last `max` requests.
    return Math.max(0, this.times[this.next] + this.windowMs - now);
  }

  record(now: number): void {
    if (this.times.length === 0) return;
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.times.length;
  }
}

/**
 * Spaces requests so a burst stays inside Pipedrive's 2-second window, and holds every request
 * back while the server says the window is spent (x-ratelimit-remaining: 0).
 */
export class RequestPacer {
  private all: SlidingWindow;
  private readonly search: SlidingWindow;
  private readonly adaptive: boolean;
  private blockedUntil = 0;
  private lockedUntil = 0;
  private readonly maxBlockMs: number;

  constructor(private readonly clock: Clock, options: PacingOptions = {}) {
    this.maxBlockMs = options.maxBlockMs ?? 60_000;
    this.adaptive = options.requestsPer2s === undefined;
    this.all = new SlidingWindow(options.requestsPer2s ?? 80, PIPEDRIVE_WINDOW_MS);
    this.search = new SlidingWindow(options.searchRequestsPer2s ?? 10, PIPEDRIVE_WINDOW_MS);
  }

  /** When the window opens again, if the server shut it for longer than the pacer waits. */
  lockedOutUntil(): number | undefined {
    return this.lockedUntil > this.clock.now() ? this.lockedUntil : undefined;
  }

  /** Takes a slot if one is free now, without waiting (the common case, kept synchronous). */
  tryAcquire(isSearch: boolean): boolean {
    const now = this.clock.now();
    if (this.lockedUntil > now || this.blockedUntil > now || this.all.delay(now) > 0 || (isSearch && this.search.delay(now) > 0)) return false;
    this.all.record(now);
    if (isSearch) this.search.record(now);
    return true;
  }

  /** Waits for a slot and takes it. Returns the time waited (ms). */
  async acquire(isSearch: boolean, signal?: AbortSignal): Promise<number> {
    let waited = 0;
    for (;;) {
      if (signal?.aborted) throw new AbortedWait();
      const now = this.clock.now();
      if (this.lockedUntil > now) throw new PacerLockedOut(this.lockedUntil);
      const wait = Math.max(this.blockedUntil - now, this.all.delay(now), isSearch ? this.search.delay(now) : 0);
      if (wait <= 0) {
        this.all.record(now);
        if (isSearch) this.search.record(now);
        return waited;
      }
      await this.clock.sleep(wait, signal);
      waited += wait;
    }
  }

  /** The server announced its per-window limit (x-ratelimit-limit); follow it unless configured. */
  observeLimit(limit: number | undefined): void {
    if (!this.adaptive || limit === undefined || !(limit > 0) || limit === this.all.max) return;
    this.all = this.all.resized(limit);
  }

  /**
   * The server said the window is spent: hold requests until it resets, at most maxBlockMs.
   * A longer (or absurd) reset locks the pacer instead, so no request waits on it.
   */
  blockUntil(time: number): void {
    const now = this.clock.now();
    if (!Number.isFinite(time) || time - now > this.maxBlockMs) {
      this.lockedUntil = Math.max(this.lockedUntil, Number.isFinite(time) ? time : Number.MAX_SAFE_INTEGER);
      return;
    }
    this.blockedUntil = Math.max(this.blockedUntil, time);
  }
}
