// The production build, made by the project's own esbuild.js, but into bench/.work/ext so it never
// races the tests' builds of dist/. That folder is also the extension the benchmark's VS Code loads
// (package.json, resources and the production dist/), so figures 3–6 measure what ships.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// Compiled to bench/.work/out/bench/lib/: the repository is five levels up.
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
export const WORK = path.join(ROOT, 'bench', '.work');
export const EXT_DIR = path.join(WORK, 'ext');
/** esbuild's metafile of the production extension bundle, written by the build. */
export const METAFILE = path.join(WORK, 'extension-metafile.json');

/** Builds with `node esbuild.js --production` in a mirror of the repository; returns the bundle path. */
export function buildProductionExtension(): string {
  fs.rmSync(EXT_DIR, { recursive: true, force: true });
  fs.rmSync(METAFILE, { force: true });
  fs.mkdirSync(EXT_DIR, { recursive: true });
  // esbuild.js resolves its entries against the working directory and media/ against its own folder.
  for (const dir of ['src', 'media', 'node_modules']) fs.symlinkSync(path.join(ROOT, dir), path.join(EXT_DIR, dir), 'dir');
  fs.copyFileSync(path.join(ROOT, 'esbuild.js'), path.join(EXT_DIR, 'esbuild.js'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(EXT_DIR, 'package.json'));
  // The manifest's %keys% and the message bundles: without them the workbench shows keys, not words.
  for (const f of fs.readdirSync(ROOT).filter((n) => /^package\.nls(\.[\w-]+)?\.json$/.test(n))) fs.copyFileSync(path.join(ROOT, f), path.join(EXT_DIR, f));
  if (fs.existsSync(path.join(ROOT, 'l10n'))) fs.cpSync(path.join(ROOT, 'l10n'), path.join(EXT_DIR, 'l10n'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'resources'), path.join(EXT_DIR, 'resources'), { recursive: true });
  if (fs.existsSync(path.join(ROOT, 'tsconfig.json'))) fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(EXT_DIR, 'tsconfig.json'));
  // The preload records esbuild's metafile of this very build (what fills the bundle).
  execFileSync(process.execPath, ['-r', path.join(__dirname, 'esbuildMetafile.js'), 'esbuild.js', '--production'], {
    cwd: EXT_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_METAFILE: METAFILE },
  });
  // The extension host must not see the symlinked sources as part of the extension.
  for (const dir of ['src', 'media', 'node_modules']) fs.unlinkSync(path.join(EXT_DIR, dir));
  return path.join(EXT_DIR, 'dist', 'extension.js');
}
