// Loads what activation does not need (command handlers, panels, export) on first use: one
// synchronous require of src/lazyModules.ts. esbuild.js builds that module into dist/lazy.js and
// points this require there; the modules both bundles use stay in dist/extension.js, so there is
// one instance of each (classes, caches). In tests compiled by tsc it is a plain require.
import type * as LazyModules from '../lazyModules';

let loaded: typeof LazyModules | undefined;

export function lazyModules(): typeof LazyModules {
  return (loaded ??= require('../lazyModules') as typeof LazyModules);
}
