// The logic of a search-as-you-type QuickPick, without vscode so unit tests can drive it: terms
// are searched after a quiet period (debounce), a newer term aborts the request of the older one
// (AbortController) and its late answer is ignored, and terms a rule refuses (too short) show a
// hint instead of a request. Items known locally (the index) show on the keystroke, marked
// `partial` until the search answers; the answer (Pipedrive's ranking, all fields) then replaces them.

export type SearchState<T> =
  | { kind: 'hint'; message: string }
  | { kind: 'busy'; term: string }
  | { kind: 'results'; term: string; exactMatch: boolean; items: readonly T[]; partial?: boolean }
  | { kind: 'error'; term: string; error: unknown };

export interface SearchSessionOptions<T> {
  /** Called with a signal that aborts when a newer term (or dispose) replaces this one. */
  search(term: string, exactMatch: boolean, signal: AbortSignal): Promise<readonly T[]>;
  /** Why this term is not searched (e.g. too short), or undefined to search it. */
  checkTerm?(term: string, exactMatch: boolean): string | undefined;
  /** Items known without a request, shown at once (see SearchPickOptions.local). */
  local?(term: string, exactMatch: boolean): readonly T[] | undefined;
  debounceMs?: number;
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

export const DEFAULT_DEBOUNCE_MS = 250;

const realTimers = {
  set: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class SearchSession<T> {
  private term = '';
  private exact = false;
  private timer: unknown;
  private inFlight: AbortController | undefined;
  private seq = 0;
  private readonly timers: NonNullable<SearchSessionOptions<T>['timers']>;

  constructor(
    private readonly options: SearchSessionOptions<T>,
    private readonly onState: (state: SearchState<T>) => void,
  ) {
    this.timers = options.timers ?? realTimers;
  }

  get exactMatch(): boolean {
    return this.exact;
  }

  get currentTerm(): string {
    return this.term;
  }

  /** The person typed: search `term` after the quiet period. */
  setTerm(term: string): void {
    this.term = term;
    this.schedule(this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  /** The exact-match toggle: searches the current term again at once. */
  setExactMatch(exact: boolean): void {
    this.exact = exact;
    this.schedule(0);
  }

  dispose(): void {
    this.cancel();
    this.seq++;
  }

  private cancel(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private schedule(delay: number): void {
    this.cancel();
    const mine = ++this.seq;
    const term = this.term;
    const exact = this.exact;
    const hint = this.options.checkTerm?.(term, exact);
    if (hint !== undefined) {
      this.onState({ kind: 'hint', message: hint });
      return;
    }
    const local = this.options.local?.(term, exact);
    if (local && local.length > 0) this.onState({ kind: 'results', term, exactMatch: exact, items: local, partial: true });
    else this.onState({ kind: 'busy', term });
    const run = () => {
      this.timer = undefined;
      const controller = new AbortController();
      this.inFlight = controller;
      this.options.search(term, exact, controller.signal).then(
        (items) => {
          if (mine !== this.seq || controller.signal.aborted) return;
          this.inFlight = undefined;
          this.onState({ kind: 'results', term, exactMatch: exact, items });
        },
        (error: unknown) => {
          if (mine !== this.seq || controller.signal.aborted) return;
          this.inFlight = undefined;
          this.onState({ kind: 'error', term, error });
        },
      );
    };
    if (delay <= 0) run();
    else this.timer = this.timers.set(run, delay);
  }
}
