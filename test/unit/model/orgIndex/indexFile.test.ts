import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IndexFile, INDEX_FORMAT_VERSION } from '../../../../src/model/orgIndex/IndexFile';
import { startSandbox } from '../../../../src/sandbox/server';
import type { Sandbox } from '../../../../src/sandbox/types';
import { accountOf, isList, isRecents, rig, tempStorage } from './indexKit';

describe('organization index file', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let dir: string;

  before(async () => {
    sb = await startSandbox({ size: 1200, apiMode: 'current' });
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(async () => {
    sb.reset();
    dir = tempStorage();
    // A good file to spoil.
    await rig(sb.url, sb.token, dir).sync.start();
    sb.clearLog();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a session on the spoilt file: it must log one line, walk again, and leave a good file. */
  async function expectDroppedThenWalk(reason: RegExp): Promise<void> {
    const r = rig(sb.url, sb.token, dir);
    const result = await r.sync.start();
    const dropped = r.lines.filter((l) => /dropped/.test(l));
    assert.equal(dropped.length, 1, r.lines.join('\n'));
    assert.match(dropped[0], reason);
    assert.equal(result.outcome, 'walked');
    assert.equal(result.loadedFromDisk, false);
    assert.equal(sb.log.filter(isList).length, 3);
    assert.equal(r.index.size, 1200);
    assert.equal(r.index.ready, true);
    sb.clearLog();
    const again = await rig(sb.url, sb.token, dir).sync.start();
    assert.equal(again.loadedFromDisk, true, 'the walk wrote a good file again');
    assert.equal(sb.log.filter(isRecents).length, 1);
    assert.equal(sb.log.filter(isList).length, 0);
  }

  const filePath = (): string => new IndexFile(dir, accountOf(sb.url), () => undefined).path;
  const body = (): Record<string, unknown> => JSON.parse(fs.readFileSync(filePath(), 'utf8'));
  const write = (b: unknown): void => fs.writeFileSync(filePath(), typeof b === 'string' ? b : JSON.stringify(b));

  it('garbage bytes: dropped with one log line, then a walk', async () => {
    write('\u0000\u00ff not json at all');
    await expectDroppedThenWalk(/not valid JSON/);
  });

  it('a file cut off mid-write (no atomic rename): dropped, then a walk', async () => {
    const text = fs.readFileSync(filePath(), 'utf8');
    write(text.slice(0, Math.floor(text.length / 2)));
    await expectDroppedThenWalk(/not valid JSON/);
  });

  it('another account\'s file under this name: dropped, its organizations never shown', async () => {
    const other = rig(sb.url, sb.token, dir, { account: accountOf(sb.url, 2) });
    other.index.upsert([{ id: 999_999, name: 'Other account org' } as never]);
    other.index.setReady(true);
    assert.equal(await other.file.save(other.index.contents(), '2026-01-01 00:00:00'), true);
    assert.notEqual(other.file.path, filePath(), 'each account has its own file');
    fs.copyFileSync(other.file.path, filePath());
    await expectDroppedThenWalk(/another account/);
  });

  it('a file of another format version: dropped, then a walk', async () => {
    write({ ...body(), format: INDEX_FORMAT_VERSION - 1 });
    await expectDroppedThenWalk(/format 0/);
  });

  it('a damaged record inside a well-formed file: dropped, then a walk', async () => {
    const b = body();
    (b.orgs as unknown[][])[5][1] = 12345;
    write(b);
    await expectDroppedThenWalk(/record 6 is damaged/);
  });

  it('the file name carries no URL or id, and a failed save is one log line, not a crash', async () => {
    const name = path.basename(filePath());
    assert.match(name, /^orgIndex-[0-9a-f]{32}\.json$/);
    assert.ok(!fs.readFileSync(filePath(), 'utf8').includes(sb.url), 'the base URL is stored only as a hash');
    const lines: string[] = [];
    const blocked = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocked, 'a file where the folder should be');
    const f = new IndexFile(blocked, accountOf(sb.url), (l) => lines.push(l));
    assert.equal(await f.save({ records: [], ownerNames: new Map() }, undefined), false);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /could not save/);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
  });
});
