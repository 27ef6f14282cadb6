// Reads that take no AbortSignal themselves (the shared catalog, sign-in readiness) still end for
// the panel when the person presses Cancel; the read itself goes on for its other users.

/** `p`, or a rejection as soon as `signal` aborts (reads that take no signal themselves). */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  // l10n-ignore: a cancellation is silent (isCancellation)
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    // l10n-ignore: a cancellation is silent (isCancellation)
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
