// Preloaded (`node -r`) into the project's own `esbuild.js`: asks esbuild for a metafile on every
// build context and writes the extension bundle's to $BENCH_METAFILE, so the bench can say what
// fills dist/extension.js (and dist/lazy.js) without copying the build options (they change; this follows them).
import * as fs from 'fs';
import Module = require('module');

const target = process.env.BENCH_METAFILE;
type Esbuild = typeof import('esbuild');
const originalLoad = (Module as unknown as { _load: (req: string, parent: unknown, isMain: boolean) => unknown })._load;
let patched: Esbuild | undefined;
const merged: import('esbuild').Metafile = { inputs: {}, outputs: {} };
(Module as unknown as { _load: typeof originalLoad })._load = function (request, parent, isMain) {
  const mod = originalLoad.call(this, request, parent, isMain) as Esbuild;
  if (request !== 'esbuild' || !target) return mod;
  if (patched) return patched;
  patched = {
    ...mod,
    context: async (options: Parameters<Esbuild['context']>[0]) => {
      const ctx = await mod.context({ ...options, metafile: true });
      const rebuild = ctx.rebuild.bind(ctx);
      ctx.rebuild = async () => {
        const result = await rebuild();
        // The extension is built in parts (dist/extension.js, dist/lazy.js; extension.js twice):
        // one metafile with the last build of each part.
        for (const [name, out] of Object.entries(result.metafile?.outputs ?? {})) {
          if (!/dist\/(extension|lazy)\.js$/.test(name)) continue;
          merged.outputs[name] = out;
          Object.assign(merged.inputs, result.metafile?.inputs ?? {});
          fs.writeFileSync(target, JSON.stringify(merged));
        }
        return result;
      };
      return ctx;
    },
  } as Esbuild;
  return patched;
};
