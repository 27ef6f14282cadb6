import * as http from 'node:http';
import * as https from 'node:https';
import fetch from 'node-fetch';
import type { Clock } from './Clock';
import { headerReader, type HeaderReader } from './headerReader';
import * as errors from './errorMapping';
import { PipedriveError, redact } from './PipedriveError';
import type { TokenMeter } from './TokenMeter';
import { PacerLockedOut, RequestPacer, type PacingOptions } from './RequestPacer';
import { RequestHeaders, type AuthScheme } from './RequestHeaders';
import { RequestWatchdog, type Watch } from './RequestWatchdog';
import {
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  decideRetry,
  readRateLimit,
  retriedDeleteIsDone,
  type AttemptOutcome,
  type HttpMethod,
  type RateLimitInfo,
  type RetryOptions,
} from './retryPolicy';

export { isUnknownRoute } from './errorMapping';

/** A token or a function that reads it (e.g. from SecretStorage) each time it is needed. */
export type TokenSource = string | (() => string | Promise<string>);

/** One finished HTTP attempt, for observability. Never carries the token, the query or bodies. */
export interface RequestEvent {
  operation: string;
  method: HttpMethod;
  path: string;
  /** 0 when no response arrived (network error, timeout, abort). */
  status: number;
  ms: number;
  attempt: number;
  /** Tokens the request cost against the daily budget (0 when refused or unanswered). */
  tokens: number;
}

/**
 * A wait before a request goes out: 'rate-limit' (the pacer, or a 429 with Retry-After) or 'retry'
 * (a failed attempt backing off). `end` follows every `start`; `ms` is known for retry waits only.
 */
export interface WaitEvent {
  phase: 'start' | 'end';
  reason: 'rate-limit' | 'retry';
  operation: string;
  ms?: number;
}

export interface TransportOptions {
  baseUrl: string;
  token: TokenSource;
  authScheme: AuthScheme;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  pacing: PacingOptions;
  clock: Clock;
  logger?: (line: string) => void;
  onRequest?: (event: RequestEvent) => void;
  /** Told when a request waits (the status bar says so during a rate-limit wait). */
  onWait?: (event: WaitEvent) => void;
  /** Counts the tokens each answered request costs and keeps the budget the server reports. */
  meter?: TokenMeter;
  userAgent: string;
  maxSockets: number;
  /** One call, all attempts and waits together, ends by then (default 120 s) with kind 'timeout'. */
  deadlineMs?: number;
  /** The most of one answer the client reads (default 32 MB); more is kind 'too-large'. */
  maxResponseBytes?: number;
}

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;

export interface RequestSpec {
  /** The client method, named in errors and events. */
  operation: string;
  method: HttpMethod;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Search routes have their own, lower burst limit. */
  search?: boolean;
  /** The organization the path names, so a 404 can say which one is missing. */
  orgId?: number;
  /** A friendlier 403 text for routes with special rights (e.g. the collection). */
  forbiddenHint?: string;
  /**
   * 'never': do not resend once the request may have reached the server (after a reset, a timeout
   * or a 5xx). For writes that are not safe twice although their method says so (merge). A 429 is
   * still resent: the server did not process it.
   */
  retry?: 'never';
  /**
   * The route as the token table names it (`GET /api/v2/organizations/{}`), for the requests made
   * most: the meter then needs no pass over the path. Without it the meter derives it from the path.
   */
  route?: string;
}

/** Pipedrive's response envelope. */
export interface Envelope {
  success?: boolean;
  data?: unknown;
  additional_data?: unknown;
  related_objects?: unknown;
  error?: string;
  error_info?: string;
  errorCode?: string | number;
}

export interface TransportResponse {
  status: number;
  body: Envelope;
}

/**
 * HTTP over node-fetch with a keep-alive agent: auth header, timeout, cancellation, pacing,
 * retries with backoff, and the mapping of every failure to one PipedriveError.
 */
export class HttpTransport {
  private readonly agent: http.Agent;
  private readonly watchdog = new RequestWatchdog();
  private readonly pacer: RequestPacer;
  private readonly origin: string;
  private lastToken: string | undefined;
  private readonly requestHeaders: RequestHeaders;
  /** The most of one answer the client reads. */
  private readonly maxResponseBytes: number;

  constructor(private readonly options: TransportOptions) {
    this.origin = options.baseUrl;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.requestHeaders = new RequestHeaders(options.userAgent, options.authScheme);
    const agentOptions: http.AgentOptions = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: options.maxSockets };
    this.agent = this.watchdog.hook(options.baseUrl.startsWith('https:') ? new https.Agent(agentOptions) : new http.Agent(agentOptions));
    this.pacer = new RequestPacer(options.clock, { maxBlockMs: options.retry.maxRetryAfterMs, ...options.pacing });
  }

  /** Closes idle keep-alive sockets. */
  dispose(): void {
    this.agent.destroy();
  }

  log(line: string): void {
    this.options.logger?.(this.clean(line));
  }

  /** Sends the request, retrying where safe, and returns the parsed 2xx envelope or throws. */
  async request(spec: RequestSpec): Promise<TransportResponse> {
    // This is the path every request takes, and most of it runs before V8 has optimised it (an
    // extension makes hundreds of requests a session, not the thousands that takes): every step here
    // is paid in the interpreter, with cold caches. So one async frame for all attempts and plain
    // numbers for the deadline (bench figure 1).
    const url = spec.query === undefined ? this.origin + spec.path : this.buildUrl(spec.path, spec.query);
    // A token held as a string (or returned without a promise) costs no await on the hot path.
    const token = this.readToken(spec.operation);
    const headers = this.requestHeaders.for(typeof token === 'string' ? token : await token, spec.body !== undefined);
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const limitMs = this.options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    /** What the call has spent of its deadline: attempts and waits. */
    let spentMs = 0;
    for (let attempt = 1; ; attempt++) {
      // The common case takes a free slot synchronously; only a wait goes through acquire(). A locked
      // pacer refuses tryAcquire too, and acquire() then fails with the time to try again.
      if (spec.signal?.aborted || !this.pacer.tryAcquire(spec.search === true)) {
        spentMs += await this.acquire(spec, attempt - 1);
      }
      const ownTimeout = spec.timeoutMs ?? this.options.timeoutMs;
      const timeoutMs = Math.max(1, Math.min(ownTimeout, limitMs - spentMs));
      // Wall time, not the injected clock: a fake clock does not move while a real request runs.
      let started: number;
      let outcome: Attempt;
      if (spec.signal?.aborted) {
        started = Date.now();
        outcome = { kind: 'aborted', status: 0 };
      } else {
        // The timeout covers waiting for the answer and reading its body, through the transport's one
        // watchdog timer (RequestWatchdog.ts); it costs no timer and no AbortController per request.
        const watch = this.watchdog.begin(timeoutMs);
        started = watch.started;
        try {
          const pending = fetch(url, {
            method: spec.method,
            headers,
            body: payload,
            agent: this.agent,
            // Never follow: node-fetch would carry x-api-token to whatever host a 3xx names.
            redirect: 'manual',
            size: this.maxResponseBytes,
            // node-fetch's types predate the global AbortSignal; both work at run time.
            signal: spec.signal as unknown as import('node-fetch').RequestInit['signal'],
          });
          this.watchdog.started();
          const response = await pending;
          const text = await response.text();
          outcome = { kind: 'response', status: response.status, header: headerReader(response), text };
        } catch (e) {
          outcome = failedAttempt(e, spec, watch, timeoutMs, ownTimeout);
        } finally {
          this.watchdog.end(watch);
        }
      }
      const ms = Date.now() - started;
      if (ms > 0) spentMs += ms;
      const tokens = outcome.kind === 'response' && this.options.meter
        ? this.options.meter.record(spec.operation, spec.method, spec.path, outcome.status, outcome.header, spec.route)
        : 0;
      this.options.onRequest?.({ operation: spec.operation, method: spec.method, path: spec.path, status: outcome.status, ms, attempt, tokens });

      if (outcome.kind === 'aborted') throw errors.abortedError(spec, attempt);
      if (outcome.kind === 'too-large') throw errors.tooLargeError(spec, this.maxResponseBytes, attempt);
      const rateLimit = outcome.kind === 'response' ? this.observe(outcome.header, outcome.status) : undefined;
      if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) return { status: outcome.status, body: this.successBody(spec, outcome, attempt) };
      if (outcome.kind === 'response' && this.doneEarlier(spec, outcome, attempt)) return { status: 200, body: doneEnvelope(spec) };
      const decision = decideRetry(retryView(outcome, rateLimit), {
        method: spec.method, retry: spec.retry, attempt, options: this.options.retry, random: this.options.clock.random,
      });
      if (decision.action === 'fail') throw this.failure(spec, outcome, attempt, decision);
      if (spentMs + decision.delayMs > limitMs) throw errors.deadlineError(spec, limitMs, attempt, decision.uncertain);
      await this.wait(spec, attempt, decision.delayMs, decision.reason, outcome.status === 429 ? 'rate-limit' : 'retry');
      spentMs += decision.delayMs;
    }
  }

  /** A resent DELETE that answers 404: an earlier attempt did it and its answer was lost. */
  private doneEarlier(spec: RequestSpec, outcome: ResponseAttempt, attempt: number): boolean {
    if (!retriedDeleteIsDone(spec.method, outcome.status, attempt, errors.isUnknownRoute(tryParse(outcome.text)?.error))) return false;
    this.log(`${spec.operation}: ${spec.method} ${spec.path} answered 404 on attempt ${attempt}; an earlier attempt had done it.`);
    return true;
  }

  /**
   * Waits for the pacer and returns the time waited; a window the server shut for long fails at
   * once instead of waiting.
   */
  private async acquire(spec: RequestSpec, attempts: number): Promise<number> {
    if (spec.signal?.aborted) throw errors.abortedError(spec, attempts);
    const search = spec.search === true;
    const locked = this.pacer.lockedOutUntil();
    if (locked !== undefined) throw errors.lockedOutError(spec, locked, this.options.clock.now());
    if (this.pacer.tryAcquire(search)) return 0;
    const wait = { reason: 'rate-limit' as const, operation: spec.operation };
    this.options.onWait?.({ ...wait, phase: 'start' });
    try {
      return await this.pacer.acquire(search, spec.signal);
    } catch (e) {
      if (e instanceof PacerLockedOut) throw errors.lockedOutError(spec, e.until, this.options.clock.now());
      throw errors.abortedError(spec, attempts);
    } finally {
      this.options.onWait?.({ ...wait, phase: 'end' });
    }
  }

  /**
   * Window state from the headers (a success reads only the window, a failure everything its retry
   * rules need); a spent window holds (or locks) the pacer.
   */
  private observe(header: HeaderReader, status: number): RateLimitInfo {
    const now = this.options.clock.now();
    const rateLimit = readRateLimit(header, now, !(status >= 200 && status < 300));
    this.pacer.observeLimit(rateLimit.limit);
    if (rateLimit.remaining === 0 && rateLimit.resetMs !== undefined) this.pacer.blockUntil(now + rateLimit.resetMs);
    return rateLimit;
  }

  /** The envelope of a 2xx answer. Pipedrive sometimes refuses with a 2xx: that is an error. */
  private successBody(spec: RequestSpec, outcome: ResponseAttempt, attempt: number): Envelope {
    const { status, text } = outcome;
    if (status === 204 || text.length === 0) return {};
    const body = tryParse(text);
    if (body === undefined || typeof body !== 'object' || body === null) throw errors.malformedError(spec, status, attempt);
    // The refusal's text is the server's and is redacted like any error.
    if (body.success === false) throw errors.refusedError(spec, status, body, attempt, this.clean);
    return body;
  }

  private failure(spec: RequestSpec, outcome: FailedAttempt, attempt: number, decision: Extract<ReturnType<typeof decideRetry>, { action: 'fail' }>): PipedriveError {
    const { uncertain } = decision;
    if (outcome.kind === 'timeout') {
      return outcome.cutByDeadline
        ? errors.deadlineError(spec, this.options.deadlineMs ?? DEFAULT_DEADLINE_MS, attempt, uncertain)
        : errors.timeoutError(spec, outcome.timeoutMs, attempt, uncertain);
    }
    if (outcome.kind === 'network') {
      return errors.networkError(spec, this.origin, outcome.code ?? this.clean(outcome.error.message), attempt, uncertain);
    }
    const { status } = outcome;
    if (status >= 300 && status < 400) return errors.redirectError(spec, status, outcome.header('location'), attempt, uncertain);
    const envelope = tryParse(outcome.text);
    if (status === 429) return errors.rateLimitError(spec, envelope, decision.waitMs, attempt, decision.daily === true, this.options.clock.now(), this.clean);
    return errors.statusError(spec, status, envelope, attempt, this.clean, uncertain);
  }

  private async wait(spec: RequestSpec, attempt: number, delay: number, reason: string, kind: WaitEvent['reason']): Promise<void> {
    this.log(`${spec.operation}: ${spec.method} ${spec.path} got ${reason}; retry ${attempt + 1}/${this.options.retry.maxAttempts} in ${delay} ms`);
    const wait = { reason: kind, operation: spec.operation, ms: delay };
    this.options.onWait?.({ ...wait, phase: 'start' });
    try {
      await this.options.clock.sleep(delay, spec.signal);
    } catch (e) {
      if (e instanceof PipedriveError) throw e;
      throw errors.abortedError(spec, attempt);
    } finally {
      this.options.onWait?.({ ...wait, phase: 'end' });
    }
  }

  /** The token, synchronously when the source gives it without a promise. Throws kind 'auth'. */
  private readToken(operation: string): string | Promise<string> {
    const source = this.options.token;
    if (typeof source !== 'function') return this.checkToken(operation, source);
    let read: string | Promise<string>;
    try {
      read = source();
    } catch {
      throw tokenUnreadable(operation);
    }
    if (typeof read === 'string') return this.checkToken(operation, read);
    return Promise.resolve(read).then(
      (token) => this.checkToken(operation, token),
      // The provider's own error could quote the secret store; keep only that it failed.
      () => Promise.reject(tokenUnreadable(operation)),
    );
  }

  private checkToken(operation: string, token: unknown): string {
    // The token of the last request was checked then; most requests send the same one.
    if (token === this.lastToken) return token as string;
    if (typeof token !== 'string' || token.trim() === '') {
      throw new PipedriveError({ kind: 'auth', operation, message: 'No Pipedrive API token is set. Sign in with your API token first.' });
    }
    this.lastToken = token;
    return token;
  }

  /** Removes the token from any text that leaves the transport. */
  private readonly clean = (text: string): string => {
    const t = this.lastToken ?? (typeof this.options.token === 'string' ? this.options.token : undefined);
    let out = redact(text, t);
    if (t) out = redact(out, encodeURIComponent(t));
    return out;
  };

  private buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
    let qs = '';
    // for…in and string concatenation: no entry arrays on a path every request takes.
    for (const k in query) {
      const v = query[k];
      if (v === undefined || v === null) continue;
      const s = Array.isArray(v) ? v.join(',') : String(v);
      qs += `${qs ? '&' : '?'}${encodeURIComponent(k)}=${encodeURIComponent(s)}`;
    }
    return this.origin + path + qs;
  }
}

type ResponseAttempt = { kind: 'response'; status: number; header: HeaderReader; text: string };
type FailedAttempt =
  | ResponseAttempt
  | { kind: 'timeout'; status: 0; timeoutMs: number; cutByDeadline: boolean }
  | { kind: 'network'; status: 0; error: Error; code?: string };
type Attempt = FailedAttempt | { kind: 'aborted'; status: 0 } | { kind: 'too-large'; status: 0 };

/** What a failed fetch() came to: the watchdog's timeout, too large, aborted, or a network error. */
function failedAttempt(e: unknown, spec: RequestSpec, watch: Watch, timeoutMs: number, ownTimeout: number): Attempt {
  const err = e instanceof Error ? e : new Error(String(e));
  const type = (err as { type?: string }).type;
  if (watch.timedOut) return { kind: 'timeout', status: 0, timeoutMs, cutByDeadline: timeoutMs < ownTimeout };
  if (type === 'max-size') return { kind: 'too-large', status: 0 };
  if (spec.signal?.aborted || err.name === 'AbortError') return { kind: 'aborted', status: 0 };
  const code = (err as { code?: string }).code ?? (err as { errno?: string }).errno;
  return { kind: 'network', status: 0, error: err, code: typeof code === 'string' ? code : undefined };
}

function tokenUnreadable(operation: string): PipedriveError {
  return new PipedriveError({ kind: 'auth', operation, message: 'Could not read the Pipedrive API token. Sign in again.' });
}

/** What the retry rules need to know of an attempt. */
function retryView(outcome: FailedAttempt, rateLimit: RateLimitInfo | undefined): AttemptOutcome {
  if (outcome.kind === 'response') return { kind: 'response', status: outcome.status, rateLimit: rateLimit ?? {} };
  if (outcome.kind === 'timeout') return { kind: 'timeout' };
  return { kind: 'network', code: outcome.code, message: outcome.error.message };
}

/** The success a finished DELETE would have answered. */
function doneEnvelope(spec: RequestSpec): Envelope {
  return { success: true, data: spec.orgId !== undefined ? { id: spec.orgId } : {} };
}

function tryParse(text: string): Envelope | undefined {
  try {
    return JSON.parse(text) as Envelope;
  } catch {
    return undefined;
  }
}
