// Every failure of a request becomes one PipedriveError here, with a message written for a person:
// what went wrong in words, never the operation's or the route's name (those stay in `operation`
// and `route`, for the output channel). Callers put what the user was doing in front.
// All server text passes through `clean` (token redaction) before it lands in a message or a field.
import type { Envelope, RequestSpec } from './HttpTransport';
import { PipedriveError, type PipedriveErrorKind } from './PipedriveError';

export type Clean = (text: string) => string;

/** Said whenever a write failed in a way that may have applied it. */
const MAY_HAVE_APPLIED = ' The change may or may not have been applied: check in Pipedrive before trying again.';

function mayHave(uncertain: boolean): string {
  return uncertain ? MAY_HAVE_APPLIED : '';
}

/** The server's own words, redacted. errorCode may be a string, and may echo a header too. */
export function serverText(envelope: Envelope | undefined, clean: Clean): Pick<PipedriveError, 'error' | 'errorInfo' | 'errorCode'> {
  const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : clean(typeof v === 'string' ? v : JSON.stringify(v)));
  const code = envelope?.errorCode;
  return {
    error: text(envelope?.error),
    errorInfo: text(envelope?.error_info),
    errorCode: typeof code === 'number' ? code : text(code),
  };
}

export function statusError(spec: RequestSpec, status: number, envelope: Envelope | undefined, attempts: number, clean: Clean, uncertain: boolean): PipedriveError {
  const { error, errorInfo, errorCode } = serverText(envelope, clean);
  const said = error ? ` Pipedrive said: ${sentence(error)}` : '';
  let kind: PipedriveErrorKind;
  let message: string;
  if (status === 401) {
    kind = 'auth';
    message = `Pipedrive rejected the API token (401 Unauthorized). Sign in again with a valid token.`;
  } else if (status === 403) {
    kind = 'permission';
    message = spec.forbiddenHint
      ? `${spec.forbiddenHint} (403 Forbidden).`
      : `Your Pipedrive user may not do this (403 Forbidden).${said}`;
  } else if (status === 410) {
    kind = 'gone';
    message = `Pipedrive no longer offers this (410 Gone).${said}`;
  } else if (status === 404 && isUnknownRoute(error)) {
    kind = 'gone';
    message = `Pipedrive no longer offers this (404 Unknown method).`;
  } else if (status === 404) {
    kind = 'not-found';
    message = spec.orgId !== undefined
      ? `Organization ${spec.orgId} was not found or has been deleted.`
      : `Pipedrive found nothing there (404 Not Found).${said}`;
  } else if (status >= 500) {
    kind = 'server';
    message = uncertain
      ? `Pipedrive had an error before it could answer (${status}).${said}${MAY_HAVE_APPLIED}`
      : `Pipedrive had an internal error (${status}). Try again in a moment.${said}`;
  } else if (status === 429) {
    kind = 'rate-limit';
    message = `Pipedrive's rate limit was reached (429). Try again in a moment.`;
  } else {
    kind = 'bad-request';
    message = `Pipedrive refused the request (${status}).${said}${errorInfo && errorInfo !== error ? ` ${errorInfo}` : ''}`;
  }
  return new PipedriveError({ kind, status, error, errorInfo, errorCode, operation: spec.operation, route: routeOf(spec), attempts, message, uncertain });
}

/** A 2xx whose envelope says `success: false`. */
export function refusedError(spec: RequestSpec, status: number, envelope: Envelope, attempts: number, clean: Clean): PipedriveError {
  const text = serverText(envelope, clean);
  return new PipedriveError({
    kind: 'bad-request',
    operation: spec.operation,
    status,
    attempts,
    ...text,
    route: routeOf(spec),
    message: `Pipedrive refused the request.${text.error ? ' Pipedrive said: ' + text.error : ''}`,
  });
}

export function rateLimitError(
  spec: RequestSpec,
  envelope: Envelope | undefined,
  wait: number | undefined,
  attempts: number,
  daily: boolean,
  now: number,
  clean: Clean,
): PipedriveError {
  const retryAt = wait !== undefined ? new Date(now + wait) : undefined;
  const what = daily ? `The daily request budget of this Pipedrive token is spent` : `Pipedrive's rate limit was reached`;
  return new PipedriveError({
    kind: 'rate-limit',
    status: 429,
    operation: spec.operation,
    attempts,
    ...serverText(envelope, clean),
    retryAt,
    retryAfterMs: wait,
    route: routeOf(spec),
    message: `${what} (429). Try again ${when(retryAt, wait)}.`,
  });
}

/** The server shut its window for longer than the client waits: fail at once, nothing sent. */
export function lockedOutError(spec: RequestSpec, until: number, now: number): PipedriveError {
  const wait = Math.max(0, until - now);
  const retryAt = new Date(Math.min(until, 8.64e15));
  return new PipedriveError({
    kind: 'rate-limit',
    operation: spec.operation,
    attempts: 0,
    retryAt,
    retryAfterMs: wait,
    route: routeOf(spec),
    message: `Pipedrive asked the extension to pause its requests, so nothing was sent. Try again ${when(retryAt, wait)}.`,
  });
}

export function abortedError(spec: RequestSpec, attempts: number): PipedriveError {
  return new PipedriveError({ kind: 'aborted', operation: spec.operation, route: routeOf(spec), attempts, message: 'Cancelled.' });
}

/** A 3xx. Only the origin it named is shown: a query could carry anything. */
export function redirectError(spec: RequestSpec, status: number, location: string | null, attempts: number, uncertain: boolean): PipedriveError {
  let where = 'another address';
  if (location) {
    try {
      where = new URL(location).origin;
    } catch {
      where = 'an unreadable address';
    }
  }
  return new PipedriveError({
    kind: 'redirect',
    status,
    operation: spec.operation,
    route: routeOf(spec),
    attempts,
    uncertain,
    message:
      `Pipedrive answered with a redirect (${status}) to ${where}. The extension does not follow redirects, ` +
      `so nothing was sent there (your API token included). Check the pipedrive.apiBaseUrl setting.${mayHave(uncertain)}`,
  });
}

export function tooLargeError(spec: RequestSpec, maxBytes: number, attempts: number): PipedriveError {
  return new PipedriveError({
    kind: 'too-large',
    operation: spec.operation,
    attempts,
    route: routeOf(spec),
    message: `Pipedrive sent more than ${formatBytes(maxBytes)} in one answer; the extension stopped reading it. Try a smaller page size.`,
  });
}

export function malformedError(spec: RequestSpec, status: number, attempts: number): PipedriveError {
  return new PipedriveError({
    kind: 'malformed',
    operation: spec.operation,
    status,
    attempts,
    route: routeOf(spec),
    message: `Pipedrive sent an answer that could not be read (not valid JSON, status ${status}).`,
  });
}

export function timeoutError(spec: RequestSpec, timeoutMs: number, attempts: number, uncertain: boolean): PipedriveError {
  return new PipedriveError({
    kind: 'timeout',
    operation: spec.operation,
    route: routeOf(spec),
    attempts,
    uncertain,
    message:
      `Pipedrive did not answer within ${seconds(timeoutMs)}.` +
      (uncertain ? MAY_HAVE_APPLIED : ' Check your connection and try again.'),
  });
}

/** The call as a whole (attempts and waits) ran past its deadline. */
export function deadlineError(spec: RequestSpec, deadlineMs: number, attempts: number, uncertain: boolean): PipedriveError {
  return new PipedriveError({
    kind: 'timeout',
    operation: spec.operation,
    attempts,
    uncertain,
    route: routeOf(spec),
    message: `Pipedrive did not get it done; gave up after ${seconds(deadlineMs)} in all (${attempts} attempt${attempts === 1 ? '' : 's'} and waits).` +
      (uncertain ? MAY_HAVE_APPLIED : ' Try again later.'),
  });
}

export function networkError(spec: RequestSpec, origin: string, detail: string, attempts: number, uncertain: boolean): PipedriveError {
  return new PipedriveError({
    kind: 'network',
    operation: spec.operation,
    attempts,
    uncertain,
    route: routeOf(spec),
    message: `Could not reach Pipedrive at ${origin} (${detail}).${mayHave(uncertain)}`,
  });
}

/** The server's words as a sentence: a final period when it has none. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** `GET /api/v2/organizations/7`, for the output channel only. */
function routeOf(spec: RequestSpec): string {
  return `${spec.method} ${spec.path}`;
}

/** Pipedrive answers an unknown route with 404 and the error "Unknown method ." */
export function isUnknownRoute(error: string | undefined): boolean {
  return typeof error === 'string' && /unknown method/i.test(error);
}

function when(retryAt: Date | undefined, wait: number | undefined): string {
  return retryAt && wait !== undefined ? `after ${retryAt.toISOString().replace('.000Z', 'Z')} (in ${formatDuration(wait)})` : 'in a moment';
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 72) return `${h} h`;
  return `${Math.round(h / 24)} days`;
}
