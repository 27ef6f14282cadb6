// The integration surface of the panels: the extension calls registerPanels() once in activate()
// and wires its commands to openDetails / openFlow.
import * as vscode from 'vscode';
import { PlainUserHolder, SessionCatalog } from '../model/SessionCatalog';
import { DisplayNamesCache } from './displayNamesCache';
import { DetailsPanel } from './details/DetailsPanel';
import { HeaderCache } from './details/HeaderCache';
import { DETAILS_VIEW_TYPE, parseDetailsState } from './details/protocol';
import { FlowPanel } from './flow/FlowPanel';
import { FLOW_VIEW_TYPE, parseFlowState } from './flow/protocol';
import type { PanelDeps } from './PanelDeps';
import { PanelMap } from './PanelMap';
import { webviewOptions } from './PanelHost';

export type { OrganizationAction, OrganizationChangeEvent, PanelDeps, PanelLog } from './PanelDeps';
export { DETAILS_VIEW_TYPE } from './details/protocol';
export { FLOW_VIEW_TYPE } from './flow/protocol';
export { DetailsPanel } from './details/DetailsPanel';
export { FlowPanel } from './flow/FlowPanel';
export { orgIdFromArg } from './orgIdFromArg';

/**
 * `preview`: opened the way VS Code opens a preview editor (a click in the tree). With
 * `workbench.editor.enablePreview` on, it shows in the preview panel of its kind, if one is open
 * and the person has not worked in it yet: that panel's live webview moves to the organization
 * (no webview to boot), like a preview editor is replaced by the next one.
 */
export interface OpenOptions {
  preview?: boolean;
}

export interface Panels extends vscode.Disposable {
  /** Opens (or reveals) the Details panel of an organization. */
  openDetails(orgId: number, options?: OpenOptions): DetailsPanel;
  /** Opens (or reveals) the Flow panel of an organization. */
  openFlow(orgId: number, options?: OpenOptions): FlowPanel;
  readonly details: PanelMap<DetailsPanel>;
  readonly flow: PanelMap<FlowPanel>;
  /**
   * Forget the cached organization headers (and the fields and users, when the panels keep their
   * own) — after a sign-in change.
   */
  clearCaches(): void;
  /** Closes every open Details and Flow panel (another account signed in: its records are another company's). */
  closeAll(): void;
  /** The last header read per organization: a closed panel opens again from it without a request. */
  readonly headers: HeaderCache;
}

/** Organizations whose last header the panels keep. */
const HEADER_CACHE_SIZE = 50;

function checkOrgId(orgId: unknown): number {
  // l10n-ignore: a programming error (ids come from the tree, links and commands, each checked before)
  if (typeof orgId !== 'number' || !Number.isSafeInteger(orgId) || orgId <= 0) throw new Error(`Not an organization id: ${String(orgId)}`);
  return orgId;
}

/** Whether VS Code opens editors as previews (the person's `workbench.editor.enablePreview`). */
function previewEnabled(): boolean {
  return vscode.workspace.getConfiguration('workbench.editor').get<boolean>('enablePreview', true) !== false;
}

/** Reveals the organization's panel, else moves the preview panel of the kind to it, else creates one. */
function open<P extends DetailsPanel | FlowPanel>(map: PanelMap<P>, id: number, options: OpenOptions | undefined, create: (id: number) => P): P {
  const existing = map.get(id);
  if (existing) {
    existing.reveal();
    return existing;
  }
  const preview = options?.preview === true && previewEnabled();
  const warm = preview ? map.values().find((p) => p.preview && !p.isDisposed) : undefined;
  if (warm) {
    const oldId = warm.orgId;
    warm.retarget(id);
    map.rekey(warm, oldId);
    warm.reveal();
    return warm;
  }
  const panel = map.add(create(id));
  panel.preview = preview;
  return panel;
}

/** The panels without the serializers (tests create their own set this way). */
export function createPanels(extensionUri: vscode.Uri, deps: PanelDeps): Panels {
  const session = deps.session ?? new SessionCatalog(new PlainUserHolder(), deps.getClient, (m) => deps.log.warn(m));
  const catalog = new DisplayNamesCache(session);
  const headers = new HeaderCache(HEADER_CACHE_SIZE);
  // Registered before any panel's own listener: the entry is gone before an open panel re-reads.
  const changes = deps.onDidChangeOrganization((e) => headers.delete(e.id));
  const details = new PanelMap<DetailsPanel>();
  const flow = new PanelMap<FlowPanel>();
  const detailsEnv = { extensionUri, deps, catalog, headers, openFlow: (id: number) => void panels.openFlow(id) };
  const flowEnv = { extensionUri, deps, catalog, openDetails: (id: number) => void panels.openDetails(id) };
  const panels: Panels & { adoptDetails(p: vscode.WebviewPanel, id: number): void; adoptFlow(p: vscode.WebviewPanel, id: number): void } = {
    details,
    flow,
    headers,
    openDetails(orgId, options) {
      return open(details, checkOrgId(orgId), options, (id) => DetailsPanel.create(detailsEnv, id));
    },
    openFlow(orgId, options) {
      return open(flow, checkOrgId(orgId), options, (id) => FlowPanel.create(flowEnv, id));
    },
    adoptDetails(p, id) {
      details.add(new DetailsPanel(p, id, detailsEnv));
    },
    adoptFlow(p, id) {
      flow.add(new FlowPanel(p, id, flowEnv));
    },
    clearCaches() {
      headers.clear();
      if (!deps.session) session.reset();
    },
    closeAll() {
      details.dispose();
      flow.dispose();
    },
    dispose() {
      changes.dispose();
      details.dispose();
      flow.dispose();
    },
  };
  return panels;
}

/**
 * Creates the panels and registers their serializers (so open panels come back after a window
 * reload). Call once from activate(); everything is disposed with the extension.
 */
export function registerPanels(context: vscode.ExtensionContext, deps: PanelDeps): Panels {
  const panels = createPanels(context.extensionUri, deps) as ReturnType<typeof createPanels> & {
    adoptDetails(p: vscode.WebviewPanel, id: number): void;
    adoptFlow(p: vscode.WebviewPanel, id: number): void;
  };
  const restore = (kind: string, parse: (s: unknown) => { orgId: number } | undefined, adopt: (p: vscode.WebviewPanel, id: number) => void) => ({
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const parsed = parse(state);
      if (!parsed) {
        deps.log.warn(`Could not restore a ${kind} panel: no organization id in its state.`);
        panel.dispose();
        return;
      }
      panel.webview.options = webviewOptions(context.extensionUri);
      adopt(panel, parsed.orgId);
    },
  });
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(DETAILS_VIEW_TYPE, restore('Details', parseDetailsState, (p, id) => panels.adoptDetails(p, id))),
    vscode.window.registerWebviewPanelSerializer(FLOW_VIEW_TYPE, restore('Flow', parseFlowState, (p, id) => panels.adoptFlow(p, id))),
  );
  return panels;
}
