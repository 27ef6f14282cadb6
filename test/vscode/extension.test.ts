import * as assert from 'assert';
import * as vscode from 'vscode';
import { sandboxInfo } from './sandbox';

const EXTENSION_ID = 'pipedrive-orgs.pipedrive-organizations';

describe('Extension', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('contributes the Pipedrive view container and the Organizations view', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const containers = manifest.contributes.viewsContainers.activitybar as { id: string }[];
    assert.ok(containers.some((c) => c.id === 'pipedrive'), 'no activity bar container "pipedrive"');
    const views = manifest.contributes.views.pipedrive as { id: string }[];
    assert.ok(views.some((v) => v.id === 'pipedrive.organizations'), 'no view "pipedrive.organizations"');
    // The workbench knows them too: it generates these commands for contributed containers and views.
    await vscode.commands.executeCommand('workbench.view.extension.pipedrive');
    await vscode.commands.executeCommand('pipedrive.organizations.focus');
  });

  it('reads the sandbox URL the harness configured from its settings', async () => {
    const { url, token } = sandboxInfo();
    assert.strictEqual(vscode.workspace.getConfiguration('pipedrive').get<string>('apiBaseUrl'), url);
    const res = await fetch(`${url}/__sandbox/info`);
    assert.strictEqual(res.status, 200);
    const info = (await res.json()) as { token: string };
    assert.strictEqual(info.token, token);
  });
});
