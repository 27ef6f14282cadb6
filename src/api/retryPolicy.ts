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

/**
 * May this request be sent again after it may have reached the server? Not a POST, and not a
 * request marked `retry: 'never'` (merge: a second send after a success answers 404, and the user
 * would be told a merge failed that happened).
 */
export function canResend(method: HttpMethod, retry: 'never' | undefined): boolean {
  return retry !== 'never' && isIdempotent(method);
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

/** Failures before a connection existed: the server cannot have seen the request. */
const NEVER_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export function neverConnected(code: string | undefined): boolean {
  return code !== undefined && NEVER_CONNECTED_CODES.has(code);
}

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
  const n = headerNumber(value);
  if (n === undefined) return undefined;
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
  const remaining = headerNumber(get('x-ratelimit-remaining'));
  const info: RateLimitInfo = { limit: headerNumber(get('x-ratelimit-limit')), remaining };
  if (full || remaining === 0) info.resetMs = parseRateLimitReset(get('x-ratelimit-reset'), now);
  if (full) {
    info.retryAfterMs = parseRetryAfter(get('retry-after'), now);
    info.dailyRequestsLeft = headerNumber(get('x-daily-requests-left'));
  }
  return info;
}

/** A header's number; undefined when absent, blank or not a number. */
export function headerNumber(v: string | null | undefined): number | undefined {
  if (v == null) return undefined;
  const n = Number(v);
  // Number() reads a blank header as 0; only then is the trim worth its string.
  if (n === 0 && v.trim() === '') return undefined;
  return Number.isNaN(n) ? undefined : n;
}

/** What one attempt came to, as far as retrying cares. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; rateLimit: RateLimitInfo }
  | { kind: 'timeout' }
  | { kind: 'network'; code?: string; message: string };

export interface RetryContext {
  method: HttpMethod;
  /** 'never': do not resend once the request may have reached the server. */
  retry?: 'never';
  /** The attempt that just finished, from 1. */
  attempt: number;
  options: Required<RetryOptions>;
  random: () => number;
}

/**
 * Retry after `delayMs`, or fail. `uncertain` says whether the change may have been applied if
 * the call ends here (also when a retry is planned, for a deadline that cuts it short).
 */
export type RetryDecision =
  | { action: 'retry'; delayMs: number; reason: string; uncertain: boolean }
  | { action: 'fail'; uncertain: boolean; waitMs?: number; daily?: boolean };

/** A read changes nothing, so its outcome is never in doubt. */
function writes(method: HttpMethod): boolean {
  return method !== 'GET';
}

/** How long a 429 asks to wait: the longer of Retry-After and the window reset, so neither slips past the cap. */
export function rateLimitWait(info: RateLimitInfo): number | undefined {
  const waits = [info.retryAfterMs, info.resetMs].filter((w): w is number => w !== undefined);
  return waits.length ? Math.max(...waits) : undefined;
}

/** The one rule for "send it again?" after a failed attempt (2xx never reaches here). */
export function decideRetry(outcome: AttemptOutcome, ctx: RetryContext): RetryDecision {
  const { method, attempt, options } = ctx;
  const more = attempt < options.maxAttempts;
  const backoff = () => backoffDelay(attempt, options, ctx.random);
  if (outcome.kind === 'response') {
    const { status, rateLimit } = outcome;
    if (status === 429) {
      // The server did not process a 429: resending is safe for every method.
      const waitMs = rateLimitWait(rateLimit);
      const daily = rateLimit.dailyRequestsLeft === 0;
      if (daily || (waitMs !== undefined && waitMs > options.maxRetryAfterMs) || !more) return { action: 'fail', uncertain: false, waitMs, daily };
      return { action: 'retry', delayMs: waitMs ?? backoff(), reason: '429 rate limited', uncertain: false };
    }
    const uncertain = status >= 500 && writes(method);
    if (isRetryableStatus(status) && canResend(method, ctx.retry) && more) {
      return { action: 'retry', delayMs: Math.min(options.maxDelayMs, rateLimit.retryAfterMs ?? backoff()), reason: String(status), uncertain };
    }
    // A redirect may follow a processed write (post/redirect/get).
    return { action: 'fail', uncertain: uncertain || (status >= 300 && status < 400 && writes(method)) };
  }
  // A timeout is not resent: the server may still be working on it.
  if (outcome.kind === 'timeout') return { action: 'fail', uncertain: writes(method) };
  const unseen = neverConnected(outcome.code);
  const uncertain = writes(method) && !unseen;
  if (more && isRetryableNetworkCode(outcome.code, outcome.message) && (unseen || canResend(method, ctx.retry))) {
    return { action: 'retry', delayMs: backoff(), reason: outcome.code ?? 'network error', uncertain };
  }
  return { action: 'fail', uncertain };
}

/**
 * A DELETE that was sent again and now answers 404 was done by an earlier attempt whose answer
 * got lost: report it done, not "not found".
 */
export function retriedDeleteIsDone(method: HttpMethod, status: number, attempt: number, unknownRoute: boolean): boolean {
  return method === 'DELETE' && status === 404 && attempt > 1 && !unknownRoute;
}

/** How long one call may take in all, attempts and waits together (counted, not read off a clock). */
export const DEFAULT_DEADLINE_MS = 120_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
