// Figures for issue 10 (index side): requests and tokens of a first walk and of a restart, the
// index's heap and disk size, and how long loading it from disk takes. Used by the unit test
// (indexFigures.test.ts) and by bench/orgIndex.bench.ts; only counts are asserted, never timings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parseSort } from '../../../../src/api/sortSpec';
import { IndexFile } from '../../../../src/model/orgIndex/IndexFile';
import { OrganizationIndex } from '../../../../src/model/orgIndex/OrganizationIndex';
import { probe } from '../../../../src/sandbox/probe';
import { startSandbox } from '../../../../src/sandbox/server';
import type { Sandbox } from '../../../../src/sandbox/types';
import { PlainUserHolder, SessionCatalog } from '../../../../src/model/SessionCatalog';
import { SessionSnapshot } from '../../../../src/model/SessionSnapshot';
import { makeClient } from '../../helpers/clientKit';
import { accountOf, isList, isRecents, rig, tempStorage } from './indexKit';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function settledHeap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;
const ms = (t: number): number => Math.round(t * 10) / 10;
const tokensOf = (sb: Sandbox): number => sb.log.reduce((n, e) => n + e.tokens, 0);

export type IndexFigures = Record<string, number>;

/** A sandbox of `size` organizations: first walk, restart, then a fresh index loaded from the file. */
export async function measureIndex(size: number): Promise<IndexFigures> {
  const sb = await startSandbox({ size, apiMode: 'current' });
  const dir = tempStorage();
  try {
    const walkStart = performance.now();
    const first = rig(sb.url, sb.token, dir);
    const walked = await first.sync.start();
    const walkMs = performance.now() - walkStart;
    assert.equal(walked.outcome, 'walked');
    assert.equal(first.index.size, size);
    const walk = { requests: sb.log.length, listCalls: sb.log.filter(isList).length, tokens: tokensOf(sb) };
    assert.equal(walk.listCalls, Math.ceil(size / 500));
    const diskBytes = fs.statSync(first.file.path).size;

    sb.clearLog();
    const second = rig(sb.url, sb.token, dir);
    await second.sync.start();
    const restart = { requests: sb.log.length, recents: sb.log.filter(isRecents).length, tokens: tokensOf(sb) };
    assert.deepEqual([restart.requests, restart.recents], [1, 1]);

    for (let id = 1; id <= 50; id++) await probe(sb.url, 'PATCH', `/api/v2/organizations/${id * 7}`, { token: sb.token, body: { name: `Changed outside ${id}` } });
    sb.clearLog();
    const third = rig(sb.url, sb.token, dir);
    const caught = await third.sync.start();
    assert.equal(caught.upserted, 50);
    const after50 = { requests: sb.log.length, tokens: tokensOf(sb) };

    // The index alone in the heap: a fresh one loaded from the file, everything else already settled.
    const before = settledHeap();
    const loadStart = performance.now();
    const file = new IndexFile(dir, accountOf(sb.url), () => undefined);
    const data = (await file.load())!;
    const index = new OrganizationIndex({ locale: 'en' });
    index.replaceAll(data.contents, true);
    const groups = index.groups();
    const loadMs = performance.now() - loadStart;
    const heapBytes = settledHeap() - before;
    assert.equal(groups.reduce((n, g) => n + g.count, 0), size);

    // A working day's 50 letter expands (first page of 50, name order), from a cold cache.
    const byName = parseSort('name ASC');
    const expandStart = performance.now();
    for (let i = 0; i < 50; i++) index.query({ group: groups[i % groups.length].key, sort: byName, start: 0, limit: 50 });
    const expandsMs = performance.now() - expandStart;
    const biggest = [...groups].sort((a, b) => b.count - a.count)[0].key;
    const sameStart = performance.now();
    for (let i = 0; i < 50; i++) index.query({ group: biggest, sort: byName, start: 0, limit: 50 });
    const sameLetterMs = performance.now() - sameStart;
    const saveStart = performance.now();
    assert.equal(await file.save(index.contents(), data.watermark), true);
    const saveMs = performance.now() - saveStart;
    const allStart = performance.now();
    index.query({ sort: byName, start: 0, limit: 50 });
    const wholeSortMs = performance.now() - allStart;
    const heapWithCaches = settledHeap() - before;
    void index.size;

    return {
      organizations: size,
      firstWalkRequests: walk.requests,
      firstWalkTokens: walk.tokens,
      firstWalkMs: ms(walkMs),
      restartRequests: restart.requests,
      restartTokens: restart.tokens,
      restartAfter50ChangesRequests: after50.requests,
      restartAfter50ChangesTokens: after50.tokens,
      heapMB: mb(heapBytes),
      heapWithSortedListsMB: mb(heapWithCaches),
      diskMB: mb(diskBytes),
      loadFromDiskToGroupsMs: ms(loadMs),
      fiftyLetterExpandsMs: ms(expandsMs),
      fiftyExpandsOfOneLetterMs: ms(sameLetterMs),
      saveToDiskMs: ms(saveMs),
      wholeIndexNameSortMs: ms(wholeSortMs),
      groups: groups.length,
    };
  } finally {
    await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}


/** The day's scripted usage issue 10 sets, against a sandbox in today's API mode. */
export const WORKING_DAY = { starts: 20, letterExpands: 50, detailsOpens: 30, edits: 10 } as const;

/** Tokens of the company's daily budget the issue sets the day's share against. */
export const DAY_BUDGET_TOKENS = 30_000;

/**
 * One working day through the real client and sync, tokens counted by the sandbox: each start
 * signs in (users/me), reads users and organization fields (the session) and catches the index up
 * (recents); letters are read from the index; details opens and edits go to Pipedrive. The first
 * walk is the sign-in before the day (reported apart).
 */
export async function measureWorkingDay(size: number): Promise<IndexFigures> {
  const sb = await startSandbox({ size, apiMode: 'current' });
  const dir = tempStorage();
  try {
    await rig(sb.url, sb.token, dir).sync.start();
    const { client } = makeClient(sb.url, sb.token, { apiMode: 'current' });
    sb.clearLog();
    let index = rig(sb.url, sb.token, dir).index;
    const ids: number[] = [];
    for (let start = 0; start < WORKING_DAY.starts; start++) {
      // What a sign-in does: check the token, users and fields (from the saved session when
      // fresh, as the extension does), then catch the index up.
      await client.getCurrentUser();
      const snapshot = new SessionSnapshot(dir, accountOf(sb.url), () => undefined);
      const session = new SessionCatalog(new PlainUserHolder(), () => client);
      session.warmFrom(snapshot.load(), (saved) => snapshot.save(saved.users, saved.fields));
      await session.settled();
      assert.ok(session.hasUsers && session.hasOrganizationFields);
      const r = rig(sb.url, sb.token, dir);
      await r.sync.start();
      index = r.index;
    }
    const groups = index.groups();
    const byName = parseSort('name ASC');
    const before = sb.log.length;
    for (let i = 0; i < WORKING_DAY.letterExpands; i++) {
      const page = index.query({ group: groups[i % groups.length].key, sort: byName, start: 0, limit: 100 });
      ids.push(page.items[0].id);
    }
    const expandRequests = sb.log.length - before;
    for (let i = 0; i < WORKING_DAY.detailsOpens; i++) await client.getOrganization(ids[i % ids.length]);
    for (let i = 0; i < WORKING_DAY.edits; i++) {
      const id = ids[(i * 3) % ids.length];
      const fresh = await client.getOrganization(id);
      await client.updateOrganization(id, { name: `${fresh.organization.name} ·` });
    }
    client.dispose();
    const tokens = tokensOf(sb);
    return {
      dayRequests: sb.log.length,
      dayTokens: tokens,
      dayLetterExpandRequests: expandRequests,
      dayShareOfBudgetPercent: Math.round((tokens / DAY_BUDGET_TOKENS) * 1000) / 10,
    };
  } finally {
    await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
