// The Pipedrive-compatible sandbox: a plain node:http server over the in-memory store.
// Order per request: control routes → faults → auth → route → envelope + x-ratelimit-* headers.
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { Socket } from 'node:net';
import { authOf } from './auth';
import { USERS } from './company';
import { handleControl } from './control';
import { Store } from './db';
import { HttpError, Reply, errorBody, errorReply, ok, routeNotFound } from './envelope';
import { Faults } from './faults';
import { RequestLog } from './log';
import { User } from './model';
import { Query } from './params';
import { RateWindow } from './rateWindow';
import { Router } from './router';
import { recentsRoutes } from './routesRecents';
import { supportRoutes } from './routesSupport';
import { v1CurrentRoutes } from './routesV1OrgItems';
import { v1RemovedRoutes } from './routesV1Orgs';
import { v2ItemRoutes } from './routesV2Items';
import { v2OrgRoutes } from './routesV2Orgs';
import { TokenBudget, dailyBudgetReply } from './tokenBudget';
import { costKey, tokenCosts } from './tokenCosts';
import { ApiMode, DEFAULT_API_MODE, Fault, RequestLogEntry, Sandbox, SandboxOptions } from './types';

export const DEFAULT_ADMIN_TOKEN = 'sandbox-admin-token-0123456789abcdef';
export const DEFAULT_REGULAR_TOKEN = 'sandbox-regular-token-0123456789abcdef';

/**
 * Every route the sandbox serves, each with its token cost from the reference files; exported so
 * the contract test can check coverage. Throws when a served route has no x-token-cost: the sandbox
 * must not serve what it cannot charge for.
 */
export function buildRouter(): Router {
  const costs = tokenCosts();
  // Fixed segments (collection, search) before ":id" so they are not read as ids.
  const routes = [...supportRoutes, ...recentsRoutes, ...v2ItemRoutes, ...v2OrgRoutes, ...v1CurrentRoutes, ...v1RemovedRoutes];
  const missing = routes.filter((r) => costs.get(costKey(r.method, r.pattern)) === undefined);
  if (missing.length) {
    throw new Error(`Sandbox routes without an x-token-cost in test/fixtures/pipedrive/*.openapi.json: ${missing.map((r) => `${r.method} ${r.pattern}`).join(', ')}`);
  }
  return new Router().add(routes.map((r) => ({ ...r, cost: costs.get(costKey(r.method, r.pattern)) })));
}

interface State {
  store: Store;
  faults: Faults;
  log: RequestLog;
  rate: RateWindow;
  budget: TokenBudget;
  apiMode: ApiMode;
  router: Router;
  tokens: Map<string, User>;
  sockets: Set<Socket>;
  timers: Set<NodeJS.Timeout>;
  closing: boolean;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const seed = opts.seed ?? 1;
  const size = opts.size ?? 3000;
  const token = opts.token ?? DEFAULT_ADMIN_TOKEN;
  const regularUserToken = opts.regularUserToken ?? DEFAULT_REGULAR_TOKEN;
  const state: State = {
    store: new Store(seed, size),
    faults: new Faults(),
    log: new RequestLog(),
    rate: new RateWindow(opts.rateLimitPerWindow ?? 10_000),
    budget: new TokenBudget(opts.dailyTokenBudget ?? Infinity),
    apiMode: opts.apiMode ?? DEFAULT_API_MODE,
    router: buildRouter(),
    tokens: new Map([[token, USERS[0]], [regularUserToken, USERS[1]]]),
    sockets: new Set(),
    timers: new Set(),
    closing: false,
  };
  state.faults.set(opts.faults ?? []);

  if (state.apiMode !== 'current' && state.apiMode !== 'legacy-v1') throw new Error(`apiMode must be 'current' or 'legacy-v1', got ${String(state.apiMode)}`);
  const server = createServer((req, res) => {
    handle(state, req, res, () => sandbox).catch((err) => {
      if (!res.headersSent && !res.destroyed) send(res, errorReply(500, `Sandbox error: ${(err as Error).message}`), state);
    });
  });
  server.on('connection', (s) => {
    state.sockets.add(s);
    s.on('close', () => state.sockets.delete(s));
  });
  await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  const port = (server.address() as { port: number }).port;
  const host = opts.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const sandbox: Sandbox & { seed: number; size: number } = {
    url, port, token, regularUserToken, seed, size,
    get log(): readonly RequestLogEntry[] { return state.log.entries; },
    clearLog: () => state.log.clear(),
    waitForLog: (test) => state.log.waitFor(test),
    setFaults: (faults: Fault[]) => state.faults.set(faults),
    clearFaults: () => state.faults.clear(),
    get apiMode(): ApiMode { return state.apiMode; },
    setApiMode: (mode: ApiMode) => {
      if (mode !== 'current' && mode !== 'legacy-v1') throw new Error(`apiMode must be 'current' or 'legacy-v1', got ${String(mode)}`);
      state.apiMode = mode;
    },
    tokenBudget: () => state.budget.state(),
    setTokenBudget: (change) => { state.budget.set(change); return state.budget.state(); },
    reset: () => {
      state.store = new Store(seed, size);
      state.faults.clear();
      state.log.clear();
      state.budget.set({ used: 0 });
    },
    close: () => close(server, state),
  };
  return sandbox;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
}

function close(server: Server, state: State): Promise<void> {
  state.closing = true;
  for (const t of state.timers) clearTimeout(t);
  state.timers.clear();
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Hanging requests and keep-alive sockets would hold close() open forever.
    for (const s of state.sockets) s.destroy();
    server.closeAllConnections?.();
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function queryRecord(q: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(q.keys())) {
    const all = q.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

function delay(state: State, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => { state.timers.delete(t); resolve(); }, ms);
    state.timers.add(t);
  });
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse, sandbox: () => Sandbox & { seed: number; size: number }): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const raw = await readBody(req);

  if (path.startsWith('/__sandbox/')) {
    const r = handleControl(req, method, path, raw, sandbox());
    send(res, r, undefined);
    return;
  }

  let body: unknown = raw === '' ? undefined : raw;
  let badJson = false;
  if (raw !== '') {
    try { body = JSON.parse(raw); } catch { badJson = true; }
  }
  const auth = authOf(req, url.searchParams, state.tokens);
  const entry = { method, path, query: queryRecord(url.searchParams), body, auth: auth.kind, tokens: 0 };

  const { latencyMs, acting } = state.faults.take(method, path);
  if (latencyMs > 0) await delay(state, latencyMs);
  if (state.closing || res.destroyed) return;

  if (acting && !(acting.kind === 'reset' && acting.afterProcessing)) {
    const reply = faultReply(acting, state, requestToken(req));
    state.log.add({ ...entry, status: reply?.status ?? 0, fault: acting.kind });
    if (acting.kind === 'hang') return; // the socket stays open until the client or close() ends it
    if (!reply) { req.socket.destroy(); return; }
    if (acting.kind === 'malformed-json') {
      res.writeHead(200, { 'content-type': 'application/json', ...withRateLimit(state, reply).headers });
      res.end('{"success":true,"data":[{"id":1,"name":"Trunc');
      return;
    }
    send(res, reply, state);
    return;
  }

  // Counted before the route runs: a request over the burst limit is refused, not applied (nor charged).
  const hit = state.rate.hit();
  const { reply, retired, tokens } = state.rate.exhausted
    ? { reply: burstReply(hit.resetSeconds), retired: false, tokens: 0 }
    : route(state, method, path, url.searchParams, body, badJson, auth.user, method === 'GET' && req.headers[FIXTURE_HEADER] === '1');
  if (acting?.kind === 'reset') {
    state.log.add({ ...entry, tokens, status: reply.status, fault: 'reset' });
    req.socket.destroy();
    return;
  }
  const final = withRateLimit(state, reply, hit);
  state.log.add({ ...entry, tokens, status: final.status, ...(retired ? { fault: 'retire-v1' as const } : {}) });
  send(res, final, undefined);
}

/**
 * Counts the request in the 2-second window (a real, not injected, 429 once the window is spent) and
 * adds the burst headers and the daily token budget headers every answer carries.
 */
function withRateLimit(state: State, reply: Reply, counted?: ReturnType<RateWindow['hit']>): Reply {
  const r = counted ?? state.rate.hit();
  const headers = {
    'x-ratelimit-limit': String(r.limit), 'x-ratelimit-remaining': String(r.remaining), 'x-ratelimit-reset': String(r.resetSeconds),
    ...state.budget.headers(),
  };
  if (!counted && state.rate.exhausted) return { ...burstReply(r.resetSeconds), headers: { ...headers, 'retry-after': String(r.resetSeconds) } };
  return { ...reply, headers: { ...headers, ...(reply.headers ?? {}) } };
}

function burstReply(resetSeconds: number): Reply {
  return { status: 429, body: errorBody(429, 'Request over limit'), headers: { 'retry-after': String(resetSeconds) } };
}

/**
 * Tests read their expectations through the seed's v1 shapes. With this header a GET of a removed v1
 * route answers in today's mode too, free of charge, so the extension under test still meets
 * Pipedrive as it answers today while the test keeps its own view of the data.
 */
export const FIXTURE_HEADER = 'x-sandbox-fixture';

/**
 * Auth, route, API mode, token budget, handler. Only requests that reach a served operation are
 * charged (401s, unknown and removed routes are not), and a request the budget cannot pay for is
 * refused before it changes anything.
 */
function route(state: State, method: string, path: string, query: URLSearchParams, body: unknown, badJson: boolean, user: User | undefined, fixtureRead = false): { reply: Reply; retired?: boolean; tokens: number } {
  if (!user) return { reply: errorReply(401, 'unauthorized access'), tokens: 0 };
  const found = state.router.match(method, path);
  if (!found) return { reply: routeNotFound(), tokens: 0 };
  if (found.route.removedV1) {
    // An explicit retire-v1 fault wins (it may ask for 410); otherwise 'current' mode is Pipedrive today.
    const retired = state.faults.retiredStatus();
    if (retired !== undefined) return { reply: retired === 410 ? errorReply(410, 'Gone') : routeNotFound(), retired: true, tokens: 0 };
    if (state.apiMode === 'current' && !fixtureRead) return { reply: routeNotFound(), tokens: 0 };
  }
  // A test's own read of the data (FIXTURE_HEADER) is not the company's spending.
  const cost = fixtureRead ? 0 : found.route.cost ?? 0;
  if (!state.budget.charge(cost)) return { reply: dailyBudgetReply(state.budget.state().resetSeconds), tokens: 0 };
  if (badJson) return { reply: errorReply(400, 'Invalid JSON in request body'), tokens: cost };
  try {
    return { reply: found.route.handler({ store: state.store, method, path, params: found.params, query: new Query(query), body, user }), tokens: cost };
  } catch (e) {
    if (e instanceof HttpError) return { reply: e.toReply(), tokens: cost };
    throw e;
  }
}

/** The token the request carried, for the echoToken fault only (never logged). */
function requestToken(req: IncomingMessage): string {
  const header = req.headers['x-api-token'] ?? req.headers.authorization?.replace(/^Bearer /i, '');
  return Array.isArray(header) ? header.join(',') : header ?? '';
}

/** The reply a fault answers with; undefined for faults that answer nothing (hang, reset). */
function faultReply(f: Fault, state: State, token: string): Reply | undefined {
  switch (f.kind) {
    case 'redirect':
      return { status: f.status ?? 302, body: { success: false, error: 'Moved' }, headers: { location: f.location } };
    case 'huge-body':
      return ok([{ id: 1, name: 'x'.repeat(Math.max(0, f.bytes)) }]);
    case 'rate-limit': {
      const retry = f.retryAfterAsDate ? new Date(Date.now() + f.retryAfterSeconds * 1000).toUTCString() : String(f.retryAfterSeconds);
      return { status: 429, body: errorBody(429, 'Request over limit'), headers: {
        'retry-after': retry, 'x-ratelimit-limit': String(state.rate.limit), 'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(f.retryAfterSeconds),
      } };
    }
    case 'daily-budget': {
      const now = new Date();
      const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
      // At least a few hours away, as a spent daily budget is.
      const seconds = f.resetSeconds ?? Math.max(3 * 3600, Math.ceil((midnight - now.getTime()) / 1000));
      return dailyBudgetReply(seconds);
    }
    case 'status':
      if (f.echoToken) {
        return { status: f.status, body: { success: false, error: `Invalid token ${token}`, error_info: `You sent x-api-token: ${token}`, errorCode: `BAD_TOKEN_${token}` } };
      }
      return errorReply(f.status, f.status === 503 ? 'Service unavailable' : f.status === 502 ? 'Bad gateway' : 'Internal server error');
    case 'malformed-json':
      return { status: 200, body: null };
    default:
      return undefined;
  }
}

function send(res: ServerResponse, reply: Reply, state: State | undefined): void {
  if (res.destroyed) return;
  const withHeaders = state ? withRateLimit(state, reply) : reply;
  const text = JSON.stringify(withHeaders.body);
  res.writeHead(withHeaders.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...(withHeaders.headers ?? {}),
  });
  res.end(text);
}

export type { Sandbox, SandboxOptions, Fault, RequestLogEntry };
export { sandboxFixtures } from './seed';
