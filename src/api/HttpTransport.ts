import * as http from 'node:http';
import * as https from 'node:https';
import fetch, { type Response } from 'node-fetch';
import { AbortedWait, type Clock } from './Clock';
import { PipedriveError, redact, type PipedriveErrorKind } from './PipedriveError';
import { RequestPacer, type PacingOptions } from './RequestPacer';
import {
  backoffDelay,
  isIdempotent,
  isRetryableNetworkCode,
  isRetryableStatus,
  readRateLimit,
  type HttpMethod,
  type RateLimitInfo,
  type RetryOptions,
} from './retryPolicy';

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
}

export interface TransportOptions {
  baseUrl: string;
  token: TokenSource;
  authScheme: 'api-token' | 'bearer';
  timeoutMs: number;
  retry: Required<RetryOptions>;
  pacing: PacingOptions;
  clock: Clock;
  logger?: (line: string) => void;
  onRequest?: (event: RequestEvent) => void;
  userAgent: string;
  maxSockets: number;
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
  rateLimit: RateLimitInfo;
}

/**
 * HTTP over node-fetch with a keep-alive agent: auth header, timeout, cancellation, pacing,
 * retries with backoff, and the mapping of every failure to one PipedriveError.
 */
export class HttpTransport {
  private readonly agent: http.Agent;
  private readonly pacer: RequestPacer;
  private readonly origin: string;
  private lastToken: string | undefined;

  constructor(private readonly options: TransportOptions) {
    this.origin = options.baseUrl;
    const agentOptions: http.AgentOptions = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: options.maxSockets };
    this.agent = options.baseUrl.startsWith('https:') ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.pacer = new RequestPacer(options.clock, options.pacing);
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
    const { retry, clock } = this.options;
    const url = this.buildUrl(spec.path, spec.query);
    const token = await this.readToken(spec.operation);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent,
    };
    if (this.options.authScheme === 'bearer') headers.authorization = `Bearer ${token}`;
    else headers['x-api-token'] = token;
    let payload: string | undefined;
    if (spec.body !== undefined) {
      payload = JSON.stringify(spec.body);
      headers['content-type'] = 'application/json';
    }

    for (let attempt = 1; ; attempt++) {
      if (spec.signal?.aborted) throw this.abortedError(spec, attempt - 1);
      if (!this.pacer.tryAcquire(spec.search === true)) {
        try {
          await this.pacer.acquire(spec.search === true, spec.signal);
        } catch (e) {
          throw this.abortedError(spec, attempt - 1, e);
        }
      }
      // Wall time, not the injected clock: a fake clock does not move while a real request runs.
      const started = Date.now();
      const outcome = await this.once(url, spec, headers, payload);
      const ms = Date.now() - started;
      this.options.onRequest?.({ operation: spec.operation, method: spec.method, path: spec.path, status: outcome.status, ms, attempt });

      if (outcome.kind === 'response') {
        const { response, text } = outcome;
        const ok = response.status >= 200 && response.status < 300;
        const rateLimit = readRateLimit((n) => response.headers.get(n), clock.now(), !ok);
        this.pacer.observeLimit(rateLimit.limit);
        if (rateLimit.remaining === 0 && rateLimit.resetMs !== undefined) this.pacer.blockUntil(clock.now() + rateLimit.resetMs);
        if (ok) {
          return { status: response.status, body: this.parseBody(spec, response.status, text, attempt), rateLimit };
        }
        const envelope = tryParse(text);
        if (response.status === 429) {
          const wait = rateLimit.retryAfterMs ?? rateLimit.resetMs;
          const daily = rateLimit.dailyRequestsLeft === 0;
          const tooLong = wait !== undefined && wait > retry.maxRetryAfterMs;
          if (daily || tooLong || attempt >= retry.maxAttempts) {
            throw this.rateLimitError(spec, envelope, rateLimit, wait, attempt, daily);
          }
          // 429 means the server did not process the request: safe to resend, even a POST.
          const delay = wait ?? backoffDelay(attempt, retry, clock.random);
          await this.wait(spec, attempt, delay, '429 rate limited');
          continue;
        }
        if (isRetryableStatus(response.status) && isIdempotent(spec.method) && attempt < retry.maxAttempts) {
          const delay = Math.min(retry.maxDelayMs, rateLimit.retryAfterMs ?? backoffDelay(attempt, retry, clock.random));
          await this.wait(spec, attempt, delay, `${response.status}`);
          continue;
        }
        throw this.statusError(spec, response.status, envelope, attempt);
      }
      if (outcome.kind === 'aborted') throw this.abortedError(spec, attempt);
      if (outcome.kind === 'timeout') {
        throw new PipedriveError({
          kind: 'timeout',
          operation: spec.operation,
          attempts: attempt,
          message:
            `Pipedrive did not answer ${spec.method} ${spec.path} within ${Math.round(outcome.timeoutMs / 100) / 10} s (${spec.operation}).` +
            (isIdempotent(spec.method) ? ' Check your connection and try again.' : ' The request may or may not have been applied; check before trying again.'),
        });
      }
      // Network error. A POST may have been processed before the connection broke: never resend it.
      const detail = this.clean(outcome.error.message);
      if (isIdempotent(spec.method) && attempt < retry.maxAttempts && isRetryableNetworkCode(outcome.code, outcome.error.message)) {
        await this.wait(spec, attempt, backoffDelay(attempt, retry, clock.random), outcome.code ?? 'network error');
        continue;
      }
      throw new PipedriveError({
        kind: 'network',
        operation: spec.operation,
        attempts: attempt,
        message:
          `Could not reach Pipedrive at ${this.origin} (${outcome.code ?? detail}) during ${spec.operation}.` +
          (spec.method === 'POST' ? ' The request may or may not have been applied; check before trying again.' : ''),
      });
    }
  }

  private async once(url: string, spec: RequestSpec, headers: Record<string, string>, payload: string | undefined): Promise<Attempt> {
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs;
    if (spec.signal?.aborted) return { kind: 'aborted', status: 0 };
    try {
      // node-fetch's own timeout covers waiting for the answer and, again, reading its body; it costs
      // no AbortController per request, which matters on the hot path of paging.
      const response = await fetch(url, {
        method: spec.method,
        headers,
        body: payload,
        agent: this.agent,
        timeout: timeoutMs,
        // node-fetch's types predate the global AbortSignal; both work at run time.
        signal: spec.signal as unknown as import('node-fetch').RequestInit['signal'],
      });
      const text = await response.text();
      return { kind: 'response', status: response.status, response, text };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const type = (err as { type?: string }).type;
      if (type === 'request-timeout' || type === 'body-timeout') return { kind: 'timeout', status: 0, timeoutMs };
      if (spec.signal?.aborted || err.name === 'AbortError') return { kind: 'aborted', status: 0 };
      const code = (err as { code?: string }).code ?? (err as { errno?: string }).errno;
      return { kind: 'network', status: 0, error: err, code: typeof code === 'string' ? code : undefined };
    }
  }


  private async wait(spec: RequestSpec, attempt: number, delay: number, reason: string): Promise<void> {
    this.log(`${spec.operation}: ${spec.method} ${spec.path} got ${reason}; retry ${attempt + 1}/${this.options.retry.maxAttempts} in ${delay} ms`);
    try {
      await this.options.clock.sleep(delay, spec.signal);
    } catch (e) {
      throw this.abortedError(spec, attempt, e);
    }
  }

  private parseBody(spec: RequestSpec, status: number, text: string, attempt: number): Envelope {
    if (status === 204 || text.length === 0) return {};
    const parsed = tryParse(text);
    if (parsed === undefined || typeof parsed !== 'object' || parsed === null) {
      throw new PipedriveError({
        kind: 'malformed',
        operation: spec.operation,
        status,
        attempts: attempt,
        message: `Pipedrive sent a response that is not valid JSON for ${spec.operation} (${spec.method} ${spec.path}, status ${status}).`,
      });
    }
    return parsed as Envelope;
  }

  private statusError(spec: RequestSpec, status: number, envelope: Envelope | undefined, attempts: number): PipedriveError {
    const error = envelope?.error !== undefined ? this.clean(String(envelope.error)) : undefined;
    const errorInfo = envelope?.error_info !== undefined ? this.clean(String(envelope.error_info)) : undefined;
    const errorCode = envelope?.errorCode;
    const said = error ? ` Pipedrive said: ${error}` : '';
    const route = `${spec.method} ${spec.path}`;
    let kind: PipedriveErrorKind;
    let message: string;
    if (status === 401) {
      kind = 'auth';
      message = `Pipedrive rejected the API token (401 Unauthorized). Sign in again with a valid token.`;
    } else if (status === 403) {
      kind = 'permission';
      message = spec.forbiddenHint
        ? `${spec.forbiddenHint} (403 Forbidden).`
        : `You do not have permission for ${spec.operation} in Pipedrive (403 Forbidden).${said}`;
    } else if (status === 410) {
      kind = 'gone';
      message = `Pipedrive retired the route ${route} (410 Gone).${said}`;
    } else if (status === 404 && isUnknownRoute(error)) {
      kind = 'gone';
      message = `Pipedrive no longer has the route ${route} (404 Unknown method).`;
    } else if (status === 404) {
      kind = 'not-found';
      message = spec.orgId !== undefined
        ? `Organization ${spec.orgId} was not found or has been deleted.`
        : `Pipedrive found nothing at ${route} (404 Not Found).${said}`;
    } else if (status >= 500) {
      kind = 'server';
      message = `Pipedrive failed to handle ${spec.operation} (${status}). Try again in a moment.${said}`;
    } else if (status === 429) {
      kind = 'rate-limit';
      message = `Pipedrive's rate limit was reached during ${spec.operation}.`;
    } else {
      kind = 'bad-request';
      message = `Pipedrive refused ${spec.operation} (${status}).${said}${errorInfo && errorInfo !== error ? ` ${errorInfo}` : ''}`;
    }
    return new PipedriveError({ kind, status, error, errorInfo, errorCode, operation: spec.operation, attempts, message });
  }

  private rateLimitError(
    spec: RequestSpec,
    envelope: Envelope | undefined,
    rateLimit: RateLimitInfo,
    wait: number | undefined,
    attempts: number,
    daily: boolean,
  ): PipedriveError {
    const now = this.options.clock.now();
    const retryAt = wait !== undefined ? new Date(now + wait) : undefined;
    const when = retryAt ? `after ${retryAt.toISOString().replace('.000Z', 'Z')} (in ${formatDuration(wait!)})` : 'in a moment';
    const what = daily ? `The daily request budget of this Pipedrive token is spent` : `Pipedrive's rate limit was reached`;
    return new PipedriveError({
      kind: 'rate-limit',
      status: 429,
      operation: spec.operation,
      attempts,
      error: envelope?.error !== undefined ? this.clean(String(envelope.error)) : undefined,
      errorInfo: envelope?.error_info !== undefined ? this.clean(String(envelope.error_info)) : undefined,
      errorCode: envelope?.errorCode,
      retryAt,
      retryAfterMs: wait,
      message: `${what} (429 during ${spec.operation}). Try again ${when}.`,
    });
  }

  private abortedError(spec: RequestSpec, attempts: number, cause?: unknown): PipedriveError {
    if (cause !== undefined && !(cause instanceof AbortedWait)) {
      if (cause instanceof PipedriveError) return cause;
    }
    return new PipedriveError({ kind: 'aborted', operation: spec.operation, attempts, message: `${spec.operation} was cancelled.` });
  }

  private async readToken(operation: string): Promise<string> {
    let token: string;
    try {
      token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
    } catch {
      // The provider's own error could quote the secret store; keep only that it failed.
      throw new PipedriveError({ kind: 'auth', operation, message: 'Could not read the Pipedrive API token. Sign in again.' });
    }
    if (typeof token !== 'string' || token.trim() === '') {
      throw new PipedriveError({ kind: 'auth', operation, message: 'No Pipedrive API token is set. Sign in with your API token first.' });
    }
    this.lastToken = token;
    return token;
  }

  /** Removes the token from any text that leaves the transport. */
  private clean(text: string): string {
    const t = this.lastToken ?? (typeof this.options.token === 'string' ? this.options.token : undefined);
    let out = redact(text, t);
    if (t) out = redact(out, encodeURIComponent(t));
    return out;
  }

  private buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
    let qs = '';
    if (query) {
      const parts: string[] = [];
      for (const [k, v] of Object.entries(query)) {
        if (v === undefined || v === null) continue;
        const s = Array.isArray(v) ? v.join(',') : String(v);
        parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(s)}`);
      }
      if (parts.length) qs = '?' + parts.join('&');
    }
    return this.origin + path + qs;
  }
}

type Attempt =
  | { kind: 'response'; status: number; response: Response; text: string }
  | { kind: 'timeout'; status: 0; timeoutMs: number }
  | { kind: 'aborted'; status: 0 }
  | { kind: 'network'; status: 0; error: Error; code?: string };

function tryParse(text: string): Envelope | undefined {
  try {
    return JSON.parse(text) as Envelope;
  } catch {
    return undefined;
  }
}

/** Pipedrive answers an unknown route with 404 and the error "Unknown method ." */
export function isUnknownRoute(error: string | undefined): boolean {
  return typeof error === 'string' && /unknown method/i.test(error);
}

function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  return `${Math.round(m / 60)} h`;
}
