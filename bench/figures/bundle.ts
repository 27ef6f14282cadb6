// Figure 5 (sizes): the production bundle of the extension against the official client, installed
// (its package folder, and with the packages it pulls in) and bundled by esbuild the same way.
import * as fs from 'fs';
import * as path from 'path';
import { buildProductionExtension, METAFILE, ROOT, WORK } from '../lib/build';

export interface BundleFigure {
  extensionBundleBytes: number;
  extensionBundleGzipBytes: number;
  officialPackageBytes: number;
  /** node_modules/pipedrive plus every package its dependencies pull in (as installed here). */
  officialInstalledWithDepsBytes: number;
  officialDependencyPackages: string[];
  /** esbuild --bundle --minify of `require('pipedrive')` for node. */
  officialBundleBytes: number;
  officialBundleGzipBytes: number;
  /** What fills the extension bundle: bytes in the output per source folder or package (esbuild metafile). */
  extensionBundleTop: { input: string; bytes: number }[];
  /** dist/lazy.js: what loads on first use, not at activation (issue 14.3); absent in older builds. */
  lazyBundleBytes?: number;
  lazyBundleGzipBytes?: number;
  lazyBundleTop?: { input: string; bytes: number }[];
  /** dist/boot.js: package.json's main, which loads extension.js with V8's code cache; absent in older builds. */
  bootBundleBytes?: number;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += dirBytes(p);
    else if (e.isFile()) total += fs.statSync(p).size;
  }
  return total;
}

/** Where a package is installed, looked up like node does from `fromDir`. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let d = fromDir; ; d = path.dirname(d)) {
    const p = path.join(d, 'node_modules', name);
    if (fs.existsSync(path.join(p, 'package.json'))) return p;
    if (path.dirname(d) === d) return undefined;
  }
}

function dependencyClosure(rootPkg: string): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [rootPkg];
  while (queue.length) {
    const dir = queue.shift()!;
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      const at = packageDir(dep, dir);
      if (!at || seen.has(at)) continue;
      seen.set(at, dep);
      queue.push(at);
    }
  }
  return seen;
}

const gzip = (file: string) => require('zlib').gzipSync(fs.readFileSync(file), { level: 9 }).length as number;

export async function runBundleFigure(): Promise<BundleFigure> {
  const bundle = buildProductionExtension();
  const official = path.join(ROOT, 'node_modules', 'pipedrive');
  const deps = dependencyClosure(official);
  const officialOut = path.join(WORK, 'official-bundle', 'pipedrive.js');
   
  const esbuild = require('esbuild') as typeof import('esbuild');
  await esbuild.build({
    stdin: { contents: "module.exports = require('pipedrive');", resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: officialOut,
    logLevel: 'silent',
  });
  // What the bytes are: esbuild's metafile of that same build (recorded by the preload in build.ts).
  const meta = fs.existsSync(METAFILE) ? { metafile: JSON.parse(fs.readFileSync(METAFILE, 'utf8')) as import('esbuild').Metafile } : { metafile: { inputs: {}, outputs: {} } };
  const topOf = (outFile: string) => {
    const byGroup = new Map<string, number>();
    for (const [name, out] of Object.entries(meta.metafile.outputs)) {
      if (!name.endsWith(outFile)) continue;
      for (const [input, info] of Object.entries(out.inputs)) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
        const group = m ? `node_modules/${m[1]}` : path.dirname(input.replace(/^(\.\.\/)+/, ''));
        byGroup.set(group, (byGroup.get(group) ?? 0) + info.bytesInOutput);
      }
    }
    return [...byGroup].map(([input, bytes]) => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 10);
  };
  const extensionBundleTop = topOf('dist/extension.js');
  const lazy = path.join(path.dirname(bundle), 'lazy.js');
  const lazyParts = fs.existsSync(lazy) ? { lazyBundleBytes: fs.statSync(lazy).size, lazyBundleGzipBytes: gzip(lazy), lazyBundleTop: topOf('dist/lazy.js') } : {};
  const boot = path.join(path.dirname(bundle), 'boot.js');
  return {
    ...(fs.existsSync(boot) ? { bootBundleBytes: fs.statSync(boot).size } : {}),
    extensionBundleTop,
    extensionBundleBytes: fs.statSync(bundle).size,
    extensionBundleGzipBytes: gzip(bundle),
    officialPackageBytes: dirBytes(official),
    officialInstalledWithDepsBytes: dirBytes(official) + [...deps.keys()].reduce((s, d) => s + dirBytes(d), 0),
    officialDependencyPackages: [...new Set(deps.values())].sort(),
    officialBundleBytes: fs.statSync(officialOut).size,
    officialBundleGzipBytes: gzip(officialOut),
    ...lazyParts,
  };
}
