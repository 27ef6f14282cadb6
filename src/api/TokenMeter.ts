// Counts what the client spends of the company's daily token budget: each answered request at its
// route's x-token-cost (tokenCosts.ts), per operation and per UTC day, and keeps the budget the
// server last reported (x-daily-token-limit / x-daily-tokens-left). No vscode: the host shows it.
import { headerNumber } from './retryPolicy';
import { TOKEN_COSTS, tokenCostOf } from './tokenCosts';

const DAY_MS = 86_400_000;

export interface TokenBudget {
  /** The company's daily budget, as the server last said. */
  readonly limit: number;
  /** Tokens left today, as the server last said. */
  readonly left: number;
  /** When the server said so (epoch ms). */
  readonly observedAt: number;
}

export interface OperationSpend {
  readonly requests: number;
  readonly tokens: number;
}

/** One operation's running count; byOperation() hands out copies, so it can change in place. */
interface Spend {
  requests: number;
  tokens: number;
}

export class TokenMeter {
  private day: number;
  private spent = 0;
  private readonly perOperation = new Map<string, Spend>();
  private budgetValue: TokenBudget | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {
    this.day = Math.floor(now() / DAY_MS);
  }

  /**
   * One answered request: charges its route's cost and reads the budget headers. Refusals that
   * never reached the route cost nothing: 401 (no valid token), 410 (retired route) and 429 (over
   * the limit). Returns the tokens charged. `route` is the table's key when the caller knows it.
   */
  record(operation: string, method: string, path: string, status: number, header: (name: string) => string | null, route?: string): number {
    // This runs once per answered request: one clock read, and the counts change in place.
    const now = this.now();
    this.roll(now);
    const refused = status === 0 || status === 401 || status === 410 || status === 429;
    const cost = refused ? 0 : (route === undefined ? tokenCostOf(method, path) : TOKEN_COSTS.get(route)) ?? 0;
    this.spent += cost;
    const spend = this.perOperation.get(operation);
    if (spend) {
      spend.requests++;
      spend.tokens += cost;
    } else {
      this.perOperation.set(operation, { requests: 1, tokens: cost });
    }
    const limit = readCount(header('x-daily-token-limit'));
    const left = limit === undefined ? undefined : readCount(header('x-daily-tokens-left'));
    if (limit !== undefined && left !== undefined) this.budgetValue = { limit, left: Math.min(left, limit), observedAt: now };
    // A copy only when someone listens: a listener may dispose itself while being called.
    if (this.listeners.size > 0) for (const l of [...this.listeners]) l();
    return cost;
  }

  /** Tokens this client spent since UTC midnight. */
  get spentToday(): number {
    this.roll();
    return this.spent;
  }

  /** Requests and tokens per operation since UTC midnight. */
  byOperation(): ReadonlyMap<string, OperationSpend> {
    this.roll();
    const copy = new Map<string, OperationSpend>();
    for (const [operation, spend] of this.perOperation) copy.set(operation, { requests: spend.requests, tokens: spend.tokens });
    return copy;
  }

  /** The company's budget as the server last reported it today; undefined when it never said. */
  get budget(): TokenBudget | undefined {
    this.roll();
    return this.budgetValue;
  }

  /**
   * True when the server's last word leaves too little for `tokens` more, or less than `fraction`
   * of the day's budget. Unknown budget: false (nothing says it is low).
   */
  isLow(tokens = 0, fraction = 0.1): boolean {
    const b = this.budget;
    if (!b) return false;
    return b.left < tokens || b.left < b.limit * fraction;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A new UTC day: the spend and the last budget word start over, as Pipedrive's budget does. */
  private roll(now = this.now()): void {
    const day = Math.floor(now / DAY_MS);
    if (day === this.day) return;
    this.day = day;
    this.spent = 0;
    this.perOperation.clear();
    this.budgetValue = undefined;
  }
}

/** A budget header's count: headerNumber's number, and only a finite one of at least 0. */
function readCount(value: string | null): number | undefined {
  const n = headerNumber(value);
  return n !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined;
}
