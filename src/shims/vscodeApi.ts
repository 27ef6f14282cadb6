// Every `import * as vscode from 'vscode'` in the bundles resolves to this module (esbuild.js's
// `vscodeOnce` plugin). Without it esbuild gives each importing file its own `__toESM(require(
// "vscode"))`, which copies every property of VS Code's API object (hundreds of getters) once per
// file: 15 copies took about 5 ms of activation in a fresh extension host. Through this module the
// API object is copied once, and lazy.js reads this same module from extension.js.
export * from 'vscode';
