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
  const contexts = [
    sandbox,
    await esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      // node-fetch's fallback URL polyfill is never used on Node; see src/shims/whatwgUrl.ts.
      alias: { 'whatwg-url': './src/shims/whatwgUrl.ts' },
    }),
  ];
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
