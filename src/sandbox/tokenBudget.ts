// The company's daily token budget: every answered request costs its operation's x-token-cost, the
// spend resets at UTC midnight, and a request that no longer fits is refused with 429.
import { Reply, errorBody } from './envelope';
import { TokenBudgetState } from './types';

const DAY_MS = 86_400_000;

/** 0 and Infinity both mean unlimited, in the options, the CLI and the control route alike. */
function limitOf(limit: number): number {
  if (!(limit >= 0)) throw new Error(`the daily token budget must be a non-negative number (0 = unlimited), got ${limit}`);
  return limit === 0 ? Infinity : limit;
}

export class TokenBudget {
  private used = 0;
  private day: number;
  limit: number;

  constructor(limit: number, private readonly now: () => number = Date.now) {
    this.limit = limitOf(limit);
    this.day = Math.floor(now() / DAY_MS);
  }

  get unlimited(): boolean {
    return this.limit === Infinity;
  }

  /** Rolls over at UTC midnight, as Pipedrive's budget does. */
  private roll(): number {
    const t = this.now();
    const day = Math.floor(t / DAY_MS);
    if (day !== this.day) { this.day = day; this.used = 0; }
    return t;
  }

  left(): number {
    this.roll();
    return Math.max(0, this.limit - this.used);
  }

  /** Charges `cost` if it fits; false (nothing charged) when the budget cannot pay for it. */
  charge(cost: number): boolean {
    if (this.left() < cost) return false;
    this.used += cost;
    return true;
  }

  set(change: { limit?: number; used?: number }): void {
    this.roll();
    if (change.limit !== undefined) this.limit = limitOf(change.limit);
    if (change.used !== undefined) {
      if (!(change.used >= 0)) throw new Error(`used must be a non-negative number, got ${change.used}`);
      this.used = change.used;
    }
  }

  state(): TokenBudgetState {
    const t = this.roll();
    const next = (Math.floor(t / DAY_MS) + 1) * DAY_MS;
    return {
      limit: this.unlimited ? null : this.limit,
      used: this.used,
      left: this.unlimited ? null : Math.max(0, this.limit - this.used),
      resetsAt: new Date(next).toISOString(),
      resetSeconds: Math.max(1, Math.ceil((next - t) / 1000)),
    };
  }

  /** x-daily-token-limit / x-daily-tokens-left; none when unlimited (nothing to tell a client). */
  headers(): Record<string, string> {
    if (this.unlimited) return {};
    return { 'x-daily-token-limit': String(this.limit), 'x-daily-tokens-left': String(this.left()) };
  }
}

/** The spent daily budget, for both the real budget and the daily-budget fault: one body, one header set. */
export function dailyBudgetReply(retryAfterSeconds: number): Reply {
  return { status: 429, body: errorBody(429, 'Daily API token budget exceeded'), headers: {
    'retry-after': String(retryAfterSeconds), 'x-daily-requests-left': '0',
  } };
}
