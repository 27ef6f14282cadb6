// The commands: every id (ids.ts) registered in one place, each behind the one error boundary.
// Handlers live one per concern in this folder and take the CommandContext first; arguments VS Code
// passes (a tree node, the selection) follow. The table of handlers (commandTable.ts) is loaded on
// the first command, not at activation (issue 14.3): activation registers the ids only.
import * as vscode from 'vscode';
import type { CommandContext } from './CommandContext';
import { withErrorBoundary } from './errorBoundary';
import { COMMAND_IDS, type CommandArgs, type CommandId } from './ids';
import { lazyModules } from '../util/lazy';

export type CommandHandler<K extends CommandId = CommandId> = (ctx: CommandContext, ...args: CommandArgs[K]) => unknown;

/** The type forces one handler per id in ids.ts, taking the arguments CommandArgs gives it. */
export type CommandTable = { readonly [K in CommandId]: CommandHandler<K> };

/** Each id's handler, read from the table when the command first runs. */
function deferredHandler(id: CommandId): CommandHandler {
  return (ctx, ...args) => (lazyModules().commandTable[id] as CommandHandler)(ctx, ...args);
}

/** Registers every command behind the error boundary; `table` (tests) instead of the lazy one. */
export function registerCommands(ctx: CommandContext, table?: CommandTable): vscode.Disposable[] {
  return COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, withErrorBoundary(id, table ? (table[id] as CommandHandler) : deferredHandler(id), ctx)));
}

/** Runs one of the extension's commands by id, with the arguments its handler takes. */
export function executeCommand<K extends CommandId>(id: K, ...args: CommandArgs[K]): Thenable<unknown> {
  return vscode.commands.executeCommand(id, ...args);
}
