// Request timeouts with one timer per transport instead of node-fetch's two per request.
//
// node-fetch's `timeout` option arms a timer when the socket is assigned and another while the body
// is read; creating and clearing them (and the 'socket' listener) was the largest single cost the
// client added to a small request in bench figure 1 (~5 % of a details request). Here each request
// is an entry in a set; one unref'd timer, armed for the earliest deadline, destroys the requests
// that ran past theirs. It stays armed when a request ends early and re-arms when it fires, so the
// common path (a request that answers in time) touches no timer at all. The live requests are a
// linked list through the watches themselves: adding and ending one allocates nothing more.
import type * as http from 'node:http';

/** One watched request: its deadline, and the node:http request once the agent has it. */
export interface Watch {
  /** When the request started (the watchdog's clock, wall time): its caller times it from here. */
  readonly started: number;
  readonly deadline: number;
  req: http.ClientRequest | undefined;
  /** Set when the watchdog ended the request: its failure is a timeout, whatever node-fetch says. */
  timedOut: boolean;
  /** Neighbours in the watchdog's list of live requests (null at either end, or once ended). */
  prev: Watch | null;
  next: Watch | null;
}

/** What a timed-out request is destroyed with (node-fetch wraps it; the transport reads Watch.timedOut). */
export class WatchdogTimeout extends Error {
  constructor() {
    super('request timed out');
    this.name = 'WatchdogTimeout';
  }
}

export class RequestWatchdog {
  /** The first live request; the rest follow through Watch.next. */
  private head: Watch | null = null;
  /** The request being started: the agent's addRequest hands it its ClientRequest. */
  private starting: Watch | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedFor = Infinity;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Watches the request about to be created, with a deadline `timeoutMs` from now. Create it (as
   * node-fetch does, synchronously inside fetch()) and then call started(); end the watch when the
   * answer is read, or failed. Two calls rather than one taking a callback: no closure and no result
   * object on a path every request takes.
   */
  begin(timeoutMs: number): Watch {
    const started = this.now();
    const watch: Watch = { started, deadline: started + timeoutMs, req: undefined, timedOut: false, prev: null, next: this.head };
    if (this.head) this.head.prev = watch;
    this.head = watch;
    if (watch.deadline < this.armedFor) this.arm(watch.deadline);
    this.starting = watch;
    return watch;
  }

  /** The request of the last begin() exists (or failed to): later requests are not its own. */
  started(): void {
    this.starting = undefined;
  }

  end(watch: Watch): void {
    if (this.starting === watch) this.starting = undefined;
    if (watch.prev) watch.prev.next = watch.next;
    else if (this.head === watch) this.head = watch.next;
    else return; // already ended
    if (watch.next) watch.next.prev = watch.prev;
    watch.prev = watch.next = null;
  }

  /** Called by the agent for every request it is given. */
  adopt(req: http.ClientRequest): void {
    if (this.starting && !this.starting.req) this.starting.req = req;
  }

  /** Wraps an agent so that the requests it is given are known to this watchdog. */
  hook<A extends http.Agent>(agent: A): A {
    // addRequest is how every ClientRequest reaches its agent (node:http calls it from the
    // ClientRequest constructor, synchronously); it is not in @types/node.
    // A plain function with .call, not a bound one: it runs once per request.
    const a = agent as A & { addRequest(this: A, req: http.ClientRequest, options: unknown): void };
    const original = a.addRequest;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const watchdog = this;
    a.addRequest = function (req, options) {
      watchdog.adopt(req);
      original.call(this, req, options);
    };
    return agent;
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - this.now()));
    // Never keeps the process (or the extension host's shutdown) waiting.
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    let next = Infinity;
    for (let w = this.head; w; ) {
      const after = w.next;
      if (w.deadline <= now) {
        this.end(w);
        w.timedOut = true;
        w.req?.destroy(new WatchdogTimeout());
      } else if (w.deadline < next) next = w.deadline;
      w = after;
    }
    if (next < Infinity) this.arm(next);
  }
}
