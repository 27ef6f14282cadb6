// Where things live. Compiled to out/test/harness/, so the repository root is three levels up.
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Ignored by git: code-server's own install (its own package.json, not the project's). */
export const CACHE_DIR = path.join(ROOT, '.cache');
/** Ignored by git: screenshots, logs and results of the last runs, one folder per layer. */
export const ARTIFACTS_DIR = path.join(ROOT, 'test-artifacts');

/** The extension's identifier, as `vscode.extensions.getExtension` takes it. */
export const EXTENSION_ID = 'pipedrive-orgs.pipedrive-organizations';
