// Everything loaded on first use rather than at activation (issue 14.3): the command handlers (and
// through them the prompts, export and the JSON documents' commands) and the webview panels.
// Built into dist/lazy.js by esbuild.js; loaded by src/util/lazy.ts. Export only what the
// activation side calls.
export { commandTable } from './commands/commandTable';
export { runPanelAction } from './commands/openPanels';
export { createPanels } from './webviews/registerPanels';
export { webviewOptions } from './webviews/PanelHost';
export { parseDetailsState, DETAILS_VIEW_TYPE } from './webviews/details/protocol';
export { parseFlowState, FLOW_VIEW_TYPE } from './webviews/flow/protocol';
