// How the in-host bench (inHost.ts, in the extension host) asks the workbench side
// (figures/vscode.ts, which drives Chromium) to scroll the flow webview and measure it: a request
// file and an answer file beside the results file. No vscode import: both sides load it.

/** What the workbench side measured while scrolling the flow webview. */
export interface ScrollMeasure {
  /** requestAnimationFrame intervals while scrolling by `stepPx` per frame. */
  frameMs: number[];
  stepPx: number;
  /** performance.memory.usedJSHeapSize of the webview after scrolling (Chromium), MB. */
  heapMb: number | null;
  /** Item rows in the DOM after scrolling. */
  inDom: number;
  scrolledPx: number;
}

export const scrollRequestFile = (resultsFile: string) => `${resultsFile}.scroll-request.json`;
export const scrollResultFile = (resultsFile: string) => `${resultsFile}.scroll-result.json`;
