// Builds the extension host bundle (node, cjs), the webview scripts (browser, iife) and the sandbox
// CLI (dist/sandbox.js, node, cjs; not shipped: .vscodeignore lists only what the .vsix holds).
// `--production` minifies with external source maps (release); `--watch` rebuilds on change;
// `--sandbox-only` builds just dist/sandbox.js (what `npm run sandbox` runs, so it starts without tsc).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const sandboxOnly = process.argv.includes('--sandbox-only');

/** Every `media/*.ts` file that is not a shared module becomes `dist/media/<name>.js`. */
function webviewEntries() {
  const dir = path.join(__dirname, 'media');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .map((f) => path.join('media', f));
}

/** Logs build results in the problem-matcher format that VS Code's esbuild watch tasks expect. */
const reporter = {
  name: 'reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

// Activation loads dist/extension.js only; what it does not need (command handlers, panels, export:
// src/lazyModules.ts) is dist/lazy.js, required on first use (src/util/lazy.ts). A module both
// need lives in extension.js alone: lazy.js reads it from extension.js's `__shared` registry, so
// classes and module state exist once. Three builds: extension.js to learn its modules, lazy.js with
// those modules left to the registry, then extension.js again exporting the ones lazy.js uses.
const LAZY_OUT = './lazy.js';
const EXTENSION_OUT = './extension.js';

/** In extension.js, the require of src/lazyModules.ts stays a require of dist/lazy.js. */
const lazyExternal = {
  name: 'lazy-external',
  setup(build) {
    build.onResolve({ filter: /\/lazyModules$/ }, () => ({ path: LAZY_OUT, external: true }));
  },
};

/**
 * Where every `import … from 'vscode'` goes (src/shims/vscodeApi.ts says why); it alone imports
 * VS Code. lazy.js bundles its own copy of it (one more copy of the API object, at first use): taken
 * from extension.js's registry, each of its importers would copy the registry's view again.
 */
const VSCODE_API = 'src/shims/vscodeApi.ts';
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'shims', 'vscodeApi.ts')) ? { path: 'vscode', external: true } : { path: path.join(__dirname, VSCODE_API) },
    );
  },
};

/** In lazy.js, a module extension.js holds is read from its registry instead of bundled again. */
function sharedFromExtension(inMain, used) {
  return {
    name: 'shared-from-extension',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.path === EXTENSION_OUT && args.namespace === 'shared') return { path: EXTENSION_OUT, external: true };
        if (args.pluginData?.inner || args.kind === 'entry-point' || args.path === 'vscode') return undefined;
        const r = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { inner: true } });
        if (r.errors.length > 0 || r.external) return undefined;
        const rel = path.relative(process.cwd(), r.path).split(path.sep).join('/');
        if (!inMain.has(rel)) return undefined;
        used.add(rel);
        return { path: rel, namespace: 'shared' };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({
        // An ES-module-shaped view of the registry entry (named and default imports both work).
        contents: [
          `var ns = require(${JSON.stringify(EXTENSION_OUT)}).__shared[${JSON.stringify(args.path)}];`,
          'Object.defineProperty(exports, "__esModule", { value: true });',
          'Object.keys(ns).forEach(function (k) { Object.defineProperty(exports, k, { enumerable: true, get: function () { return ns[k]; } }); });',
        ].join('\n'),
        loader: 'js',
        resolveDir: process.cwd(),
      }));
    },
  };
}

async function buildOnce(options) {
  const ctx = await esbuild.context(options);
  try {
    return await ctx.rebuild();
  } finally {
    await ctx.dispose();
  }
}

async function buildSplitExtension(options) {
  const main = { ...options, plugins: [...options.plugins, lazyExternal], outfile: 'dist/extension.js' };
  const first = await buildOnce({ ...main, entryPoints: ['src/extension.ts'], metafile: true });
  const inMain = new Set(Object.keys(first.metafile.inputs).filter((f) => /\.(ts|js|cjs|mjs)$/.test(f) && f !== 'src/extension.ts'));
  const used = new Set();
  await buildOnce({ ...options, entryPoints: ['src/lazyModules.ts'], outfile: 'dist/lazy.js', plugins: [...options.plugins, sharedFromExtension(inMain, used)] });
  const shared = [...used].sort();
  const entry = [
    "export { activate, deactivate } from './src/extension.ts';",
    ...shared.map((f, i) => `import * as m${i} from ${JSON.stringify('./' + f)};`),
    `export const __shared = { ${shared.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} };`,
  ].join('\n');
  await buildOnce({ ...main, stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: 'src/extension.entry.js', loader: 'js' } });
}

async function main() {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? 'external' : 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [reporter],
  };
  // The sandbox reads test/fixtures/pipedrive at run time (found from dist/ by walking up), so the
  // reference files are not bundled.
  const sandbox = await esbuild.context({
    ...common,
    // Quiet in --sandbox-only: `npm run sandbox` should print the sandbox's lines, not build chatter.
    plugins: sandboxOnly ? [] : common.plugins,
    entryPoints: ['src/sandbox/cli.ts'],
    outfile: 'dist/sandbox.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  });
  if (sandboxOnly) {
    const result = await sandbox.rebuild().catch((e) => e);
    await sandbox.dispose();
    for (const { text, location } of result.errors ?? []) {
      console.error(`✘ [ERROR] ${text}${location ? ` (${location.file}:${location.line}:${location.column})` : ''}`);
    }
    if ((result.errors ?? []).length > 0) process.exit(1);
    return;
  }
  const extensionOptions = {
    ...common,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, vscodeOnce],
    // node-fetch's fallback URL polyfill is never used on Node; see src/shims/whatwgUrl.ts.
    alias: { 'whatwg-url': './src/shims/whatwgUrl.ts' },
  };
  // package.json's main: loads dist/extension.js with V8's code cache (src/boot.ts). It must not
  // bundle the extension itself, only node's modules and the loader.
  const boot = await esbuild.context({
    ...common,
    entryPoints: ['src/boot.ts'],
    outfile: 'dist/boot.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  });
  const contexts = [sandbox, boot];
  if (watch) {
    // One bundle while developing: src/util/lazy.ts's require is bundled in (no split to keep in step).
    contexts.push(await esbuild.context({ ...extensionOptions, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' }));
  } else {
    await buildSplitExtension(extensionOptions);
  }
  const media = webviewEntries();
  if (media.length > 0) {
    contexts.push(
      await esbuild.context({
        ...common,
        entryPoints: media,
        outdir: 'dist/media',
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
      }),
    );
  }
  // Static webview assets (CSS) are copied next to the scripts so localResourceRoots can be dist/media alone.
  const copyCss = () => {
    const dir = path.join(__dirname, 'media');
    if (!fs.existsSync(dir)) return;
    fs.mkdirSync(path.join(__dirname, 'dist', 'media'), { recursive: true });
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.css'))) {
      fs.copyFileSync(path.join(dir, f), path.join(__dirname, 'dist', 'media', f));
    }
    const codicons = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
    if (fs.existsSync(codicons)) {
      for (const f of ['codicon.css', 'codicon.ttf']) {
        fs.copyFileSync(path.join(codicons, f), path.join(__dirname, 'dist', 'media', f));
      }
    }
  };
  if (watch) {
    copyCss();
    await Promise.all(contexts.map((c) => c.watch()));
  } else {
    const results = await Promise.all(contexts.map((c) => c.rebuild()));
    await Promise.all(contexts.map((c) => c.dispose()));
    copyCss();
    if (results.some((r) => r.errors.length > 0)) process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
