// Figure 8: "Export Organizations…" of every organization of a 100,000-organization sandbox to CSV,
// from the server (GET /api/v2/organizations at limit 500, one page at a time) and from a ready local
// index (0 requests). Each case in a child process of its own, so its memory is the export's (and,
// for the index case, the index's) alone; requests come from the sandbox's log.
import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PipedriveClient, type OrganizationField } from '../../src/api';
import { exportColumns, indexedColumns } from '../../src/export/columns';
import { exportOrganizations } from '../../src/export/exporter';
import { fromIndex, fromServer } from '../../src/export/sources';
import { OrganizationIndex } from '../../src/model/orgIndex/OrganizationIndex';
import type { Row } from '../main';
import { startSandboxProcess } from '../lib/sandboxProcess';
import { round } from '../lib/stats';
import { MemoryPeaks } from '../lib/memoryPeaks';
import { iterate } from '../../src/api/pages';

export type ExportSource = 'server' | 'index';

interface CaseArgs {
  source: ExportSource;
  url: string;
  token: string;
}

/** What a case process reports. */
interface CaseReport {
  organizations: number;
  seconds: number;
  fileMb: number;
  rssBeforeMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
}

export interface ExportCase extends CaseReport {
  source: ExportSource;
  /** API requests the sandbox logged during the export (the index is built before, not counted). */
  requests: number;
}

export interface ExportFigure {
  size: number;
  cases: ExportCase[];
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
const SORT = 'name ASC';

/** In the child: prepares (fields; the index for the index case), waits for "go", exports, reports. */
async function runCase(args: CaseArgs): Promise<CaseReport> {
  const client = new PipedriveClient({ token: args.token, baseUrl: args.url });
  const fields: OrganizationField[] = [];
  for await (const f of iterate(({ start }) => client.listOrganizationFields({ limit: 500, start }))) fields.push(f);
  let index: OrganizationIndex | undefined;
  if (args.source === 'index') {
    index = new OrganizationIndex({ locale: 'en' });
    // As the extension's first sign-in fills it: v2 pages straight into the index.
    const page: unknown[] = [];
    for await (const org of iterate(({ cursor }) => client.v2.listOrganizationsV2({ limit: 500, cursor }))) {
      page.push(org);
      if (page.length === 500) index.upsert(page.splice(0) as never);
    }
    index.upsert(page as never);
    index.setReady(true);
    // The sorted list the export pages is built once, as the tree would have built it already.
    index.query({ sort: { keys: [{ field: 'name', direction: 'asc' }] }, start: 0, limit: 0 });
  }
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!('prepared');
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  const peaks = new MemoryPeaks();
  const before = peaks.before;
  const sample = () => peaks.sample();
  const t0 = process.hrtime.bigint();
  const all = exportColumns({ fields });
  const target = path.join(dir, 'organizations.csv');
  const source = index ? fromIndex(index, { sort: SORT }) : fromServer(client, { sort: SORT });
  const { count } = await exportOrganizations(source, { format: 'csv', columns: index ? indexedColumns(all) : all, target, onProgress: sample, progressEvery: 500 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  peaks.stop();
  const fileMb = mb(fs.statSync(target).size);
  fs.rmSync(dir, { recursive: true, force: true });
  client.dispose();
  // A kernel high-water mark would include the index build before the export; the samples do not.
  return { organizations: count, seconds: round(seconds, 3), fileMb, rssBeforeMb: mb(before.rss), peakRssMb: mb(peaks.rss), peakHeapUsedMb: mb(peaks.heap) };
}

function startCase(args: CaseArgs): { child: ChildProcess; prepared: Promise<void>; report: Promise<CaseReport> } {
  const child = fork(__filename, [JSON.stringify(args)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let onPrepared!: () => void;
  const prepared = new Promise<void>((resolve) => (onPrepared = resolve));
  const report = new Promise<CaseReport>((resolve, reject) => {
    child.on('message', (m) => (m === 'prepared' ? onPrepared() : resolve(m as CaseReport)));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${args.source} export exited with ${code}`))));
  });
  return { child, prepared, report };
}

export async function runExportFigure(opts: { size: number; log?: (s: string) => void }): Promise<ExportFigure> {
  const log = opts.log ?? (() => undefined);
  const sb = await startSandboxProcess({ size: opts.size, seed: 1, apiMode: 'current' });
  const cases: ExportCase[] = [];
  try {
    // The index first: building it walks the sandbox once, so the server case does not pay the
    // sandbox's first pass over 100,000 organizations.
    for (const source of ['index', 'server'] as ExportSource[]) {
      const run = startCase({ source, url: sb.url, token: sb.token });
      await run.prepared;
      await sb.clearLog();
      run.child.send('go');
      const report = await run.report;
      const requests = (await sb.log()).filter((e) => e.path.startsWith('/api/') || e.path.startsWith('/v1/')).length;
      cases.push({ source, requests, ...report });
      log(`  export from ${source}: ${report.organizations} organizations, ${requests} requests, ${report.seconds} s, ${report.fileMb} MB CSV, peak RSS ${report.peakRssMb} MB (before ${report.rssBeforeMb})`);
    }
  } finally {
    await sb.stop();
  }
  return { size: opts.size, cases };
}

/** The rows of the report's table. */
export function exportRows(f: ExportFigure | undefined, notMeasured: string): Row[] {
  if (!f) return [{ figure: '8', metric: 'export of all organizations to CSV', measured: notMeasured, target: '≤ 200 requests from the server, 0 from the index', pass: null }];
  return f.cases.map((c) => {
    const goal = c.source === 'server' ? Math.min(200, Math.ceil(f.size / 500)) : 0;
    return {
      figure: '8',
      metric: `export of ${f.size.toLocaleString('en')} organizations to CSV from the ${c.source === 'server' ? 'server (limit 500)' : 'local index'}: requests; RSS the export adds`,
      // What the export adds to the extension host's memory: the host's own baseline (and, for the
      // index case, the index it already holds) is there with or without an export.
      measured: `${c.requests}; ${round(c.peakRssMb - c.rssBeforeMb, 1)} MB`,
      target: `${c.source === 'server' ? '≤ 200' : '0'}; ≤ 100 MB`,
      pass: c.organizations === f.size && c.requests <= goal && c.peakRssMb - c.rssBeforeMb <= 100,
      note: `${c.seconds} s, ${c.fileMb} MB file; RSS ${c.rssBeforeMb} MB before (after gc) and ${c.peakRssMb} MB at the peak, peak heap ${c.peakHeapUsedMb} MB (a process of its own; ${c.source === 'index' ? 'the 100,000-record index held before it starts' : 'one page of 500 held at a time'})`,
    };
  });
}

if (require.main === module) {
  const args = JSON.parse(process.argv[2]) as CaseArgs;
  runCase(args).then(
    (r) => process.send!(r, () => process.exit(0)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
