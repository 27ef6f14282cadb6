import { PipedriveError } from './PipedriveError';

/** One organization a bulk delete could not delete, and why. */
export interface DeleteFailure {
  readonly id: number;
  readonly error: PipedriveError;
}

/**
 * A bulk delete where some organizations were deleted and some were not. v2 has no bulk route, so
 * each id is its own request: callers must remove `deleted` from every view at once (they are gone
 * in Pipedrive) and report `failed` one by one, instead of treating the whole batch as failed.
 */
export class PartialDeleteError extends PipedriveError {
  constructor(
    operation: string,
    readonly deleted: readonly number[],
    readonly failed: readonly DeleteFailure[],
  ) {
    const first = failed[0]?.error;
    super({
      kind: first?.kind ?? 'server',
      status: first?.status,
      error: first?.error,
      errorInfo: first?.errorInfo,
      errorCode: first?.errorCode,
      operation,
      attempts: first?.attempts,
      uncertain: failed.some((f) => f.error.uncertain),
      message:
        `Deleted ${deleted.length} of ${deleted.length + failed.length} organizations; ${failed.length} could not be deleted` +
        (first ? `: ${first.message}` : '.'),
    });
    this.name = 'PartialDeleteError';
  }
}

export function isPartialDeleteError(e: unknown): e is PartialDeleteError {
  return e instanceof PartialDeleteError;
}
