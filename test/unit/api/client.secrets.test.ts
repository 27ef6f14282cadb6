import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { PipedriveError } from '../../../src/api/PipedriveError';
import { makeClient, rejection } from '../helpers/clientKit';

const SECRET = 'sekrit-token-0123456789abcdef';

describe('client: the token stays secret', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: 20, token: SECRET, apiMode: 'legacy-v1' });
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('appears in no URL, log line, error message or stack across successes and failures', async () => {
    const h = makeClient(sandbox.url, SECRET, { timeoutMs: 200 });
    const errors: PipedriveError[] = [];
    await h.client.listOrganizations({ limit: 2 });
    await h.client.searchOrganizations({ term: 'co' });
    for (const fault of [
      { kind: 'status', status: 503 },
      { kind: 'rate-limit', retryAfterSeconds: 1, times: 1 },
      { kind: 'daily-budget' },
      { kind: 'hang', times: 1 },
      { kind: 'malformed-json', times: 1 },
      { kind: 'reset' },
      { kind: 'retire-v1', status: 410 },
    ] as const) {
      sandbox.setFaults([fault]);
      try {
        await h.client.getOrganization(1);
        await h.client.addOrganization({ name: 'Secret Co' });
      } catch (e) {
        errors.push(e as PipedriveError);
      }
      sandbox.clearFaults();
    }
    errors.push(await rejection(h.client.getOrganization(99999)));
    h.client.dispose();
    assert.ok(errors.length >= 5);
    for (const entry of sandbox.log) {
      assert.ok(!entry.path.includes(SECRET), entry.path);
      assert.ok(!JSON.stringify(entry.query).includes(SECRET), JSON.stringify(entry.query));
      assert.notEqual(entry.query.api_token, SECRET);
    }
    for (const line of h.lines) assert.ok(!line.includes(SECRET), line);
    for (const e of errors) {
      assert.ok(!e.message.includes(SECRET), e.message);
      assert.ok(!(e.stack ?? '').includes(SECRET));
      assert.ok(!JSON.stringify({ ...e }).includes(SECRET));
    }
  });

  it('a wrong token is never echoed in the 401 error', async () => {
    const wrong = 'wrong-token-abcdefghijklmnop';
    const h = makeClient(sandbox.url, wrong);
    const e = await rejection(h.client.getCurrentUser());
    h.client.dispose();
    assert.equal(e.kind, 'auth');
    assert.ok(!e.message.includes(wrong) && !(e.stack ?? '').includes(wrong));
  });

  it('redacts a token that a server echoes back in its error text', async () => {
    const echo = http.createServer((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: false, error: `bad token ${req.headers['x-api-token']}`, error_info: `got ${req.headers['x-api-token']}` }));
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const h = makeClient(url, SECRET);
    const e = await rejection(h.client.getCurrentUser());
    h.client.dispose();
    await new Promise<void>((r) => echo.close(() => r()));
    assert.equal(e.kind, 'bad-request');
    for (const text of [e.message, e.error, e.errorInfo, e.stack]) assert.ok(!String(text).includes(SECRET), String(text));
    assert.match(String(e.error), /\[redacted\]/);
  });

  it('a connection refused error does not leak the token either', async () => {
    const h = makeClient('http://127.0.0.1:9', SECRET, { retry: { maxAttempts: 1 } });
    const e = await rejection(h.client.getCurrentUser());
    h.client.dispose();
    assert.equal(e.kind, 'network');
    assert.ok(!e.message.includes(SECRET) && !(e.stack ?? '').includes(SECRET));
  });
});
