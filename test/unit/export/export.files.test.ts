// The exporter against the sandbox over loopback HTTP: rows written as pages arrive, one page held
// at a time, temp file then rename, and Cancel or a failure leaving the folder as it was.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PipedriveClient } from '../../../src/api/PipedriveClient';
import type { Organization, OrganizationField } from '../../../src/api';
import { OTHER_GROUP, inGroup } from '../../../src/api/firstChar';
import { exportColumns, indexedColumns } from '../../../src/export/columns';
import { exportOrganizations } from '../../../src/export/exporter';
import { canExportFromIndex, fromIds, fromIndex, fromServer } from '../../../src/export/sources';
import { OrganizationIndex } from '../../../src/model/orgIndex/OrganizationIndex';
import { CUSTOM_FIELDS } from '../../../src/sandbox/company';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { collect } from '../helpers/clientKit';
import { parseCsvFile } from './exportKit';
import { iterate } from '../../../src/api/pages';

const SIZE = 1200;

describe('export: exporter and sources against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let client: PipedriveClient;
  let dir: string;
  let fields: OrganizationField[];

  const listRequests = () => sandbox.log.filter((e) => e.method === 'GET' && e.path === '/v1/organizations');
  const files = () => fs.readdirSync(dir).sort();

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: SIZE, apiMode: 'legacy-v1' });
    client = new PipedriveClient({ token: sandbox.token, baseUrl: sandbox.url, retry: { maxAttempts: 1 }, pacing: { requestsPer2s: Infinity }, apiMode: 'legacy-v1' });
    fields = await collect(iterate(({ start }) => client.listOrganizationFields({ start })));
  });
  after(async () => {
    client.dispose();
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.reset();
    sandbox.clearLog();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`everything from the server: ${SIZE} rows in 3 requests of 500, each page read only after the previous one was written`, async () => {
    const target = path.join(dir, 'all.csv');
    const columns = exportColumns({ fields });
    // How many list requests had been made when each organization reached the file.
    const requestsAtRow: number[] = [];
    async function* watched(): AsyncGenerator<Organization> {
      for await (const org of fromServer(client, { sort: 'name ASC' })) {
        requestsAtRow.push(listRequests().length);
        yield org;
      }
    }
    const progress: number[] = [];
    const result = await exportOrganizations(watched(), { format: 'csv', columns, target, onProgress: (n) => progress.push(n), progressEvery: 500 });
    assert.equal(result.count, SIZE);
    assert.deepEqual(listRequests().map((e) => e.query.limit), ['500', '500', '500']);
    // Row k (0-based) was written when no more than floor(k / 500) + 1 pages had been requested.
    requestsAtRow.forEach((n, k) => assert.ok(n <= Math.floor(k / 500) + 1, `row ${k} written after ${n} page requests`));
    assert.deepEqual(progress, [500, 1000, 1200]);
    const rows = parseCsvFile(fs.readFileSync(target, 'utf8'));
    assert.deepEqual(rows[0], columns.map((c) => c.name));
    assert.equal(rows.length, SIZE + 1);
    assert.equal(new Set(rows.slice(1).map((r) => r[0])).size, SIZE);
    assert.deepEqual(files(), ['all.csv']);
  });

  it('a letter: the rows are the sandbox list for first_char, custom fields by name with option labels', async () => {
    const target = path.join(dir, 'a.csv');
    const columns = exportColumns({ fields });
    await exportOrganizations(fromServer(client, { group: 'A', sort: 'name ASC' }), { format: 'csv', columns, target });
    const expected = await collect(iterate(({ start }) => client.listOrganizations({ first_char: 'a', sort: 'name ASC', start })));
    assert.ok(expected.length >= 10, `only ${expected.length} organizations to compare`);
    const rows = parseCsvFile(fs.readFileSync(target, 'utf8'));
    const header = rows[0];
    const body = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    assert.deepEqual(body.map((r) => Number(r['ID'])), expected.map((o) => o.id));
    const tier = CUSTOM_FIELDS.find((f) => f.name === 'Tier')!;
    const regions = CUSTOM_FIELDS.find((f) => f.name === 'Regions')!;
    const labelOf = (f: typeof tier, id: string) => f.options!.find((o) => String(o.id) === id)!.label;
    let withTier = 0;
    expected.forEach((o, i) => {
      assert.equal(body[i]['Name'], o.name);
      assert.equal(body[i]['Owner'], o.owner_name);
      const t = o[tier.key] as string | null;
      assert.equal(body[i]['Tier'], t ? labelOf(tier, t) : '');
      if (t) withTier++;
      const r = o[regions.key] as string | null;
      assert.equal(body[i]['Regions'], r ? r.split(',').map((id) => labelOf(regions, id)).join('; ') : '');
    });
    assert.ok(withTier > 0, 'no organization of the letter has a Tier to check');
    assert.ok(!header.some((h) => /^[0-9a-f]{40}/.test(h)));
  });

  it('the owner scope and a saved filter go to the server as user_id and filter_id', async () => {
    const columns = exportColumns({ fields });
    await exportOrganizations(fromServer(client, { group: 'B', ownerId: 3, sort: 'name ASC' }), { format: 'csv', columns, target: path.join(dir, 'b.csv') });
    await exportOrganizations(fromServer(client, { filterId: 2, sort: 'name ASC' }), { format: 'jsonl', columns, target: path.join(dir, 'f.jsonl') });
    assert.deepEqual(listRequests().map((e) => [e.query.first_char, e.query.user_id, e.query.filter_id]), [['b', '3', undefined], [undefined, undefined, '2']]);
    const filtered = fs.readFileSync(path.join(dir, 'f.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(filtered.length > 0 && filtered.every((r) => (r['Labels'] as string[]).includes('Customer')), 'filter 2 is "Label: Customer"');
  });

  it('the Other group from the server: names starting with a symbol, read through the whole list', async () => {
    const target = path.join(dir, 'other.jsonl');
    await exportOrganizations(fromServer(client, { group: OTHER_GROUP, sort: 'name ASC' }), { format: 'jsonl', columns: exportColumns({ fields }), target });
    const rows = fs.readFileSync(target, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(rows.some((r) => r['ID'] === 2) && rows.some((r) => r['ID'] === 3), 'the hostile-name fixtures start with "<"');
    assert.ok(rows.every((r) => inGroup(r['Name'], OTHER_GROUP)));
    assert.equal(listRequests().length, Math.ceil(SIZE / 500));
  });

  it('Cancel mid-way: rejects as cancelled, no file and no temp file; an earlier export under that name stays', async () => {
    const target = path.join(dir, 'all.csv');
    fs.writeFileSync(target, 'earlier export');
    const controller = new AbortController();
    const written = exportOrganizations(fromServer(client, { sort: 'name ASC' }, controller.signal), {
      format: 'csv',
      columns: exportColumns({ fields }),
      target,
      signal: controller.signal,
      progressEvery: 100,
      onProgress: (n) => {
        if (n === 600) controller.abort();
      },
    });
    await assert.rejects(written, (e: Error) => e.name === 'AbortError');
    assert.deepEqual(files(), ['all.csv']);
    assert.equal(fs.readFileSync(target, 'utf8'), 'earlier export');
    assert.ok(listRequests().length <= 2, 'no page is read after Cancel');
  });

  it('a server failure mid-way: the error comes through, nothing is left behind', async () => {
    sandbox.setFaults([{ kind: 'status', status: 500, match: { path: '/v1/organizations' }, times: 99 }]);
    const target = path.join(dir, 'all.jsonl');
    await assert.rejects(exportOrganizations(fromServer(client, { sort: 'name ASC' }), { format: 'jsonl', columns: exportColumns({ fields }), target }), (e: Error) => e.name === 'PipedriveError');
    assert.deepEqual(files(), []);
  });

  it('from a ready index: a letter in the owner scope with 0 requests, in pages, sorted like the tree', async () => {
    const index = new OrganizationIndex({ locale: 'en' });
    index.upsert(await collect(iterate(({ start }) => client.listOrganizations({ limit: 500, start }))));
    index.setReady(true);
    const query = { group: 'B', ownerId: 2, sort: 'name ASC' };
    assert.ok(canExportFromIndex(index, query));
    assert.ok(!canExportFromIndex(index, { ...query, filterId: 1 }), 'a saved filter needs the server');
    sandbox.clearLog();
    const target = path.join(dir, 'b.csv');
    const columns = indexedColumns(exportColumns({ fields, userName: () => 'Rita Regular' }));
    const { count } = await exportOrganizations(fromIndex(index, query), { format: 'csv', columns, target });
    assert.equal(sandbox.log.length, 0);
    const expected = await collect(iterate(({ start }) => client.listOrganizations({ first_char: 'b', user_id: 2, sort: 'name ASC', start })));
    const rows = parseCsvFile(fs.readFileSync(target, 'utf8')).slice(1);
    assert.equal(count, expected.length);
    assert.deepEqual(rows.map((r) => Number(r[0])).sort((a, b) => a - b), expected.map((o) => o.id).sort((a, b) => a - b));
    assert.ok(rows.every((r) => r[3] === 'Rita Regular'));
  });

  it('an index with more than one page: every organization once', async () => {
    const index = new OrganizationIndex();
    index.upsert(await collect(iterate(({ start }) => client.listOrganizations({ limit: 500, start }))));
    index.setReady(true);
    const ids = (await collect(fromIndex(index, { sort: 'name ASC' }))).map((o) => o.id);
    assert.equal(ids.length, SIZE);
    assert.equal(new Set(ids).size, SIZE);
  });

  it('the selection: records at hand cost nothing, a missing one is read by id', async () => {
    const known = new Map<number, Organization>([[1, { id: 1, name: 'Acme Technologies' } as Organization]]);
    const orgs = await collect(fromIds([1, 10], (id) => known.get(id), client));
    assert.deepEqual(orgs.map((o) => o.id), [1, 10]);
    assert.deepEqual(sandbox.log.map((e) => `${e.method} ${e.path}`), ['GET /v1/organizations/10']);
  });
});

describe('export: from the server once Pipedrive retired the v1 list (v2 paging)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let client: PipedriveClient;
  let dir: string;

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: SIZE, apiMode: 'current' });
    client = new PipedriveClient({ token: sandbox.token, baseUrl: sandbox.url, retry: { maxAttempts: 1 }, pacing: { requestsPer2s: Infinity }, apiMode: 'current' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-v2-'));
  });
  after(async () => {
    client.dispose();
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a letter pages GET /api/v2/organizations at 500, one page at a time, keeps the letter, resolves v2 custom fields to labels', async () => {
    const fields = await collect(iterate(({ start }) => client.listOrganizationFields({ start })));
    const everyone = await collect(iterate(({ cursor }) => client.v2.listOrganizationsV2({ limit: 500, cursor })));
    sandbox.clearLog();
    const v2Requests = () => sandbox.log.filter((e) => e.method === 'GET' && e.path === '/api/v2/organizations');
    const requestsAtRow: number[] = [];
    async function* watched(): AsyncGenerator<Organization> {
      for await (const org of fromServer(client, { group: 'B', sort: 'name ASC' }, undefined, (id) => (id === 2 ? { id: 2, name: 'Rita Regular' } as never : undefined))) {
        requestsAtRow.push(v2Requests().length);
        yield org;
      }
    }
    const target = path.join(dir, 'b.jsonl');
    await exportOrganizations(watched(), { format: 'jsonl', columns: exportColumns({ fields }), target });
    assert.deepEqual(v2Requests().map((e) => e.query.limit), ['500', '500', '500']);
    assert.equal(sandbox.log.filter((e) => e.path.startsWith('/v1/organizations')).length, 0, 'no v1 list request');
    const rows = fs.readFileSync(target, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const expected = everyone.filter((o) => inGroup(o.name, 'B'));
    assert.ok(expected.length > 10);
    assert.deepEqual(rows.map((r) => r['ID']).sort(), expected.map((o) => o.id).sort());
    // Rows reach the file as their page arrives: never more pages requested than rows need.
    let seenBefore = 0;
    everyone.forEach((o, k) => {
      if (!inGroup(o.name, 'B')) return;
      assert.ok(requestsAtRow[seenBefore] <= Math.floor(k / 500) + 1, `row ${seenBefore} (position ${k}) written after ${requestsAtRow[seenBefore]} page requests`);
      seenBefore++;
    });
    const tier = CUSTOM_FIELDS.find((f) => f.name === 'Tier')!;
    const byId = new Map(expected.map((o) => [o.id, o]));
    let withTier = 0;
    for (const r of rows) {
      const raw = (byId.get(r['ID'] as number)!.custom_fields as Record<string, unknown> | undefined)?.[tier.key];
      assert.equal(r['Tier'], raw === undefined || raw === null ? null : tier.options!.find((o) => o.id === Number(raw))!.label);
      if (r['Tier'] !== null) withTier++;
      if (r['Owner ID'] === 2) assert.equal(r['Owner'], 'Rita Regular');
    }
    assert.ok(withTier > 0);
  });
});
