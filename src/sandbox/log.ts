// The request log tests read to prove what the client sent (e.g. that a POST was not repeated).
import { RequestLogEntry } from './types';

export class RequestLog {
  private seq = 0;
  readonly entries: RequestLogEntry[] = [];
  private waiters: { test: (e: RequestLogEntry) => boolean; resolve: (e: RequestLogEntry) => void }[] = [];

  /** Lets tests wait on a request reaching the server (e.g. a hang) instead of sleeping. */
  waitFor(test: (e: RequestLogEntry) => boolean): Promise<RequestLogEntry> {
    const found = this.entries.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  add(entry: Omit<RequestLogEntry, 'seq' | 'at'>): RequestLogEntry {
    const e: RequestLogEntry = { seq: ++this.seq, at: Date.now(), ...entry };
    this.entries.push(e);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(e)) return true;
      w.resolve(e);
      return false;
    });
    return e;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
