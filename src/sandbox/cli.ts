// `node out/src/sandbox/cli.js [--port N] [--size N] [--seed N] [--token T] [--latency MS]
//   [--retire-v1 [410|404]] [--fault '<json Fault>']...` — runs the sandbox until SIGINT/SIGTERM.
import { startSandbox } from './server';
import { Fault, SandboxOptions } from './types';

export function parseArgs(argv: string[]): SandboxOptions {
  const opts: SandboxOptions = { port: 0, faults: [] };
  const faults = opts.faults!;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = next();
      if (!/^\d+$/.test(v)) throw new Error(`${a} needs a non-negative integer, got "${v}"`);
      return Number(v);
    };
    switch (a) {
      case '--port': opts.port = int(); break;
      case '--size': opts.size = int(); break;
      case '--seed': opts.seed = int(); break;
      case '--token': opts.token = next(); break;
      case '--host': opts.host = next(); break;
      case '--latency': faults.push({ kind: 'latency', ms: int() }); break;
      case '--retire-v1': {
        const v = argv[i + 1];
        const status = v === '404' || v === '410' ? (i++, Number(v) as 404 | 410) : 410;
        faults.push({ kind: 'retire-v1', status });
        break;
      }
      case '--fault': faults.push(JSON.parse(next()) as Fault); break;
      case '--help':
        throw new Error('usage: cli.js [--port N] [--size N] [--seed N] [--token T] [--latency MS] [--retire-v1 [410|404]] [--fault JSON]...');
      default: throw new Error(`Unknown option ${a}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: SandboxOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox(opts);
  process.stdout.write(`Pipedrive sandbox listening on ${sandbox.url}\n`);
  process.stdout.write(`admin token (user 1):   ${sandbox.token}\n`);
  process.stdout.write(`regular user token (2): ${sandbox.regularUserToken}\n`);
  const stop = (): void => {
    sandbox.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
