// Wires the organization documents into VS Code: the pipedrive: file system (documents and their
// schema) and the read-only pipedrive-conflict: documents of a conflict diff. activate() calls it once.
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/CommandContext';
import { CONFLICT_SCHEME, SCHEME } from './documentPaths';
import { OrganizationFileSystem } from './OrganizationFileSystem';
import { t } from '../util/l10n';

/** The documents of each command context (one per activation), for the command handler. */
const byContext = new WeakMap<CommandContext, OrganizationFileSystem>();

export function registerDocuments(context: vscode.ExtensionContext, ctx: CommandContext): OrganizationFileSystem {
  const documents = new OrganizationFileSystem(ctx);
  byContext.set(ctx, documents);
  context.subscriptions.push(
    documents,
    vscode.workspace.registerFileSystemProvider(SCHEME, documents, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(CONFLICT_SCHEME, documents),
  );
  return documents;
}

/** The documents registered for this context (registerDocuments runs in activate before any command). */
export function documentsOf(ctx: CommandContext): OrganizationFileSystem {
  const documents = byContext.get(ctx);
  if (!documents) throw new Error(t('Organization documents are not available in this window.'));
  return documents;
}
