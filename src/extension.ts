import * as vscode from 'vscode';

/**
 * Entry point. Builds the API client, the organization store, the tree and the panels, and registers
 * the command table. (Grows with the tree and webview work; kept small on purpose.)
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Pipedrive', { log: true });
  context.subscriptions.push(output);
  output.info('Pipedrive Organizations activated');
}

export function deactivate(): void {
  // Nothing to flush: every resource is owned by context.subscriptions.
}
