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
  /** requestAnimationFrame intervals of the same page not scrolling (the display's own rhythm and jitter). */
  idleFrameMs?: number[];
  /** The webview's JS heap with only the first page shown (before the 20,000 items), MB. */
  heapBeforeMb?: number | null;
}

/** A request: scroll the webview showing `items` items, or (heap) only read its heap. */
export interface ScrollRequest {
  items: number;
  mode: 'scroll' | 'heap';
}

export const scrollRequestFile = (resultsFile: string) => `${resultsFile}.scroll-request.json`;
export const scrollResultFile = (resultsFile: string) => `${resultsFile}.scroll-result.json`;
