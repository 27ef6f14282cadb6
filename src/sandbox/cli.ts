// `npm run sandbox -- [options]` (dist/sandbox.js, bundled by `node esbuild.js --sandbox-only`):
// runs the Pipedrive-compatible sandbox until SIGINT/SIGTERM. `--help` lists every option, fault
// and control route; the fault list is generated from FAULT_DOCS so it cannot drift from the type.
import { CONTROL_ROUTES } from './control';
import { FAULT_DOCS, FAULT_KINDS } from './faultDocs';
import { DEFAULT_ADMIN_TOKEN, DEFAULT_REGULAR_TOKEN, startSandbox } from './server';
import { CLI_DAILY_TOKEN_BUDGET, Fault, SandboxOptions } from './types';

export interface CliOptions extends SandboxOptions {
  help?: boolean;
}

const OPTIONS: [flag: string, what: string][] = [
  ['--port N', 'port to listen on (default 0 = a free port; the URL is printed)'],
  ['--host H', 'address to bind (default 127.0.0.1; control routes answer loopback callers only)'],
  ['--size N', 'number of seeded organizations (default 3000; the benchmark uses 100000)'],
  ['--seed N', 'PRNG seed of the data (default 1); the fixture ids 1-15 are the same for every seed'],
  ['--token T', `the admin user's API token (default ${DEFAULT_ADMIN_TOKEN})`],
  ['--legacy-v1', 'serve the v1 organization routes Pipedrive removed (default: answer them 404 "Unknown method ." as Pipedrive does today)'],
  ['--daily-budget N', `the company's daily token budget (default ${CLI_DAILY_TOKEN_BUDGET} = 30000 x 3 seats; 0 = unlimited)`],
  ['--latency MS', 'delay every response by MS (same as --fault \'{"kind":"latency","ms":MS}\')'],
  ['--retire-v1 [410|404]', 'the removed v1 routes answer 410 Gone (default) or 404, also with --legacy-v1'],
  ['--fault JSON', 'add a fault (repeatable); see "Faults" below'],
  ['--help, -h', 'print this help and exit'],
];

export function helpText(): string {
  const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(1, n - s.length));
  const lines: string[] = [
    'Pipedrive-compatible sandbox: a local HTTP server that answers like Pipedrive\'s organization API,',
    'over seeded, deterministic data. Prints its URL and both API tokens; Ctrl+C stops it.',
    '',
    'Usage: npm run sandbox -- [options]        (or: node dist/sandbox.js [options])',
    '',
    'Options:',
    ...OPTIONS.map(([f, w]) => `  ${pad(f, 24)}${w}`),
    '',
    'Tokens: send `x-api-token: T` or `Authorization: Bearer T`. Admin (user 1): --token or the default above;',
    `regular user (user 2, no admin rights): ${DEFAULT_REGULAR_TOKEN}. A token in the query string is 401.`,
    '',
    'Token budget: every request costs its operation\'s x-token-cost (test/fixtures/pipedrive/TOKEN-COSTS.md).',
    'Every answer carries x-daily-token-limit and x-daily-tokens-left (when a budget is set) and the burst',
    'headers x-ratelimit-limit/-remaining/-reset. A spent budget answers 429 with retry-after = seconds to',
    'the next UTC midnight and x-daily-requests-left: 0.',
    '',
    'Faults (--fault JSON, or POST /__sandbox/faults). Every fault but retire-v1 also takes',
    '  "match": {"method": "GET", "path": "/v1/organizations"}   (path: a substring, or a regex when it starts with ^)',
    '  "times": N                                                (applies to the next N matching requests, then ends)',
    ...FAULT_KINDS.flatMap((k) => [`  ${pad(k, 16)}${FAULT_DOCS[k].what}`, `  ${' '.repeat(16)}${JSON.stringify(FAULT_DOCS[k].example)}`]),
    '',
    'Log and control routes (loopback only, no token, JSON):',
    ...CONTROL_ROUTES.map(([r, w]) => `  ${pad(r, 30)}${w}`),
    'A GET with the header "x-sandbox-fixture: 1" reaches the removed v1 routes in today\'s mode too,',
    'uncharged: tests read their expectations through it while the extension meets today\'s API.',
    '',
    'Examples:',
    '  npm run sandbox                                          # current API, port chosen by the system',
    '  npm run sandbox -- --port 8123 --size 100000 --seed 2     # a big account on a fixed port',
    '  npm run sandbox -- --legacy-v1                            # the seed\'s v1 routes still served',
    '  npm run sandbox -- --daily-budget 500                     # watch the budget run out',
    '  npm run sandbox -- --fault \'{"kind":"status","status":503,"match":{"path":"^/api/v2/organizations$"},"times":2}\'',
    '  curl -s -H "x-api-token: $TOKEN" "$URL/api/v2/organizations?limit=2" -D -',
    '  curl -s "$URL/__sandbox/log" ; curl -s -X POST "$URL/__sandbox/budget/reset"',
    '  curl -s -X POST "$URL/__sandbox/faults" -d \'{"faults":[{"kind":"hang","times":1}]}\'',
  ];
  return lines.join('\n') + '\n';
}

/** Parses the command line; throws an Error with a one-line message on bad input. */
export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { port: 0, faults: [], apiMode: 'current', dailyTokenBudget: CLI_DAILY_TOKEN_BUDGET };
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
      case '--legacy-v1': opts.apiMode = 'legacy-v1'; break;
      case '--daily-budget': opts.dailyTokenBudget = int(); break;
      case '--latency': faults.push({ kind: 'latency', ms: int() }); break;
      case '--retire-v1': {
        const v = argv[i + 1];
        const status = v === '404' || v === '410' ? (i++, Number(v) as 404 | 410) : 410;
        faults.push({ kind: 'retire-v1', status });
        break;
      }
      case '--fault': {
        const text = next();
        let f: Fault;
        try { f = JSON.parse(text) as Fault; } catch { throw new Error(`--fault needs JSON, got ${text}`); }
        if (!f || !FAULT_KINDS.includes(f.kind)) throw new Error(`--fault kind must be one of ${FAULT_KINDS.join(', ')}`);
        faults.push(f);
        break;
      }
      case '--help': case '-h': opts.help = true; break;
      default: throw new Error(`Unknown option ${a}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}. Run with --help for the options.\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(helpText());
    process.exit(0);
  }
  const sandbox = await startSandbox(opts);
  const budget = sandbox.tokenBudget().limit;
  process.stdout.write(`Pipedrive sandbox listening on ${sandbox.url}\n`);
  process.stdout.write(`admin token (user 1):   ${sandbox.token}\n`);
  process.stdout.write(`regular user token (2): ${sandbox.regularUserToken}\n`);
  process.stdout.write(`API mode: ${sandbox.apiMode}; daily token budget: ${budget ?? 'unlimited'}; --help for options and control routes\n`);
  const stop = (): void => {
    sandbox.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
