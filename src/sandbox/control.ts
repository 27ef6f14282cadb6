// /__sandbox/* control routes: the same control surface as the Sandbox object, for processes that
// only have the URL (the VS Code extension host, the benchmark). Loopback only; no token needed.
import { IncomingMessage } from 'node:http';
import { Reply } from './envelope';
import { Fault, Sandbox } from './types';

const FAULT_KINDS: Fault['kind'][] = ['latency', 'rate-limit', 'daily-budget', 'status', 'hang', 'reset', 'malformed-json', 'retire-v1', 'redirect', 'huge-body'];

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
      return { status: 200, body: { url: sandbox.url, token: sandbox.token, regularUserToken: sandbox.regularUserToken, size: sandbox.size, seed: sandbox.seed } };
    default:
      return bad(`Unknown control route ${route}`, 404);
  }
}
