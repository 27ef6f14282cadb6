// node-fetch 2 reads `Url.URL || whatwgUrl.URL`: on Node (always has `url.URL`) the `whatwg-url`
// polyfill is dead code, yet bundling it drags in tr46's ~260 KB Unicode tables. esbuild aliases
// `whatwg-url` to this module (see esbuild.js) so the bundle keeps only Node's own URL.
export { URL } from 'node:url';
