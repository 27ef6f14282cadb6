// The request log tests read to prove what the client sent (e.g. that a POST was not repeated).
import { RequestLogEntry } from './types';

export class RequestLog {
  private seq = 0;
  readonly entries: RequestLogEntry[] = [];

  add(entry: Omit<RequestLogEntry, 'seq' | 'at'>): RequestLogEntry {
    const e: RequestLogEntry = { seq: ++this.seq, at: Date.now(), ...entry };
    this.entries.push(e);
    return e;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
