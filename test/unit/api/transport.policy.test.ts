import * as assert from 'node:assert/strict';
import { systemClock, MAX_TIMER_MS } from '../../../src/api/Clock';
import { redirectError, serverText, statusError } from '../../../src/api/errorMapping';
import { RequestPacer } from '../../../src/api/RequestPacer';
import {
  DEFAULT_RETRY,
  decideRetry,
  rateLimitWait,
  retriedDeleteIsDone,
  type AttemptOutcome,
  type HttpMethod,
} from '../../../src/api/retryPolicy';
import type { RequestSpec } from '../../../src/api/HttpTransport';
import { FakeClock } from '../helpers/clientKit';

const ctx = (method: HttpMethod, attempt = 1, retry?: 'never') => ({ method, attempt, retry, options: DEFAULT_RETRY, random: () => 0.5 });
const status = (s: number, rateLimit = {}): AttemptOutcome => ({ kind: 'response', status: s, rateLimit });
const net = (code: string): AttemptOutcome => ({ kind: 'network', code, message: code });

describe('transport policy (pure): retry decisions, waits, error text', () => {
  it('5xx: idempotent methods are resent; POST and retry "never" are not, and are uncertain', () => {
    assert.equal(decideRetry(status(502), ctx('GET')).action, 'retry');
    assert.equal(decideRetry(status(503), ctx('DELETE')).action, 'retry');
    assert.deepEqual(decideRetry(status(502), ctx('POST')), { action: 'fail', uncertain: true });
    assert.deepEqual(decideRetry(status(502), ctx('PUT', 1, 'never')), { action: 'fail', uncertain: true });
    assert.deepEqual(decideRetry(status(502), ctx('GET', 4)), { action: 'fail', uncertain: false });
    assert.deepEqual(decideRetry(status(400), ctx('PUT')), { action: 'fail', uncertain: false });
  });

  it('network: a refused connection may be resent even for "never"; a reset after connecting may not', () => {
    assert.equal(decideRetry(net('ECONNREFUSED'), ctx('PUT', 1, 'never')).action, 'retry');
    assert.equal(decideRetry(net('ECONNREFUSED'), ctx('POST')).action, 'retry');
    assert.deepEqual(decideRetry(net('ECONNRESET'), ctx('PUT', 1, 'never')), { action: 'fail', uncertain: true });
    assert.deepEqual(decideRetry(net('ECONNRESET'), ctx('POST')), { action: 'fail', uncertain: true });
    assert.equal(decideRetry(net('ECONNRESET'), ctx('DELETE')).action, 'retry');
    assert.deepEqual(decideRetry({ kind: 'timeout' }, ctx('GET')), { action: 'fail', uncertain: false });
    assert.deepEqual(decideRetry({ kind: 'timeout' }, ctx('PUT')), { action: 'fail', uncertain: true });
  });

  it('429: resent even for "never", waiting the longer of Retry-After and reset; past the cap it fails', () => {
    const short = decideRetry(status(429, { retryAfterMs: 1000, resetMs: 2000 }), ctx('PUT', 1, 'never'));
    assert.deepEqual(short, { action: 'retry', delayMs: 2000, reason: '429 rate limited', uncertain: false });
    const long = decideRetry(status(429, { retryAfterMs: 1000, resetMs: 3_600_000 }), ctx('GET'));
    assert.equal(long.action, 'fail');
    assert.equal(long.action === 'fail' && long.waitMs, 3_600_000);
    assert.equal(rateLimitWait({}), undefined);
    const daily = decideRetry(status(429, { retryAfterMs: 5000, dailyRequestsLeft: 0 }), ctx('GET'));
    assert.equal(daily.action === 'fail' && daily.daily, true);
  });

  it('a retried DELETE answering 404 is done; a first one is not; an unknown route never is', () => {
    assert.equal(retriedDeleteIsDone('DELETE', 404, 2, false), true);
    assert.equal(retriedDeleteIsDone('DELETE', 404, 1, false), false);
    assert.equal(retriedDeleteIsDone('DELETE', 404, 2, true), false);
    assert.equal(retriedDeleteIsDone('PUT', 404, 2, false), false);
  });

  it('systemClock.sleep clamps a 2^40 ms wait instead of firing at once (setTimeout overflow)', async () => {
    const ac = new AbortController();
    const huge = systemClock.sleep(2 ** 40, ac.signal).then(() => 'huge', () => 'aborted');
    const first = await Promise.race([huge, systemClock.sleep(30).then(() => 'short')]);
    ac.abort();
    assert.equal(first, 'short');
    assert.equal(await huge, 'aborted');
    assert.equal(MAX_TIMER_MS, 2 ** 31 - 1);
  });

  it('pacer: a block within the cap is waited; beyond it the pacer locks instead of waiting', async () => {
    const clock = new FakeClock(1_000_000);
    const pacer = new RequestPacer(clock, { maxBlockMs: 60_000 });
    pacer.blockUntil(clock.now() + 30_000);
    assert.equal(await pacer.acquire(false), 30_000);
    assert.equal(pacer.lockedOutUntil(), undefined);
    pacer.blockUntil(clock.now() + 2 ** 40);
    assert.equal(pacer.lockedOutUntil(), clock.now() + 2 ** 40);
    assert.equal(pacer.tryAcquire(false), false);
    await assert.rejects(pacer.acquire(false), /window shut/);
    assert.deepEqual(clock.sleeps, [30_000], 'the long block was never slept');
  });

  it('error text: a redirect names the origin only; errorCode strings are redacted', () => {
    const spec: RequestSpec = { operation: 'addOrganization', method: 'POST', path: '/v1/organizations' };
    const e = redirectError(spec, 302, 'https://evil.example:8443/x?token=abc#f', 1, true);
    assert.equal(e.kind, 'redirect');
    assert.match(e.message, /to https:\/\/evil\.example:8443\. .*nothing was sent there/);
    assert.ok(!e.message.includes('token=abc'));
    assert.equal(e.uncertain, true);
    const clean = (t: string) => t.split('tok-secret').join('[redacted]');
    assert.deepEqual(serverText({ error: 'bad tok-secret', error_info: 'tok-secret', errorCode: 'E_tok-secret' }, clean), {
      error: 'bad [redacted]', errorInfo: '[redacted]', errorCode: 'E_[redacted]',
    });
    const s = statusError({ ...spec, method: 'PUT' }, 502, undefined, 1, clean, true);
    assert.equal(s.kind, 'server');
    assert.match(s.message, /may or may not have been applied/);
  });
});
