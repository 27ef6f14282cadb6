// Timers a test advances by hand (no sleeping), and a flush of pending promise callbacks.

/** Timers the test advances by hand: no sleeping. */
export class FakeTimers {
  now = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  set = (fn: () => void, ms: number) => {
    const id = ++this.ids;
    this.queue.push({ at: this.now + ms, fn, id });
    return id;
  };
  clear = (id: unknown) => {
    this.queue = this.queue.filter((t) => t.id !== id);
  };
  advance(ms: number): void {
    this.now += ms;
    const due = this.queue.filter((t) => t.at <= this.now);
    this.queue = this.queue.filter((t) => t.at > this.now);
    due.forEach((t) => t.fn());
  }
}

export const flush = () => new Promise<void>((r) => setImmediate(r));
