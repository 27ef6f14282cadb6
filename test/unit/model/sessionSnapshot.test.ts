import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PipedriveClient } from '../../../src/api/PipedriveClient';
import { PlainUserHolder, SessionCatalog } from '../../../src/model/SessionCatalog';
import { MAX_AGE_MS, SessionSnapshot } from '../../../src/model/SessionSnapshot';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';

// Users and organization fields saved with the account: a new session within half a day reads
// neither again (40 tokens a start), and a damaged or foreign file is dropped, never trusted.

describe('saved session (users and organization fields)', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let dir: string;
  const account = (userId = 1) => ({ baseUrl: sb.url, companyId: 1, userId });
  before(async () => {
    sb = await startSandbox({ size: 20, apiMode: 'current' });
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-session-'));
    sb.clearLog();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function startSession(client: PipedriveClient, snapshot: SessionSnapshot): Promise<SessionCatalog> {
    const session = new SessionCatalog(new PlainUserHolder(), () => client);
    session.warmFrom(snapshot.load(), (s) => snapshot.save(s.users, s.fields));
    await session.settled();
    return session;
  }

  it('the first start reads and saves them; the next start reads nothing and has the same users and fields', async () => {
    const client = new PipedriveClient({ token: sb.token, baseUrl: sb.url });
    const first = await startSession(client, new SessionSnapshot(dir, account(), () => undefined));
    assert.deepEqual(sb.log.map((e) => e.path).sort(), ['/v1/organizationFields', '/v1/users']);
    const fields = await first.organizationFields();
    sb.clearLog();
    const second = await startSession(new PipedriveClient({ token: sb.token, baseUrl: sb.url }), new SessionSnapshot(dir, account(), () => undefined));
    assert.equal(sb.log.length, 0);
    assert.equal(second.hasUsers, true);
    assert.deepEqual(await second.organizationFields(), fields);
    client.dispose();
  });

  it('a snapshot older than half a day, another account\'s or a damaged one is read again', async () => {
    const lines: string[] = [];
    const snapshot = new SessionSnapshot(dir, account(), (l) => lines.push(l));
    await snapshot.save([{ id: 1, name: 'Ada' } as never], [{ id: 1, key: 'name' } as never], Date.now() - MAX_AGE_MS - 1000);
    assert.equal(await snapshot.load(), undefined, 'too old');
    await snapshot.save([{ id: 1, name: 'Ada' } as never], [], Date.now());
    assert.equal(await new SessionSnapshot(dir, account(2), () => undefined).load(), undefined, 'another user: another file');
    fs.writeFileSync(snapshot.path, '{"format":1,"account":"x"');
    assert.equal(await snapshot.load(), undefined);
    assert.equal(lines.length, 1, 'one log line');
    assert.equal(fs.existsSync(snapshot.path), false, 'the damaged file is gone');
  });
});
