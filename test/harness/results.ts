// The result of one layer, as test/run.js prints and adds up.
export interface Failure {
  title: string;
  error: string;
}

export interface LayerResult {
  layer: string;
  passed: number;
  failed: number;
  pending: number;
  failures: Failure[];
  ms: number;
}

/** A layer that could not run at all counts as one failure named after what went wrong. */
export function setupFailure(layer: string, title: string, error: unknown, started: number): LayerResult {
  const text = error instanceof Error ? (error.constructor.name === 'HarnessSetupError' ? error.message : error.stack ?? error.message) : String(error);
  return { layer, passed: 0, failed: 1, pending: 0, failures: [{ title, error: text }], ms: Date.now() - started };
}
