// Injected failures. Each fault may be limited to matching requests and to a number of uses;
// `times` counts down per matching request and the fault is dropped at zero.
import { Fault, FaultMatch } from './types';

interface Armed { fault: Fault; left: number }

export function faultMatches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path) {
    if (match.path.startsWith('^')) return new RegExp(match.path).test(path);
    return path.includes(match.path);
  }
  return true;
}

export class Faults {
  private armed: Armed[] = [];

  set(faults: readonly Fault[]): void {
    this.armed = faults.map((fault) => ({ fault, left: 'times' in fault && fault.times !== undefined ? fault.times : Infinity }));
  }

  clear(): void {
    this.armed = [];
  }

  list(): Fault[] {
    return this.armed.map((a) => a.fault);
  }

  /** The status retired v1 routes answer with, if retire-v1 is on. */
  retiredStatus(): 410 | 404 | undefined {
    const f = this.armed.find((a) => a.fault.kind === 'retire-v1')?.fault;
    return f && f.kind === 'retire-v1' ? f.status ?? 410 : undefined;
  }

  /** Consumes the faults that apply to this request: total latency, and the one that answers (if any). */
  take(method: string, path: string): { latencyMs: number; acting?: Fault } {
    let latencyMs = 0;
    let acting: Fault | undefined;
    for (const a of this.armed) {
      if (a.fault.kind === 'retire-v1' || a.left <= 0) continue;
      if (!faultMatches(a.fault.match, method, path)) continue;
      if (a.fault.kind === 'latency') { latencyMs += a.fault.ms; a.left--; continue; }
      if (!acting) { acting = a.fault; a.left--; }
    }
    this.armed = this.armed.filter((a) => a.left > 0);
    return { latencyMs, acting };
  }
}
