// /__sandbox/* control routes: the same control surface as the Sandbox object, for processes that
// only have the URL (the VS Code extension host, the benchmark). Loopback only; no token needed.
import { IncomingMessage } from 'node:http';
import { Reply } from './envelope';
import { FAULT_KINDS } from './faultDocs';
import { Fault, Sandbox } from './types';

/** Every control route, for `--help` and the unknown-route answer. */
export const CONTROL_ROUTES: [route: string, what: string][] = [
  ['GET  /__sandbox/log', 'the request log: { data: [{ seq, method, path, query, body, status, auth, fault?, tokens, at }] }'],
  ['POST /__sandbox/log/clear', 'empty the request log'],
  ['POST /__sandbox/faults', 'replace the faults: body { "faults": [Fault, ...] } ({"faults":[]} clears them)'],
  ['POST /__sandbox/reset', 're-seed the data, clear faults, log and today\'s token spend'],
  ['GET  /__sandbox/info', '{ url, token, regularUserToken, size, seed, apiMode }'],
  ['POST /__sandbox/mode', 'serve today\'s routes only or the removed v1 ones too: body { "apiMode": "current" | "legacy-v1" }'],
  ['GET  /__sandbox/budget', 'today\'s token spend: { data: { limit, used, left, resetsAt, resetSeconds } } (limit/left null = unlimited)'],
  ['POST /__sandbox/budget', 'set the daily limit and/or today\'s spend: body { "limit"?: N (0 or null = unlimited), "used"?: N }'],
  ['POST /__sandbox/budget/reset', 'today\'s spend back to 0'],
];

function isLoopback(addr: string | undefined): boolean {
  return addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';
}

function bad(message: string, status = 400): Reply {
  return { status, body: { success: false, error: message } };
}

export function handleControl(req: IncomingMessage, method: string, path: string, raw: string, sandbox: Sandbox & { seed?: number; size?: number }): Reply {
  if (!isLoopback(req.socket.remoteAddress)) return bad('Control routes are loopback only', 403);
  const route = `${method} ${path.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /__sandbox/log':
      return { status: 200, body: { success: true, data: sandbox.log } };
    case 'POST /__sandbox/log/clear':
      sandbox.clearLog();
      return { status: 200, body: { success: true } };
    case 'POST /__sandbox/faults': {
      let faults: unknown;
      try { faults = (JSON.parse(raw || '{}') as { faults?: unknown }).faults; } catch { return bad('Invalid JSON'); }
      if (!Array.isArray(faults) || !faults.every((f) => f && FAULT_KINDS.includes((f as Fault).kind))) {
        return bad(`Body must be { faults: Fault[] } with kind one of ${FAULT_KINDS.join(', ')}`);
      }
      sandbox.setFaults(faults as Fault[]);
      return { status: 200, body: { success: true, data: faults } };
    }
    case 'POST /__sandbox/reset':
      sandbox.reset();
      return { status: 200, body: { success: true } };
    case 'GET /__sandbox/info':
      return { status: 200, body: { url: sandbox.url, token: sandbox.token, regularUserToken: sandbox.regularUserToken, size: sandbox.size, seed: sandbox.seed, apiMode: sandbox.apiMode } };
    case 'POST /__sandbox/mode': {
      let b: { apiMode?: unknown };
      try { b = JSON.parse(raw || '{}') as typeof b; } catch { return bad('Invalid JSON'); }
      if (b?.apiMode !== 'current' && b?.apiMode !== 'legacy-v1') return bad('Body must be { "apiMode": "current" | "legacy-v1" }');
      sandbox.setApiMode(b.apiMode);
      return { status: 200, body: { success: true, data: { apiMode: sandbox.apiMode } } };
    }
    case 'GET /__sandbox/budget':
      return { status: 200, body: { success: true, data: sandbox.tokenBudget() } };
    case 'POST /__sandbox/budget/reset':
      return { status: 200, body: { success: true, data: sandbox.setTokenBudget({ used: 0 }) } };
    case 'POST /__sandbox/budget': {
      let b: { limit?: unknown; used?: unknown };
      try { b = JSON.parse(raw || '{}') as typeof b; } catch { return bad('Invalid JSON'); }
      const count = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
      if (!b || typeof b !== 'object' || !(count(b.limit) || b.limit === null) || !count(b.used)) {
        return bad('Body must be { limit?: non-negative number | null (unlimited), used?: non-negative number }');
      }
      const limit = b.limit === null ? Infinity : (b.limit as number | undefined);
      return { status: 200, body: { success: true, data: sandbox.setTokenBudget({ limit, used: b.used as number | undefined }) } };
    }
    default:
      return bad(`Unknown control route ${route}`, 404);
  }
}
