// The extension bundle is loaded with V8's code cache (src/util/codeCache.ts): the second start
// takes the cache, a changed or damaged cache costs one compile and is written again, and the
// module is the one `require` returns afterwards (lazy.js reads extension.js's registry that way).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cacheFileOf, loadWithCodeCache } from '../../../src/util/codeCache';

interface Bundle {
  counter: { runs: number };
  sum(a: number, b: number): number;
  dir: string;
  helper: string;
}

describe('code cache loader', () => {
  let dir: string;
  let file: string;
  let cacheDir: string;
  const counter = { runs: 0 };

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-')));
    file = path.join(dir, 'bundle.js');
    cacheDir = path.join(dir, 'storage', 'code-cache');
    fs.writeFileSync(path.join(dir, 'helper.js'), 'module.exports = "from the bundle\'s own folder";');
    fs.writeFileSync(
      file,
      [
        '"use strict";',
        'const counter = globalThis.__codeCacheTestCounter;',
        'counter.runs++;',
        'exports.counter = counter;',
        'exports.sum = (a, b) => a + b;',
        'exports.dir = __dirname;',
        'exports.helper = require("./helper.js");',
      ].join('\n'),
    );
    (globalThis as Record<string, unknown>).__codeCacheTestCounter = counter;
    counter.runs = 0;
  });

  afterEach(() => {
    delete require.cache[file];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A new start of the host, in a process of its own: in this one V8 would find the source in its
   * in-memory compilation cache and never look at the file.
   */
  const start = (): { fromCache: boolean; sum: number; version?: number } =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '-e',
          `globalThis.__codeCacheTestCounter = { runs: 0 };
           const l = require(${JSON.stringify(require.resolve('../../../src/util/codeCache'))}).loadWithCodeCache(process.argv[1], process.argv[2]);
           l.save().then(() => console.log(JSON.stringify({ fromCache: l.fromCache, sum: l.exports.sum(2, 2), version: l.exports.version })));`,
          file,
          cacheDir,
        ],
        { encoding: 'utf8' },
      ),
    );

  it('runs the module once like require, with its own require and __dirname, and registers it for require', () => {
    const first = loadWithCodeCache<Bundle>(file, cacheDir);
    assert.strictEqual(first.exports.sum(2, 3), 5);
    assert.strictEqual(first.exports.dir, dir);
    assert.strictEqual(first.exports.helper, "from the bundle's own folder");
    assert.strictEqual(require(file), first.exports, 'require returns the same module, not a second copy');
    assert.strictEqual(loadWithCodeCache<Bundle>(file, cacheDir).exports, first.exports);
    assert.strictEqual(counter.runs, 1);
  });

  it('the next start takes the cache the first wrote; a taken cache is not written again', async () => {
    const first = loadWithCodeCache<Bundle>(file, cacheDir);
    assert.strictEqual(first.fromCache, false);
    assert.ok(!fs.existsSync(cacheFileOf(file, cacheDir)), 'written only when asked, after activation');
    // (Not this process's cache: the test runner's V8 flags differ from a plain node's, and V8
    // rejects a cache made under other flags, as it would one from another VS Code version.)
    assert.deepStrictEqual(start(), { fromCache: false, sum: 4 });
    const written = fs.statSync(cacheFileOf(file, cacheDir));
    assert.ok(written.size > 0);
    assert.deepStrictEqual(start(), { fromCache: true, sum: 4 });
    assert.strictEqual(fs.statSync(cacheFileOf(file, cacheDir)).mtimeMs, written.mtimeMs);
  });

  it('a damaged cache costs one compile, the module still runs, and the cache is written again', () => {
    assert.deepStrictEqual(start(), { fromCache: false, sum: 4 });
    const cacheFile = cacheFileOf(file, cacheDir);
    const damaged = fs.readFileSync(cacheFile);
    damaged.fill(7, 0, 64);
    fs.writeFileSync(cacheFile, damaged);
    assert.deepStrictEqual(start(), { fromCache: false, sum: 4 }, 'V8 rejects it; the module runs from source');
    assert.deepStrictEqual(start(), { fromCache: true, sum: 4 }, 'and the rewritten cache is taken');
  });

  it('a new version of the bundle gets its own cache and the old one is removed', () => {
    start();
    const old = cacheFileOf(file, cacheDir);
    fs.appendFileSync(file, '\nexports.version = 2;');
    assert.deepStrictEqual(start(), { fromCache: false, sum: 4, version: 2 });
    assert.notStrictEqual(cacheFileOf(file, cacheDir), old);
    assert.deepStrictEqual(fs.readdirSync(cacheDir), [path.basename(cacheFileOf(file, cacheDir))]);
    assert.deepStrictEqual(start(), { fromCache: true, sum: 4, version: 2 });
  });

  it('a module that throws is not left registered, so the next attempt runs it again', () => {
    fs.writeFileSync(file, 'globalThis.__codeCacheTestCounter.runs++; throw new Error("boom");');
    assert.throws(() => loadWithCodeCache(file, cacheDir), /boom/);
    assert.strictEqual(require.cache[file], undefined);
    assert.throws(() => loadWithCodeCache(file, cacheDir), /boom/);
    assert.strictEqual(counter.runs, 2);
  });

  it('through a symlinked folder it registers the real path, as require does', () => {
    const link = path.join(os.tmpdir(), `code-cache-link-${process.pid}`);
    fs.rmSync(link, { force: true });
    fs.symlinkSync(dir, link, 'dir');
    try {
      const loaded = loadWithCodeCache<Bundle>(path.join(link, 'bundle.js'), cacheDir);
      assert.strictEqual(require(path.join(link, 'bundle.js')), loaded.exports);
      assert.strictEqual(counter.runs, 1);
    } finally {
      fs.rmSync(link, { force: true });
    }
  });

  it('a module with a dynamic import() is left to require (a vm.Script could not run it)', async () => {
    fs.appendFileSync(file, '\nexports.later = () => import("node:os");');
    const loaded = loadWithCodeCache<Bundle & { later(): Promise<typeof os> }>(file, cacheDir);
    assert.strictEqual((await loaded.exports.later()).platform(), os.platform());
    await loaded.save();
    assert.ok(!fs.existsSync(cacheDir), 'no cache for it');
  });

  it('an unwritable storage folder only means no cache', async () => {
    const blocked = path.join(dir, 'a-file');
    fs.writeFileSync(blocked, '');
    const loaded = loadWithCodeCache<Bundle>(file, path.join(blocked, 'code-cache'));
    await loaded.save();
    assert.strictEqual(loaded.exports.sum(1, 2), 3);
  });
});
