// Error classification shared by the command boundary and the tree. No vscode import: errors from
// other bundles (tests) are recognised by shape, not by instanceof.
import { t } from './l10n';

/** Thrown when the person closes a prompt (Escape) or presses Back at the first step. */
export class UserCancelledError extends Error {
  readonly isUserCancelled = true;
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'UserCancelledError';
  }
}

/** True for user escape, an aborted request, or vscode.CancellationError: all are silent. */
export function isCancellation(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const x = e as { isUserCancelled?: unknown; name?: unknown; kind?: unknown; message?: unknown };
  if (x.isUserCancelled === true) return true;
  if (x.name === 'UserCancelledError' || x.name === 'AbortError') return true;
  if (x.name === 'PipedriveError' && x.kind === 'aborted') return true;
  // vscode.CancellationError has name 'Canceled' and message 'Canceled'.
  return x.name === 'Canceled' || (x.name === 'Error' && x.message === 'Canceled');
}

/** The message for a person: short, without stack. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/** The details for the output channel: kind, status, operation, stack. */
export function errorDetails(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const x = e as Error & { kind?: string; status?: number; operation?: string; route?: string; attempts?: number; field?: string };
  const facts = [
    x.kind && `kind=${x.kind}`,
    x.status !== undefined && `status=${x.status}`,
    x.operation && `operation=${x.operation}`,
    x.route && `route=${x.route}`,
    x.attempts !== undefined && `attempts=${x.attempts}`,
    x.field && `field=${x.field}`,
  ].filter(Boolean);
  return `${facts.length ? facts.join(' ') + '\n' : ''}${e.stack ?? e.message}`;
}

/** Kind of a PipedriveError (by shape), or undefined. */
export function errorKind(e: unknown): string | undefined {
  const x = e as { name?: unknown; kind?: unknown } | undefined;
  return x && x.name === 'PipedriveError' && typeof x.kind === 'string' ? x.kind : undefined;
}

/**
 * A few words for a tree row: what kind of failure, with the HTTP status when there is one. The
 * whole message goes in the row's tooltip.
 */
export function shortReason(e: unknown): string {
  const x = e as { kind?: unknown; status?: unknown } | undefined;
  const status = typeof x?.status === 'number' ? x.status : undefined;
  switch (errorKind(e)) {
    case 'server': return status === undefined ? t('Pipedrive error') : t('Pipedrive error ({0})', status);
    case 'network': return t('Pipedrive unreachable');
    case 'timeout': return t('Pipedrive is not answering');
    case 'permission': return status === undefined ? t('Not allowed') : t('Not allowed ({0})', status);
    case 'rate-limit': return t('Rate limit reached');
    case 'auth': return t('Sign in again');
    case 'aborted': return t('Cancelled');
    default: return status === undefined ? t('Loading failed') : t('Loading failed ({0})', status);
  }
}
