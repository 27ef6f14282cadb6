// Figure 2: a walk of every organization of a 100,000-organization sandbox at limit 500, through
// each client, each in a child process of its own (so its memory is the walker's alone) against
// one sandbox process. Requests come from the sandbox's log, not from the walker's own count.
import { fork } from 'child_process';
import * as http from 'http';
import { PipedriveClient } from '../../src/api';
import { startSandboxProcess } from '../lib/sandboxProcess';
import { round } from '../lib/stats';
import { MemoryPeaks } from '../lib/memoryPeaks';
import { iterate } from '../../src/api/pages';

export type Walker = 'raw' | 'ours' | 'official';

interface WalkArgs {
  walker: Walker;
  url: string;
  token: string;
  limit: number;
}

/** What a walker process reports. The walk keeps only a count and the last id (it streams). */
interface WalkReport {
  organizations: number;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  heapBeforeMb: number;
}

export interface WalkResult extends WalkReport {
  walker: Walker;
  /** API requests the sandbox logged during the walk. */
  requests: number;
  statuses: Record<string, number>;
}

export interface WalkFigure {
  size: number;
  limit: number;
  route: string;
  walks: WalkResult[];
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

async function walkIn(args: WalkArgs): Promise<WalkReport> {
  const peaks = new MemoryPeaks();
  const before = peaks.before;
  const sample = () => peaks.sample();
  let organizations = 0;
  const t0 = process.hrtime.bigint();
  if (args.walker === 'ours') {
    const client = new PipedriveClient({ token: args.token, baseUrl: args.url });
    for await (const org of iterate(({ cursor }) => client.v2.listOrganizationsV2({ limit: args.limit, cursor }))) {
      if (org.id) organizations++;
    }
    client.dispose();
  } else if (args.walker === 'official') {
     
    const pd = require('pipedrive') as typeof import('pipedrive');
    const api = new pd.v2.OrganizationsApi(new pd.v2.Configuration({ apiKey: args.token, basePath: `${args.url}/api/v2` }));
    let cursor: string | undefined;
    do {
      const page = await api.getOrganizations({ limit: args.limit, ...(cursor ? { cursor } : {}) });
      for (const org of page.data ?? []) if (org.id) organizations++;
      cursor = page.additional_data?.next_cursor ?? undefined;
      sample();
    } while (cursor);
  } else {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const base = new URL(args.url);
    let cursor: string | undefined;
    do {
      const q = new URLSearchParams({ limit: String(args.limit), ...(cursor ? { cursor } : {}) });
      const body = await new Promise<{ data: { id: number }[]; additional_data?: { next_cursor?: string | null } }>((resolve, reject) => {
        http
          .get({ host: base.hostname, port: base.port, path: `/api/v2/organizations?${q}`, agent, headers: { 'x-api-token': args.token } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`status ${res.statusCode}`))));
          })
          .on('error', reject);
      });
      for (const org of body.data) if (org.id) organizations++;
      cursor = body.additional_data?.next_cursor ?? undefined;
      sample();
    } while (cursor);
    agent.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  peaks.stop();
  // maxRSS (KiB) is the kernel's high-water mark, which catches peaks between samples.
  const maxRss = Math.max(peaks.rss, process.resourceUsage().maxRSS * 1024);
  return {
    organizations,
    seconds: round(seconds, 3),
    rssBeforeMb: mb(before.rss),
    heapBeforeMb: mb(before.heapUsed),
    peakRssMb: mb(maxRss),
    peakHeapUsedMb: mb(peaks.heap),
  };
}

function runWalker(args: WalkArgs): Promise<WalkReport> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [JSON.stringify(args)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as WalkReport));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${args.walker} walker exited with ${code}`))));
  });
}

export async function runWalkFigure(opts: { size: number; limit?: number; walkers?: Walker[]; log?: (s: string) => void }): Promise<WalkFigure> {
  const limit = opts.limit ?? 500;
  const log = opts.log ?? (() => undefined);
  const sb = await startSandboxProcess({ size: opts.size, seed: 1 });
  const walks: WalkResult[] = [];
  try {
    // One walk first, not counted: the sandbox's first pass over 100k organizations (JIT, lazy
    // structures) would otherwise be charged to whichever client walks first.
    await runWalker({ walker: 'raw', url: sb.url, token: sb.token, limit });
    for (const walker of opts.walkers ?? (['ours', 'official', 'raw'] as Walker[])) {
      await sb.clearLog();
      const report = await runWalker({ walker, url: sb.url, token: sb.token, limit });
      const entries = (await sb.log()).filter((e) => e.path.startsWith('/api/') || e.path.startsWith('/v1/'));
      const statuses: Record<string, number> = {};
      for (const e of entries) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
      walks.push({ walker, ...report, requests: entries.length, statuses });
      log(`  walk (${walker}): ${report.organizations} organizations, ${entries.length} requests, ${report.seconds} s, peak RSS ${report.peakRssMb} MB`);
    }
  } finally {
    await sb.stop();
  }
  return { size: opts.size, limit, route: 'GET /api/v2/organizations?limit=500&cursor=… (our client: iterate over listOrganizationsV2)', walks };
}

if (require.main === module) {
  const args = JSON.parse(process.argv[2]) as WalkArgs;
  walkIn(args).then(
    (r) => process.send!(r, () => process.exit(0)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
