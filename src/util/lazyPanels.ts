// The Details and Flow panels behind a stand-in that activation can create cheaply: the panel code
// (src/webviews, dist/lazy.js) loads when a panel first opens or is restored after a reload. The
// serializers are registered at activation, as VS Code needs them then (onWebviewPanel events).
import * as vscode from 'vscode';
import { DETAILS_VIEW_TYPE } from '../webviews/details/protocol';
import { FLOW_VIEW_TYPE } from '../webviews/flow/protocol';
import type { PanelDeps } from '../webviews/PanelDeps';
import type { Panels } from '../webviews/registerPanels';
import { lazyModules } from './lazy';

type RealPanels = Panels & { adoptDetails(p: vscode.WebviewPanel, id: number): void; adoptFlow(p: vscode.WebviewPanel, id: number): void };

/** Like registerPanels (src/webviews/registerPanels.ts), with the panels created on first use. */
export function registerLazyPanels(context: vscode.ExtensionContext, deps: PanelDeps): Panels {
  let real: RealPanels | undefined;
  const panels = (): RealPanels => (real ??= lazyModules().createPanels(context.extensionUri, deps) as RealPanels);
  // The same restore rules as registerPanels' serializers: a state without an organization id is
  // dropped with a warning; a good one gets its options back and joins the panel map.
  const restore = (kind: 'Details' | 'Flow') => ({
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const m = lazyModules();
      const parsed = kind === 'Details' ? m.parseDetailsState(state) : m.parseFlowState(state);
      if (!parsed) {
        deps.log.warn(`Could not restore a ${kind} panel: no organization id in its state.`);
        panel.dispose();
        return;
      }
      panel.webview.options = m.webviewOptions(context.extensionUri);
      if (kind === 'Details') panels().adoptDetails(panel, parsed.orgId);
      else panels().adoptFlow(panel, parsed.orgId);
    },
  });
  const stand: Panels = {
    openDetails: (orgId, options) => panels().openDetails(orgId, options),
    openFlow: (orgId, options) => panels().openFlow(orgId, options),
    get details() {
      return panels().details;
    },
    get flow() {
      return panels().flow;
    },
    get headers() {
      return panels().headers;
    },
    // Nothing is cached before the panels exist.
    clearCaches: () => real?.clearCaches(),
    // No panel was ever opened: nothing to load just to close.
    closeAll: () => real?.closeAll(),
    dispose: () => real?.dispose(),
  };
  context.subscriptions.push(
    stand,
    vscode.window.registerWebviewPanelSerializer(DETAILS_VIEW_TYPE, restore('Details')),
    vscode.window.registerWebviewPanelSerializer(FLOW_VIEW_TYPE, restore('Flow')),
  );
  return stand;
}
