/**
 * Time as the client sees it. Injected so tests can run retries, backoff and pacing without
 * waiting: a fake clock's sleep() advances its now() instead of blocking.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1) for backoff jitter. */
  random(): number;
}

/** setTimeout's largest delay; a longer one overflows and fires after 1 ms, in a tight loop. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  // Date.now itself, not a function around it: the pacer and the meter read it on every request.
  now: Date.now,
  random: () => Math.random(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedWait());
      const onAbort = () => {
        clearTimeout(timer);
        reject(new AbortedWait());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** What sleep() rejects with when cancelled; the transport turns it into kind 'aborted'. */
export class AbortedWait extends Error {
  constructor() {
    super('aborted while waiting');
    this.name = 'AbortedWait';
  }
}
