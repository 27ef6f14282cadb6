// When to try again, and how long to wait. Pure functions so the rules are easy to test and read.

export interface RetryOptions {
  /** Attempts in total, the first included (default 4). */
  maxAttempts?: number;
  /** First backoff step (default 500 ms); doubles each attempt. */
  baseDelayMs?: number;
  /** No single wait is longer than this (default 8 s). */
  maxDelayMs?: number;
  /**
   * A 429 that asks to wait longer than this (default 60 s) is the daily budget or a long
   * lockout: it surfaces at once with the reset time instead of being retried.
   */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Methods we may send twice: the second send has the same effect as the first. */
export function isIdempotent(method: HttpMethod): boolean {
  return method !== 'POST';
}

/** Statuses worth retrying: the gateway or service was briefly unavailable. 429 is handled apart. */
export function isRetryableStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

/** Socket-level failures where the request may not have reached the server. */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
]);

export function isRetryableNetworkCode(code: string | undefined, message: string): boolean {
  if (code && RETRYABLE_CODES.has(code)) return true;
  return /socket hang up|ECONNRESET|premature close/i.test(message);
}

/** Exponential backoff with full jitter, capped: random in [cap/2, cap] so retries never bunch at 0. */
export function backoffDelay(attempt: number, options: Required<RetryOptions>, random: () => number): number {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * random());
}

/** Retry-After is seconds or an HTTP date. Returns ms from `now`, or undefined when absent/unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** x-ratelimit-reset is seconds until the window resets; a huge value is an epoch time instead. */
export function parseRateLimitReset(value: string | null | undefined, now: number): number | undefined {
  if (value == null || value.trim() === '' || Number.isNaN(Number(value))) return undefined;
  const n = Number(value);
  if (n > 1e12) return Math.max(0, n - now); // epoch ms
  if (n > 1e9) return Math.max(0, n * 1000 - now); // epoch seconds
  return Math.max(0, Math.round(n * 1000));
}

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** ms until the window resets. */
  resetMs?: number;
  /** ms the server asks us to wait (Retry-After). */
  retryAfterMs?: number;
  dailyRequestsLeft?: number;
}

/**
 * Reads the rate-limit headers. A success needs only the window state (`full` false), which keeps
 * the hot path to two header lookups; failures read everything.
 */
export function readRateLimit(get: (name: string) => string | null, now: number, full = true): RateLimitInfo {
  const num = (name: string): number | undefined => {
    const v = get(name);
    return v == null || v.trim() === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
  };
  const remaining = num('x-ratelimit-remaining');
  const info: RateLimitInfo = { limit: num('x-ratelimit-limit'), remaining };
  if (full || remaining === 0) info.resetMs = parseRateLimitReset(get('x-ratelimit-reset'), now);
  if (full) {
    info.retryAfterMs = parseRetryAfter(get('retry-after'), now);
    info.dailyRequestsLeft = num('x-daily-requests-left');
  }
  return info;
}
