import * as assert from 'node:assert/strict';
import { RequestPacer } from '../../../src/api/RequestPacer';
import { DEFAULT_RETRY, backoffDelay, parseRateLimitReset, parseRetryAfter } from '../../../src/api/retryPolicy';
import { iterate, readOffsetPaging } from '../../../src/api/pages';
import { OffsetOverCursor } from '../../../src/api/offsetOverCursor';
import { compareBy, sameFirstChar } from '../../../src/api/OrganizationIndex';
import { toRfc3339, toV1DateTime } from '../../../src/api/v2Mapping';
import { collect, FakeClock } from '../helpers/clientKit';

// The rules behind retries, pacing and paging, checked without a server.
describe('client policy (pure)', () => {
  it('Retry-After: seconds or HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('garbage', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('x-ratelimit-reset: seconds, or an epoch time', () => {
    const now = 1_700_000_000_000;
    assert.equal(parseRateLimitReset('2', now), 2000);
    assert.equal(parseRateLimitReset(String(now / 1000 + 5), now), 5000);
  });

  it('backoff doubles, is jittered and capped', () => {
    const r = () => 1;
    const waits = [1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, DEFAULT_RETRY, r));
    assert.deepEqual(waits.slice(0, 4), [500, 1000, 2000, 4000]);
    assert.ok(waits.every((w) => w <= DEFAULT_RETRY.maxDelayMs));
    assert.equal(backoffDelay(3, DEFAULT_RETRY, () => 0), 1000);
  });

  it('pacer: N per 2 s, then waits for the window; honours a server block', async () => {
    const clock = new FakeClock(0);
    const pacer = new RequestPacer(clock, { requestsPer2s: 3, searchRequestsPer2s: 1 });
    for (let i = 0; i < 3; i++) assert.equal(await pacer.acquire(false), 0);
    assert.equal(await pacer.acquire(false), 2000);
    assert.equal(await pacer.acquire(true), 0);
    assert.ok((await pacer.acquire(true)) > 0, 'second search in the window waits');
    pacer.blockUntil(clock.now() + 5000);
    assert.ok((await pacer.acquire(false)) >= 5000);
  });

  it('pacer: follows the limit the server announces unless one is configured', async () => {
    const clock = new FakeClock(0);
    const pacer = new RequestPacer(clock);
    pacer.observeLimit(3);
    for (let i = 0; i < 3; i++) assert.equal(await pacer.acquire(false), 0);
    assert.equal(await pacer.acquire(false), 2000);
    const fixed = new RequestPacer(clock, { requestsPer2s: 2 });
    fixed.observeLimit(1000);
    await fixed.acquire(false);
    await fixed.acquire(false);
    assert.ok((await fixed.acquire(false)) > 0);
  });

  it('offset paging: more_items_in_collection decides, nested or flat', () => {
    assert.deepEqual(readOffsetPaging({ pagination: { start: 0, limit: 2, more_items_in_collection: false, next_start: 2 } }, 0, 2, 2), {
      start: 0,
      limit: 2,
      moreItems: false,
      nextStart: undefined,
    });
    assert.equal(readOffsetPaging({ start: 4, limit: 2, more_items_in_collection: true }, 4, 2, 2).nextStart, 6);
  });

  it('walkers stop at the end (and on an empty page that claims more)', async () => {
    const data = [1, 2, 3, 4, 5];
    const off = await collect(
      iterate(async ({ start }) => ({ items: data.slice(start, start + 2), start, limit: 2, moreItems: start + 2 < data.length, nextStart: start + 2 })),
    );
    assert.deepEqual(off, data);
    const cur = await collect(
      iterate(async ({ cursor: c }) => {
        const at = Number(c ?? 0);
        return { items: data.slice(at, at + 2), nextCursor: at + 2 < data.length ? String(at + 2) : null };
      }),
    );
    assert.deepEqual(cur, data);
    const stuck = await collect(iterate(async ({ start }) => ({ items: [], start, limit: 2, moreItems: true, nextStart: start })));
    assert.deepEqual(stuck, []);
  });

  it('offset over cursor: pages match and the walk reuses cursors', async () => {
    const data = Array.from({ length: 23 }, (_, i) => i);
    let calls = 0;
    const fetch = async (cursor: string | undefined, limit: number) => {
      calls++;
      const at = Number(cursor ?? 0);
      return { items: data.slice(at, at + limit), nextCursor: at + limit < data.length ? String(at + limit) : null };
    };
    const o = new OffsetOverCursor();
    const out: number[] = [];
    for (let start = 0; ; start += 5) {
      const p = await o.page('k', start, 5, fetch);
      out.push(...p.items);
      if (!p.moreItems) break;
    }
    assert.deepEqual(out, data);
    assert.ok(calls <= 6, `calls ${calls}`);
    const filtered = await o.page('odd', 2, 3, fetch, (n) => n % 2 === 1);
    assert.deepEqual(filtered.items, [5, 7, 9]);
  });

  it('first_char compares the first code point, Unicode case-insensitively', () => {
    assert.ok(sameFirstChar('Äpfel GmbH', 'ä'));
    assert.ok(sameFirstChar('ßeta', 'ß'));
    assert.ok(sameFirstChar('😀 Smiles', '😀'));
    assert.ok(!sameFirstChar('Beta', 'a'));
  });

  it('sort expressions with id as the last tie-break', () => {
    const rows = [
      { id: 2, name: 'b' },
      { id: 1, name: 'B' },
      { id: 3, name: 'a' },
    ] as never[];
    assert.deepEqual([...rows].sort(compareBy('name ASC')).map((r: { id: number }) => r.id), [3, 1, 2]);
    assert.deepEqual([...rows].sort(compareBy('name DESC')).map((r: { id: number }) => r.id), [1, 2, 3]);
  });

  it('time formats between v1 and v2', () => {
    assert.equal(toV1DateTime('2024-02-03T04:05:06Z'), '2024-02-03 04:05:06');
    assert.equal(toRfc3339('2022-11-01 08:55:59'), '2022-11-01T08:55:59Z');
    assert.equal(toRfc3339('2022-11-01'), '2022-11-01T00:00:00Z');
  });
});
