import type * as vscode from 'vscode';

/** Open panels keyed by organization id; a closed panel leaves the map by itself. */
export class PanelMap<P extends { readonly orgId: number; readonly onDidDispose: vscode.Event<void>; dispose(): void }> {
  private readonly panels = new Map<number, P>();

  get(orgId: number): P | undefined {
    return this.panels.get(orgId);
  }

  get size(): number {
    return this.panels.size;
  }

  values(): P[] {
    return [...this.panels.values()];
  }

  add(panel: P): P {
    this.panels.get(panel.orgId)?.dispose();
    this.panels.set(panel.orgId, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(panel.orgId) === panel) this.panels.delete(panel.orgId);
    });
    return panel;
  }

  /** The panel now shows another organization (a preview panel moved on): its entry moves too. */
  rekey(panel: P, oldId: number): void {
    if (this.panels.get(oldId) === panel) this.panels.delete(oldId);
    this.panels.set(panel.orgId, panel);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}
