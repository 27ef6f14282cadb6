import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

// Localization inside VS Code (which runs in English here; German is proven by the unit layer's
// bundle checks): the manifest's %key% strings arrive resolved from package.nls.json, and
// vscode.l10n.t formats the host's messages as src/util/l10n.ts does.
const EXTENSION_ID = 'pipedrive-orgs.pipedrive-organizations';

describe('Localization', () => {
  it('shows the manifest in English: every %key% is resolved from package.nls.json', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const nls = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const manifest = extension.packageJSON as { displayName: string; contributes: { commands: { command: string; title: string; category: string }[]; views: { pipedrive: { name: string }[] } } };
    assert.strictEqual(manifest.displayName, nls.displayName);
    assert.strictEqual(manifest.contributes.views.pipedrive[0].name, 'Organizations');
    for (const c of manifest.contributes.commands) {
      assert.strictEqual(c.title, nls[`commands.${c.command}.title`], c.command);
      assert.strictEqual(c.category, 'Pipedrive', c.command);
    }
  });

  it('vscode.l10n.t formats a message of the bundle as the English default does', () => {
    assert.strictEqual(vscode.l10n.t('Delete the organization "{0}"?', 'Acme'), 'Delete the organization "Acme"?');
    assert.strictEqual(vscode.l10n.t('Deleted {0} of {1} organizations. Not deleted: {2}.', 2, 3, '"Beta"'), 'Deleted 2 of 3 organizations. Not deleted: "Beta".');
  });
});
