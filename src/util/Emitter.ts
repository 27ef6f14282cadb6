// A tiny event emitter shaped like vscode.Event, so src/model can fire events without importing vscode.

export interface Disposable {
  dispose(): void;
}

/** Same call shape as vscode.Event: subscribe with a listener, get a Disposable back. */
export type Event<T> = (listener: (e: T) => void, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(e: T) => void>();

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs ? listener.bind(thisArgs) : listener;
    this.listeners.add(bound);
    const d = { dispose: () => this.listeners.delete(bound) };
    disposables?.push(d);
    return d;
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A failing listener must not stop the others (nor the store that fired).
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
