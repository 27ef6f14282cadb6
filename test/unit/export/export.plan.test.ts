// Which source an export reads (the index only when it is complete, no saved filter is chosen and
// the person settles for its fields) and what it then writes, against the sandbox over HTTP.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PipedriveClient } from '../../../src/api/PipedriveClient';
import type { OrganizationField } from '../../../src/api';
import { exportOrganizations } from '../../../src/export/exporter';
import { openExport, planExport, queryFor } from '../../../src/export/exportPlan';
import { OrganizationIndex } from '../../../src/model/orgIndex/OrganizationIndex';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { TestUserInput } from '../../../src/ui/TestUserInput';
import { collect } from '../helpers/clientKit';
import { parseCsvFile } from './exportKit';
import { iterate } from '../../../src/api/pages';

describe('export: plan (index or server) and what it writes', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let client: PipedriveClient;
  let fields: OrganizationField[];
  let index: OrganizationIndex;
  let dir: string;
  const scope = { ownerId: 2, sort: 'name ASC' };

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: 1500, apiMode: 'legacy-v1' });
    client = new PipedriveClient({ token: sandbox.token, baseUrl: sandbox.url, retry: { maxAttempts: 1 }, pacing: { requestsPer2s: Infinity } });
    fields = await collect(iterate(({ start }) => client.listOrganizationFields({ start })));
    index = new OrganizationIndex({ locale: 'en' });
    index.upsert(await collect(iterate(({ start }) => client.listOrganizations({ limit: 500, start }))));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-plan-'));
  });
  after(async () => {
    client.dispose();
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    index.setReady(true);
    sandbox.clearLog();
  });

  it('a letter within the owner scope, index fields picked: 0 requests, the indexed columns, the same organizations as the server', async () => {
    const ui = new TestUserInput().queue('Fields of the local index');
    const plan = await planExport({ kind: 'letter', group: 'C' }, scope, index, ui);
    assert.equal(plan.source, 'index');
    assert.match(ui.prompts[0].text, /Which fields/);
    const opened = openExport(plan, { client, index, fields, known: () => undefined });
    const target = path.join(dir, 'c.csv');
    await exportOrganizations(opened.rows, { format: 'csv', columns: opened.columns, target });
    assert.equal(sandbox.log.length, 0);
    const rows = parseCsvFile(fs.readFileSync(target, 'utf8'));
    assert.deepEqual(rows[0], ['ID', 'Name', 'Owner ID', 'Owner', 'Labels', 'Visible to', 'Address', 'City', 'Created', 'Updated']);
    const server = await collect(iterate(({ start }) => client.listOrganizations({ first_char: 'c', user_id: 2, limit: 500, start })));
    assert.equal(opened.total, server.length);
    assert.deepEqual(rows.slice(1).map((r) => Number(r[0])).sort((a, b) => a - b), server.map((o) => o.id).sort((a, b) => a - b));
    assert.ok(rows.slice(1).every((r) => r[2] === '2'));
  });

  it('all fields picked: the server, custom fields included', async () => {
    const ui = new TestUserInput().queue('All fields');
    const plan = await planExport({ kind: 'letter', group: 'C' }, scope, index, ui);
    assert.equal(plan.source, 'server');
    const { columns } = openExport(plan, { client, index, fields, known: () => undefined });
    assert.ok(columns.some((c) => c.name === 'Tier'));
  });

  it('no question and the server when the index is not ready, or a saved filter is chosen', async () => {
    const ui = new TestUserInput();
    assert.equal((await planExport({ kind: 'everything' }, scope, undefined, ui)).source, 'server');
    assert.equal((await planExport({ kind: 'scope' }, { ...scope, filterId: 2 }, index, ui)).source, 'server');
    index.setReady(false);
    assert.equal((await planExport({ kind: 'letter', group: 'C' }, scope, index, ui)).source, 'server');
    assert.deepEqual(ui.prompts, []);
  });

  it('"Everything" ignores the scope; a letter and "Current scope" keep it', () => {
    const s = { ownerId: 2, filterId: 4, sort: 'name ASC' };
    assert.deepEqual(queryFor({ kind: 'everything' }, s), { sort: 'name ASC' });
    assert.deepEqual(queryFor({ kind: 'scope' }, s), { ownerId: 2, filterId: 4, sort: 'name ASC' });
    assert.deepEqual(queryFor({ kind: 'letter', group: 'Ж' }, s), { group: 'Ж', ownerId: 2, filterId: 4, sort: 'name ASC' });
  });
});
