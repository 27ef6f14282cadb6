/** What went wrong, coarse enough for the UI to pick a reaction (sign in again, retry later, ...). */
export type PipedriveErrorKind =
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'gone'
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'timeout'
  | 'validation'
  | 'bad-request'
  | 'malformed'
  | 'aborted'
  /** The server answered with a 3xx; the client never follows one (the token would go along). */
  | 'redirect'
  /** The answer was larger than the client reads (maxResponseBytes). */
  | 'too-large';

export interface PipedriveErrorInit {
  kind: PipedriveErrorKind;
  message: string;
  /** The client method that failed, e.g. `getOrganization`. */
  operation: string;
  /** `METHOD /path` of the request, for the output channel (never shown in a message). */
  route?: string;
  status?: number;
  /** Pipedrive's `error` text from the response envelope. */
  error?: string;
  /** Pipedrive's `error_info` text from the response envelope. */
  errorInfo?: string;
  /** Pipedrive's `errorCode` from the response envelope. */
  errorCode?: string | number;
  /** For 429: when the budget resets and the request may be sent again. */
  retryAt?: Date;
  retryAfterMs?: number;
  /** For validation errors: the input field and the rule it broke. */
  field?: string;
  rule?: string;
  /** How many HTTP attempts were made (0 for validation errors). */
  attempts?: number;
  /**
   * True when the change may have been applied although the call failed (a write that broke
   * after it reached the server, timed out, or got a 5xx and was not resent). Check before retrying.
   */
  uncertain?: boolean;
  cause?: unknown;
}

/**
 * The one error type of the client. Callers switch on `kind`; `message` is written for a person.
 * The token never appears in it: every text taken from the server or the network is redacted first.
 */
export class PipedriveError extends Error {
  readonly kind: PipedriveErrorKind;
  readonly operation: string;
  /** `METHOD /path` of the request that failed, for the output channel. */
  readonly route?: string;
  readonly status?: number;
  readonly error?: string;
  readonly errorInfo?: string;
  readonly errorCode?: string | number;
  readonly retryAt?: Date;
  readonly retryAfterMs?: number;
  readonly field?: string;
  readonly rule?: string;
  readonly attempts: number;
  readonly uncertain: boolean;

  constructor(init: PipedriveErrorInit) {
    super(init.message);
    this.name = 'PipedriveError';
    this.kind = init.kind;
    this.operation = init.operation;
    this.route = init.route;
    this.status = init.status;
    this.error = init.error;
    this.errorInfo = init.errorInfo;
    this.errorCode = init.errorCode;
    this.retryAt = init.retryAt;
    this.retryAfterMs = init.retryAfterMs;
    this.field = init.field;
    this.rule = init.rule;
    this.attempts = init.attempts ?? 0;
    this.uncertain = init.uncertain ?? false;
    // Not passed to super(): a network cause could carry a URL or socket detail we did not redact.
    if (init.cause !== undefined) Object.defineProperty(this, 'cause', { value: init.cause, enumerable: false });
  }

  /** True for kinds where trying again later can succeed. */
  get transient(): boolean {
    return ['rate-limit', 'server', 'network', 'timeout'].includes(this.kind);
  }
}

export function isPipedriveError(e: unknown): e is PipedriveError {
  return e instanceof PipedriveError;
}

/** Replaces every occurrence of the secret in the text (servers sometimes echo request headers). */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4 || !text) return text;
  return text.split(secret).join('[redacted]');
}
