// Loads a CommonJS bundle as `require` would, but with V8's code cache. Compiling the ~210 KB
// extension bundle took about 5 ms of every activation (node's wrapSafe in a fresh host's CPU
// profile); from the cache it takes under 1 ms. The cache is written once, after activation has
// run, so it also holds the functions activation compiled. Knows nothing of `vscode`.
//
// V8 checks a cache against its own version and flags and a checksum of the data, but against the
// source only by its length, so the file name carries what identifies the bundle: its size and
// modification time (a new extension version is a new file), and the V8 version and architecture.
// A cache V8 rejects, or one that cannot be read, costs one normal compile, and is written again.
import * as fs from 'fs';
import Module = require('module');
import * as path from 'path';
import * as vm from 'vm';

export interface CodeCacheLoad<T> {
  exports: T;
  /** V8 took the cached code (nothing was compiled from source). */
  fromCache: boolean;
  /** Writes the cache when there was none to take (call when the work worth caching has run). */
  save(): Promise<void>;
}

/** The cache file of `file` (as it is now) in `dir`. */
export function cacheFileOf(file: string, dir: string): string {
  const stat = fs.statSync(file);
  const v8 = process.versions.v8.replace(/[^\w.-]/g, '_');
  return path.join(dir, `${path.basename(file)}-${stat.size}-${Math.round(stat.mtimeMs)}-${v8}-${process.arch}.cache`);
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

interface ModuleInternals {
  _nodeModulePaths(dir: string): string[];
}

/**
 * Runs `file` (a CommonJS module) once, registered in `require.cache` under its path, so a later
 * `require` of it (lazy.js reads extension.js's registry that way) gets these same exports. Its own
 * `require` is node's for that path: VS Code answers `require('vscode')` by the requiring file.
 */
export function loadWithCodeCache<T>(modulePath: string, cacheDir: string | undefined): CodeCacheLoad<T> {
  // require keys its cache by the real path: an extension folder reached through a symlink must
  // not load a second copy when lazy.js requires extension.js.
  const file = fs.realpathSync(modulePath);
  const loaded = require.cache[file];
  if (loaded?.loaded) return { exports: loaded.exports as T, fromCache: false, save: async () => undefined };
  const source = fs.readFileSync(file, 'utf8');
  // A dynamic import() in a vm.Script needs a loader callback node 20 cannot lend from its own
  // loader: such a module (even a false alarm in a string) is left to require, without a cache.
  if (source.includes('import(')) return { exports: require(file) as T, fromCache: false, save: async () => undefined };
  const cacheFile = cacheDir ? cacheFileOf(file, cacheDir) : undefined;
  const cachedData = cacheFile ? readOrUndefined(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  const run = script.runInThisContext({ displayErrors: true }) as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as ModuleInternals)._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod;
  try {
    run.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
  } catch (e) {
    delete require.cache[file];
    throw e;
  }

  let saved = fromCache || !cacheFile;
  const save = async (): Promise<void> => {
    if (saved || !cacheFile) return;
    saved = true;
    try {
      const data = script.createCachedData();
      await fs.promises.mkdir(path.dirname(cacheFile), { recursive: true });
      // Written aside and renamed: another window starting now reads the old file or the new one.
      const part = `${cacheFile}.${process.pid}.part`;
      await fs.promises.writeFile(part, data);
      await fs.promises.rename(part, cacheFile);
      // The caches of earlier versions of this bundle are of no use any more.
      const prefix = `${path.basename(file)}-`;
      for (const name of await fs.promises.readdir(path.dirname(cacheFile))) {
        if (name.startsWith(prefix) && name !== path.basename(cacheFile) && !name.endsWith('.part')) await fs.promises.rm(path.join(path.dirname(cacheFile), name), { force: true });
      }
    } catch {
      // A cache is an optimisation: a read-only or full disk only means the next start compiles.
    }
  };
  return { exports: mod.exports as T, fromCache, save };
}
