// The last header each Details panel read, per organization, so a closed panel opens again without
// a request. Bounded (least recently used out); an entry goes when the store reports the
// organization changed, and everything goes when the sign-in changes. No vscode here.
import type { HeaderView } from './protocol';

export class HeaderCache {
  private readonly entries = new Map<number, HeaderView>();
  /** Bumped by every invalidation: a read that started before one must not store its answer. */
  private epoch = 0;

  constructor(readonly capacity = 50) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached header (and marks it recently used). */
  get(orgId: number): HeaderView | undefined {
    const header = this.entries.get(orgId);
    if (header) {
      this.entries.delete(orgId);
      this.entries.set(orgId, header);
    }
    return header;
  }

  /** A token to pass to set(): taken before the read starts. */
  get version(): number {
    return this.epoch;
  }

  /** Stores a header read since `version` (ignored when something was invalidated meanwhile). */
  set(orgId: number, header: HeaderView, version: number): void {
    if (version !== this.epoch) return;
    this.entries.delete(orgId);
    this.entries.set(orgId, header);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as number);
  }

  delete(orgId: number): void {
    this.epoch++;
    this.entries.delete(orgId);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }
}
