import * as vscode from 'vscode';

export const VIEW_ID = 'pipedrive.organizations';

/**
 * Runs a task with progress and a Cancel button; the task gets an AbortSignal tied to the
 * CancellationToken, to pass to the client. `where: 'view'` shows the bar in the Organizations view.
 */
export function withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>, where: 'view' | 'notification' = 'notification'): Promise<T> {
  const location = where === 'view' ? { viewId: VIEW_ID } : vscode.ProgressLocation.Notification;
  return Promise.resolve(
    vscode.window.withProgress({ location, title, cancellable: where === 'notification' }, async (_progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal);
      } finally {
        sub.dispose();
      }
    }),
  );
}
