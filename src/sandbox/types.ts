// The control surface of the Pipedrive-compatible sandbox server. Tests, the harness, `npm start`
// and the benchmark all drive the sandbox through this interface (in process) or through the
// equivalent `/__sandbox/*` HTTP control routes (from another process, e.g. the VS Code extension host).

/** Which requests a fault applies to. Omitted fields match everything. */
export interface FaultMatch {
  method?: string;
  /** A substring of the path, or a regular expression source when it starts with `^`. */
  path?: string;
}

export type Fault =
  /** Delay every matching response by `ms`. */
  | { kind: 'latency'; ms: number; match?: FaultMatch; times?: number }
  /** Answer 429 with `x-ratelimit-*` headers and `Retry-After: retryAfterSeconds` (a short burst window). */
  | { kind: 'rate-limit'; retryAfterSeconds: number; retryAfterAsDate?: boolean; match?: FaultMatch; times?: number }
  /** Answer 429 for the spent daily token budget: `Retry-After` hours away, `x-daily-requests-left: 0`. */
  | { kind: 'daily-budget'; resetSeconds?: number; match?: FaultMatch; times?: number }
  /**
   * Answer with this status and Pipedrive's error envelope (`success: false`, also on a 2xx).
   * `echoToken` puts the request's token into error, error_info and errorCode, as careless servers do.
   */
  | { kind: 'status'; status: number; echoToken?: boolean; match?: FaultMatch; times?: number }
  /** Answer with a redirect to `location` (default status 302). */
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 303 | 307 | 308; match?: FaultMatch; times?: number }
  /** Answer 200 with a valid envelope of about `bytes` bytes. */
  | { kind: 'huge-body'; bytes: number; match?: FaultMatch; times?: number }
  /** Accept the request and never answer (until the client gives up or the server closes). */
  | { kind: 'hang'; match?: FaultMatch; times?: number }
  /** Destroy the socket without an answer (ECONNRESET on the client). `afterProcessing` applies the request first. */
  | { kind: 'reset'; afterProcessing?: boolean; match?: FaultMatch; times?: number }
  /** Answer 200 with a body that is not JSON. */
  | { kind: 'malformed-json'; match?: FaultMatch; times?: number }
  /** The v1 routes Pipedrive put out of support answer 410 Gone (or 404 for the route itself). */
  | { kind: 'retire-v1'; status?: 410 | 404 };

/**
 * Which API the sandbox answers like. 'current': Pipedrive today — the v1 routes Pipedrive removed
 * (organizations-v1-removed.openapi.json) answer 404 "Unknown method .". 'legacy-v1': they are
 * still served, as in the seed's days.
 */
export type ApiMode = 'current' | 'legacy-v1';

/**
 * The programmatic default of startSandbox(): Pipedrive as it answers today, like the CLI. Suites
 * that read the seed's v1 organization routes (the in-host harness reads its fixtures that way)
 * ask for 'legacy-v1', which serves both.
 */
export const DEFAULT_API_MODE: ApiMode = 'current';

/** The daily token budget the CLI starts with: 30,000 tokens × 3 seats (Pipedrive's base plan formula). */
export const CLI_DAILY_TOKEN_BUDGET = 90_000;

/** The company's token spend today (one company per sandbox). `limit`/`left` are null when unlimited. */
export interface TokenBudgetState {
  limit: number | null;
  used: number;
  left: number | null;
  /** ISO time of the next reset (the next UTC midnight). */
  resetsAt: string;
  /** Seconds until that reset: what `retry-after` says on a spent budget. */
  resetSeconds: number;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  status: number;
  /** Which auth the request carried: never the token itself. */
  auth: 'api-token' | 'bearer' | 'none';
  /** Set when a fault answered instead of the route. */
  fault?: Fault['kind'];
  /** Tokens charged against the daily budget (the operation's x-token-cost; 0 when not charged). */
  tokens: number;
  at: number;
}

export interface SandboxOptions {
  host?: string; // default 127.0.0.1
  port?: number; // default 0 (a free port)
  /** The admin user's API token. Default: a fixed, documented sandbox token. */
  token?: string;
  seed?: number; // default 1
  /** Number of seeded organizations. Default 3000; the benchmark uses 100000. */
  size?: number;
  faults?: Fault[];
  /** The regular (non-admin, user id 2) user's token. Default: a fixed, documented sandbox token. */
  regularUserToken?: string;
  /** Requests allowed per 2-second window before the real (not fault) 429. Default 10000. */
  rateLimitPerWindow?: number;
  /** Default DEFAULT_API_MODE. */
  apiMode?: ApiMode;
  /**
   * Tokens the company may spend per UTC day (each request costs its operation's x-token-cost).
   * 0 or Infinity = unlimited, the default (spend is still counted and logged, but no budget headers are sent
   * and nothing is refused). The CLI uses CLI_DAILY_TOKEN_BUDGET.
   */
  dailyTokenBudget?: number;
}

export interface Sandbox {
  readonly url: string; // e.g. http://127.0.0.1:43123
  readonly port: number;
  /** Token of a global admin (user id 1). */
  readonly token: string;
  /** Token of a regular user without global admin rights (the collection endpoint answers 403). */
  readonly regularUserToken: string;
  /** Every request since start or the last clearLog(), oldest first. Control routes are not logged. */
  readonly log: readonly RequestLogEntry[];
  clearLog(): void;
  /** Resolves with the first log entry (already logged or future) that satisfies `test`. */
  waitForLog(test: (e: RequestLogEntry) => boolean): Promise<RequestLogEntry>;
  setFaults(faults: Fault[]): void;
  clearFaults(): void;
  readonly apiMode: ApiMode;
  /** Serve today's routes only ('current') or also the removed v1 ones ('legacy-v1'), from the next request on. */
  setApiMode(mode: ApiMode): void;
  /** Today's token spend of the (one) company. */
  tokenBudget(): TokenBudgetState;
  /** Changes the daily limit (0 or Infinity = unlimited) and/or today's spend; omitted fields stay. */
  setTokenBudget(change: { limit?: number; used?: number }): TokenBudgetState;
  /** Re-seed the data as at start (same seed and size), clear faults, log and today's token spend. */
  reset(): void;
  close(): Promise<void>;
}

// HTTP control routes (loopback only, no token needed), all JSON:
//   GET  /__sandbox/log            -> { data: RequestLogEntry[] }
//   POST /__sandbox/log/clear
//   POST /__sandbox/faults         body { faults: Fault[] } (replaces)
//   POST /__sandbox/reset
//   GET  /__sandbox/info           -> { url, token, regularUserToken, size, seed, apiMode }
//   POST /__sandbox/mode           body { apiMode: 'current' | 'legacy-v1' }
// A GET with the header `x-sandbox-fixture: 1` reaches the removed v1 routes in 'current' mode too, uncharged.
//   GET  /__sandbox/budget         -> { success, data: TokenBudgetState }
//   POST /__sandbox/budget         body { limit?: number | null (0/null = unlimited), used?: number } -> same
//   POST /__sandbox/budget/reset   today's spend back to 0 -> same
