// What package.json's `main` points at: a few lines that load the extension bundle (dist/
// extension.js) with V8's code cache (util/codeCache.ts says why) and hand activation to it. The
// cache lives in the extension's global storage, per user; it is written once the first sign-in
// of a session has settled, so it also holds what that compiled (the client, the tree).
import type * as vscode from 'vscode';
import * as path from 'path';
import type * as Extension from './extension';
import { loadWithCodeCache } from './util/codeCache';

let extension: typeof Extension | undefined;

export function activate(context: vscode.ExtensionContext): Extension.PipedriveExtensionApi {
  const loaded = loadWithCodeCache<typeof Extension>(path.join(__dirname, 'extension.js'), path.join(context.globalStorageUri.fsPath, 'code-cache'));
  extension = loaded.exports;
  const api = extension.activate(context);
  // After the work worth caching, and off the path of anything the person waits for.
  const codeCacheWritten = api.ready.then(() => new Promise<void>((resolve) => setTimeout(() => void loaded.save().then(resolve), 2_000)));
  return Object.assign(api, { startup: { fromCodeCache: loaded.fromCache, codeCacheWritten } });
}

export function deactivate(): void {
  extension?.deactivate();
}
