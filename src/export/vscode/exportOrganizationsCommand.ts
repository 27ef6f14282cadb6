// "Export Organizations…" (pipedrive.exportOrganizations): from a letter's or an organization's
// context menu, the view title or the palette. Decides the source (the local index when it can
// answer alone, else the server one page at a time), asks through UserInput, writes with progress
// and Cancel, and offers to open the file. Errors go to the command table's error boundary.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandContext } from '../../commands/CommandContext';
import { organizationsOfSelection } from '../../commands/organizationTarget';
import { selectedOrganizations } from '../../commands/selection';
import type { TreeNode } from '../../tree/nodes';
import { exportOrganizations, type ExportResult } from '../exporter';
import { openExport, planExport } from '../exportPlan';
import { askFile, askFormat, askWhat, defaultFileName, exportTitle, organizationCount, selectedCount, type ExportTarget } from '../exportPrompts';
import { formatNumber, t } from '../../util/l10n';

/** For callers that cancel without the notification's Cancel button (another command, a test). */
export interface ExportRunOptions {
  readonly signal?: AbortSignal;
}

/** The command handler: `node`/`nodes` are what VS Code passes from the tree's context menu. */
export async function exportOrganizationsCommand(ctx: CommandContext, node?: TreeNode, nodes?: readonly TreeNode[], run: ExportRunOptions = {}): Promise<ExportResult> {
  const client = ctx.requireClient();
  const ui = ctx.ui();
  const scope = ctx.store.scope;
  const index = ctx.index();
  const target = targetOfNode(ctx, node, nodes) ?? (await askWhat(ui, whatChoices(ctx)));
  const plan = await planExport(target, { ...scope, sort: ctx.store.sort }, index, ui);
  const format = await askFormat(ui);
  const file = await askFile(ui, path.join(defaultFolder(), defaultFileName(target, format)), format);

  const result = await withCountProgress(t('{0}: {1}', exportTitle(), describe(target, scope)), run.signal, async (signal, report) => {
    const fields = await ctx.session.organizationFields(signal);
    // Owner names usually come with the records; the users list only fills gaps, so it may fail.
    const users = await ctx.session.users(signal).catch((e: unknown) => {
      if (signal.aborted) throw e;
      return undefined;
    });
    const known = (id: number) => ctx.store.summaryOf(id)?.record;
    const { rows, columns, total } = openExport(plan, { client, index, fields, users, known, signal });
    return exportOrganizations(rows, {
      format,
      columns,
      target: file,
      signal,
      progressEvery: 100,
      onProgress: (n) => report(total === undefined ? organizationCount(n) : t('{0} of {1}', formatNumber(n), organizationCount(total))),
    });
  });

  ctx.log.info(`Exported ${result.count} organizations (${plan.source === 'index' ? 'local index' : plan.source}) to ${file}`);
  // Not awaited: the command ends while the notification stays.
  const openFile = t('Open File');
  void ui.showInformationMessage(t('Exported {0} to {1}.', organizationCount(result.count), path.basename(file)), openFile).then(async (action) => {
    if (action === openFile) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
  }).then(undefined, (e: unknown) => ctx.log.error(`Opening ${file} failed: ${String(e)}`));
  return result;
}

/** A letter node exports its letter; an organization node the selection it belongs to. */
function targetOfNode(ctx: CommandContext, node: TreeNode | undefined, nodes: readonly TreeNode[] | undefined): ExportTarget | undefined {
  if (node?.type === 'letter') return { kind: 'letter', group: node.letter };
  if (node?.type === 'organization') return { kind: 'selection', ids: organizationsOfSelection(ctx, node, nodes).map((o) => o.id) };
  return undefined;
}

function whatChoices(ctx: CommandContext) {
  const scope = ctx.store.scope;
  const index = ctx.index();
  const letters = index?.ready ? index.groups(scope.ownerId).map((g) => ({ key: g.key, count: g.count })) : ctx.store.letters.map((key) => ({ key }));
  return { scope: scopeText(scope), selected: selectedOrganizations(ctx), letters };
}

function scopeText(scope: CommandContext['store']['scope']): string | undefined {
  const parts = [
    scope.ownerId !== undefined ? t('Owner: {0}', scope.ownerName ?? t('user {0}', scope.ownerId)) : undefined,
    scope.filterId !== undefined ? t('Filter: {0}', scope.filterName ?? `#${scope.filterId}`) : undefined,
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : undefined;
}

function describe(target: ExportTarget, scope: CommandContext['store']['scope']): string {
  switch (target.kind) {
    case 'letter':
      return t('letter {0}', target.group);
    case 'scope':
      return scopeText(scope) ?? t('current scope');
    case 'selection':
      return selectedCount(target.ids.length);
    case 'everything':
      return t('all organizations');
  }
}

/** The first local workspace folder, else the home folder. */
function defaultFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath ?? os.homedir();
}

/**
 * A cancellable notification whose message is the running count. The task's signal aborts on the
 * notification's Cancel or on the caller's signal.
 */
function withCountProgress<T>(title: string, outer: AbortSignal | undefined, task: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const abort = () => controller.abort();
      const sub = token.onCancellationRequested(abort);
      if (outer?.aborted) abort();
      outer?.addEventListener('abort', abort, { once: true });
      try {
        return await task(controller.signal, (message) => progress.report({ message }));
      } finally {
        sub.dispose();
        outer?.removeEventListener('abort', abort);
      }
    }),
  );
}
