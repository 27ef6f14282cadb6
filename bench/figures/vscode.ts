// Figures 3–6 in a real VS Code (code-server 4.100.3 + Chromium, started by test/harness), with the
// production build in bench/.work/ext as the extension under development:
//   A. the workbench driven by Playwright (test/e2e/workbench.ts): time from expanding a letter to
//      its first organization row on screen with 50 ms of sandbox latency, the view opening, and
//      the requests of typing a 6-letter word into the search picker (its real debounce);
//   B. bench/vscode/inHost.ts run by the extension host (extensionTestsPath): activation, requests
//      per action, a 10,000-organization letter, memory, and the webview panels.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { Sandbox } from '../../src/sandbox/types';
import { findChromium } from '../../test/harness/chromium';
import { ensureCodeServer, workbenchUrl, CODE_SERVER_VERSION } from '../../test/harness/codeServer';
import { cleanupAll } from '../../test/harness/processes';
import { Session } from '../../test/harness/session';
import { Workbench } from '../../test/e2e/workbench';
import { EXT_DIR, ROOT, WORK } from '../lib/build';
import { round, summarize, type Summary } from '../lib/stats';
import type { InHostResults, PanelTimings } from '../vscode/inHost';
import { scrollRequestFile, scrollResultFile, type ScrollMeasure, type ScrollRequest } from '../vscode/scrollProtocol';
import type { Row } from '../main';

export interface UiResults {
  latencyMs: number;
  /** Round trip of the letter's list request itself (raw node:http, same latency), median of several. */
  roundTripMs: Summary;
  /** mousedown on a letter's twistie → first row under it on screen (in-page clock). */
  expandToFirstRowMs: number[];
  expandToFirstRow: Summary;
  /** expandToFirstRow median − round trip median. */
  overheadOverRoundTripMs: number;
  /** mousedown on the Pipedrive activity bar icon (coming from the Explorer) → letter rows on screen. */
  openViewToLettersMs: number[];
  search: { word: string; keyDelayMs: number; requests: number; searchRequests: number; paths: Record<string, number> }[];
}

export interface VsCodeFigures {
  vscodeVersion: string;
  ui?: UiResults;
  inHost?: InHostResults;
  bigLetter: { letter: string; size: number; added: number };
  notMeasured: string[];
}

const BIG_LETTER = 'Q';

/** A GET of the bench's own (fixture header: the removed v1 routes answer it in today's mode, uncharged). */
function rawGet(url: string, token: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { 'x-api-token': token, 'x-sandbox-fixture': '1' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

/** Gives letter `letter` exactly `size` organizations (v1 first_char counting, as the tree lists it). */
async function seedBigLetter(sb: Sandbox, letter: string, size: number): Promise<{ size: number; added: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  let existing = 0;
  for (let start = 0; ; ) {
    const r = await rawGet(`${sb.url}/v1/organizations?first_char=${letter.toLowerCase()}&start=${start}&limit=500`, sb.token, agent);
    const body = JSON.parse(r.body) as { data: unknown[] | null; additional_data?: { pagination?: { more_items_in_collection?: boolean; next_start?: number } } };
    existing += body.data?.length ?? 0;
    const p = body.additional_data?.pagination;
    if (!p?.more_items_in_collection || p.next_start === undefined) break;
    start = p.next_start;
  }
  const toAdd = Math.max(0, size - existing);
  let next = 0;
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ name: `${letter}bench ${String(i).padStart(5, '0')} Ltd` });
      const req = http.request(`${sb.url}/api/v2/organizations`, { method: 'POST', agent, headers: { 'x-api-token': sb.token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 201 || res.statusCode === 200 ? resolve() : reject(new Error(`POST org: ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < toAdd) await post(next++);
    }),
  );
  agent.destroy();
  sb.clearLog();
  return { size: existing + toAdd, added: toAdd };
}

/** Waits until the sandbox log has been quiet for `quietMs`. */
async function quiet(sb: Sandbox, quietMs = 1000, maxMs = 15_000): Promise<void> {
  const end = Date.now() + maxMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < end) {
    if (sb.log.length !== last) {
      last = sb.log.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Resolves (in the page) with ms from the next mousedown to the first row matching `selector` on
 * screen — and, with `label`, whose label is exactly that text (so the Explorer's rows never count).
 */
function armTimer(page: Page, selector: string, label?: string): Promise<number> {
  return page.evaluate(
    ({ sel, text }) =>
      new Promise<number>((resolve, reject) => {
        let t0 = 0;
        const timeout = setTimeout(() => reject(new Error(`no ${sel}${text ? ` labelled ${text}` : ''} within 10 s`)), 10_000);
        const found = () =>
          Array.from(document.querySelectorAll(sel)).some(
            (row) => (row as HTMLElement).offsetParent !== null && (!text || row.querySelector('.label-name')?.textContent?.trim() === text),
          );
        document.addEventListener(
          'mousedown',
          () => {
            t0 = performance.now();
            const poll = () => {
              if (found()) {
                clearTimeout(timeout);
                resolve(performance.now() - t0);
              } else requestAnimationFrame(poll);
            };
            requestAnimationFrame(poll);
          },
          { capture: true, once: true },
        );
      }),
    { sel: selector, text: label },
  );
}

async function uiPhase(session: Session, quick: boolean, log: (s: string) => void): Promise<UiResults> {
  const sb = session.sandbox;
  const page = await session.openWorkbench();
  try {
    const wb = new Workbench(page, path.join(WORK, 'artifacts'));
    await wb.openPipedriveView();
    await wb.runCommand('Pipedrive: Sign In with API Token');
    await wb.answerInput(sb.token);
    await wb.quickInputClosed();
    await wb.treeItem('A').waitFor();

    // One round trip of the request a letter makes, with the same latency, from this process.
    const latencyMs = 50;
    sb.setFaults([{ kind: 'latency', ms: latencyMs }]);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const rtt: number[] = [];
    for (let i = 0; i < (quick ? 5 : 15); i++) {
      const t0 = process.hrtime.bigint();
      await rawGet(`${sb.url}/api/v2/organizations?limit=100`, sb.token, agent);
      if (i > 0) rtt.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    agent.destroy();

    const sidebar = '.part.sidebar .monaco-list-row[role="treeitem"]';
    const expandToFirstRowMs: number[] = [];
    const letters = quick ? ['C', 'D'] : ['C', 'D', 'E', 'F', 'G', 'H'];
    for (const letter of letters) {
      const row = wb.treeItem(letter);
      await row.waitFor();
      const timing = armTimer(page, `${sidebar}[aria-level="2"]`);
      await row.locator('.monaco-tl-twistie').click();
      expandToFirstRowMs.push(round(await timing, 1));
      await page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle());
      await row.locator('.monaco-tl-twistie').click(); // collapse again: the next letter's rows are the only level-2 rows
      await page.waitForFunction((s) => !document.querySelector(s), `${sidebar}[aria-level="2"]`);
    }
    // Opening the view again from the Explorer (no request: the letters are local).
    const openViewToLettersMs: number[] = [];
    for (let i = 0; i < (quick ? 2 : 4); i++) {
      try {
        // The shortcut, not a click: a click on the Explorer icon can land on its hover and miss.
        await page.mouse.move(700, 450);
        await page.keyboard.press('Control+Shift+E');
        await wb.sideBar.locator('.composite.title', { hasText: /explorer/i }).waitFor({ timeout: 5000 });
        // Let the switch finish (the activity bar drops a click that comes in the middle of it).
        await page.waitForTimeout(1000);
        const timing = armTimer(page, `${sidebar}[aria-level="1"]`, 'A');
        await wb.activityBarItem('Pipedrive').click();
        openViewToLettersMs.push(round(await timing, 1));
      } catch (e) {
        log(`  UI: one opening of the view not measured: ${(e as Error).message.split('\n')[0]}`);
        await wb.screenshot(`open-view-failed-${i}`).catch(() => undefined);
        await wb.openPipedriveView().catch(() => undefined);
      }
      await wb.treeItem('A').waitFor();
    }
    sb.setFaults([]);

    // Typing a 6-letter word into the search picker at two speeds; its own debounce decides.
    const search: UiResults['search'] = [];
    for (const keyDelayMs of [150, 300]) {
      await quiet(sb, 500);
      sb.clearLog();
      await wb.runCommand('Pipedrive: Search Organizations…');
      await wb.quickInput.locator('.quick-input-box input').waitFor();
      await page.keyboard.type('Techno', { delay: keyDelayMs });
      await quiet(sb, 1500);
      const entries = [...sb.log];
      const paths: Record<string, number> = {};
      for (const e of entries) paths[`${e.method} ${e.path}`] = (paths[`${e.method} ${e.path}`] ?? 0) + 1;
      search.push({ word: 'Techno', keyDelayMs, requests: entries.length, searchRequests: entries.filter((e) => e.path.includes('/search')).length, paths });
      await page.keyboard.press('Escape');
      await wb.quickInputClosed();
    }
    // Leave the Explorer open, so the next window does not open (and activate) Pipedrive on start.
    await page.keyboard.press('Control+Shift+E');
    const rttSummary = summarize(rtt);
    const expandSummary = summarize(expandToFirstRowMs);
    log(`  UI: expand → first row median ${round(expandSummary.median, 1)} ms, round trip ${round(rttSummary.median, 1)} ms`);
    return {
      latencyMs,
      roundTripMs: rttSummary,
      expandToFirstRowMs,
      expandToFirstRow: expandSummary,
      overheadOverRoundTripMs: round(expandSummary.median - rttSummary.median, 1),
      openViewToLettersMs,
      search,
    };
  } finally {
    await page.context().close().catch(() => undefined);
  }
}

async function inHostPhase(session: Session, resultsFile: string, log: (s: string) => void): Promise<InHostResults> {
  const entry = path.join(WORK, 'out', 'bench', 'vscode', 'inHost.js');
  const hostLog = fs.createWriteStream(path.join(WORK, 'extension-host-console.log'));
  let exited!: (code: number) => void;
  const exit = new Promise<number>((r) => (exited = r));
  const page = await session.openWorkbench({ extensionTestsPath: entry, onLog: (l) => hostLog.write(l + '\n'), onExit: (c) => exited(c) });
  // The in-host side asks (by a file) for the flow webview to be scrolled and measured here, in Chromium.
  let stopServing = false;
  const serving = serveScrollRequests(page, resultsFile, () => stopServing, log);
  try {
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exit,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the in-host bench did not finish within 8 min')), 8 * 60_000))),
    ]).finally(() => clearTimeout(timer));
    log(`  in-host bench ended (${code})`);
    if (!fs.existsSync(resultsFile)) throw new Error(`the in-host bench wrote no results (exit ${code}); see bench/.work/extension-host-console.log`);
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as InHostResults;
  } finally {
    stopServing = true;
    await serving;
    hostLog.end();
    await page.context().close().catch(() => undefined);
  }
}

/** Scroll frames measured per request, and the distance per frame (a brisk wheel scroll). */
const SCROLL_FRAMES = 360;
const SCROLL_STEP_PX = 60;
/** How far requestAnimationFrame timestamps stray from the 60 Hz frame (16.67 ms) on a page doing nothing. */
const RAF_JITTER_MS = 0.2;

async function serveScrollRequests(page: Page, resultsFile: string, stopped: () => boolean, log: (s: string) => void): Promise<void> {
  const request = scrollRequestFile(resultsFile);
  fs.rmSync(request, { force: true });
  while (!stopped()) {
    if (!fs.existsSync(request)) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    const { items, mode } = JSON.parse(fs.readFileSync(request, 'utf8')) as ScrollRequest;
    fs.rmSync(request, { force: true });
    let answer: ScrollMeasure | { error: string };
    try {
      answer = await measureScroll(page, items, mode === 'heap' ? 0 : SCROLL_FRAMES);
      log(`  flow webview: ${items} items, scrolled ${answer.scrolledPx} px, heap ${answer.heapMb} MB`);
    } catch (e) {
      answer = { error: (e as Error).message.split('\n')[0] };
    }
    fs.writeFileSync(scrollResultFile(resultsFile), JSON.stringify(answer));
  }
}

/**
 * Finds the flow webview showing `items` items (VS Code nests webviews in two iframes) and scrolls
 * it by SCROLL_STEP_PX in each of SCROLL_FRAMES animation frames, timing every frame with
 * requestAnimationFrame; then reads performance.memory (Chromium).
 */
async function measureScroll(page: Page, items: number, scrollFrames: number): Promise<ScrollMeasure> {
  const end = Date.now() + 20_000;
  for (;;) {
    for (const frame of page.frames()) {
      const count = await frame.evaluate(() => document.querySelector('.timeline')?.getAttribute('data-count') ?? null).catch(() => null);
      if (count !== String(items)) continue;
      const measured = await frame.evaluate(
        ({ frames, idle, step }) =>
          new Promise<ScrollMeasure>((resolve) => {
            window.scrollTo(0, 0);
            /** Intervals of `count` animation frames, scrolling by `by` in each. */
            const run = (count: number, by: number) =>
              new Promise<number[]>((done) => {
                const out: number[] = [];
                let last = 0;
                let n = 0;
                const tick = (t: number) => {
                  if (last) out.push(Math.round((t - last) * 100) / 100);
                  last = t;
                  if (n++ >= count) return done(out);
                  if (by) window.scrollBy(0, by);
                  requestAnimationFrame(tick);
                };
                // Two frames first, so the jump to the top is not the first interval.
                requestAnimationFrame(() => requestAnimationFrame(tick));
              });
            void (async () => {
              const idleFrameMs = frames ? await run(idle, 0) : [];
              const frameMs = frames ? await run(frames, step) : [];
              const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
              resolve({ frameMs, idleFrameMs, stepPx: step, heapMb: mem ? Math.round((mem.usedJSHeapSize / 1048576) * 10) / 10 : null, inDom: document.querySelectorAll('.flow-item').length, scrolledPx: Math.round(window.scrollY) });
            })();
          }),
        { frames: scrollFrames, idle: 120, step: SCROLL_STEP_PX },
      );
      // performance.memory is coarse and counts garbage: ask the renderer (CDP) after a full gc.
      const heap = await heapAfterGc(page, frame);
      return heap === null ? measured : { ...measured, heapMb: heap };
    }
    if (Date.now() > end) throw new Error(`no flow webview showing ${items} items`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The used JS heap of the renderer that runs `frame` (the workbench's too when they share it), MB, after a gc. */
async function heapAfterGc(page: Page, frame: import('playwright-core').Frame): Promise<number | null> {
  for (const target of [frame, page]) {
    try {
      const cdp = await page.context().newCDPSession(target);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        return Math.round((usedSize / 1048576) * 10) / 10;
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    } catch {
      // not a frame of its own process: try the page
    }
  }
  return null;
}

const p95 = (v: number[]) => {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};

/** The rows of figure 6 (report.ts adds them to the table). `why`: what to say when not measured. */
export function panelRows(p: PanelTimings | undefined, why: string): Row[] {
  const med = (v: number[] | undefined) => (v && v.length ? round(summarize(v).median, 1) : NaN);
  const spread = (v: number[] | undefined) => (v && v.length ? `${v.join(', ')} ms` : '');
  if (!p) {
    return [
      { figure: '6', metric: 'Details header on screen after the command', measured: why, target: '≤ 300 ms', pass: null },
      { figure: '6', metric: "the flow's first screen after the command", measured: why, target: '≤ 300 ms', pass: null },
      { figure: '6', metric: 'render a 2,000-item flow', measured: why, target: '≤ 50 ms', pass: null },
      { figure: '6', metric: 'scroll a 20,000-item flow: p95 frame time; webview memory', measured: why, target: '≤ 16.7 ms; ≤ 50 MB', pass: null },
    ];
  }
  const rows: Row[] = [];
  const workers = (p.boot ?? []).flatMap((b) => (b.workerMs === undefined ? [] : [b.workerMs]));
  const bootNote = p.boot?.length
    ? `; after its HTML is set (medians), a new webview's document starts at ${med(p.boot.map((b) => b.documentMs))} ms${workers.length ? `, the browser starts code-server's webview service worker for it at ${med(workers)} ms (the document waits for it: code-server registers one worker per webview)` : ''}, and the page's script (inline, nothing to fetch) runs at ${med(p.boot.map((b) => b.scriptMs))} ms`
    : '';
  const warmHeader = med(p.detailsWarmHeaderMs);
  rows.push(
    p.detailsWarmHeaderMs?.length
      ? { figure: '6', metric: 'Details header on screen after the command, preview panel open (its live webview moves on)', measured: `${warmHeader} ms`, target: '≤ 300 ms', pass: warmHeader <= 300, note: `${spread(p.detailsWarmHeaderMs)}; a different organization each time, header read included` }
      : { figure: '6', metric: 'Details header on screen after the command, preview panel open', measured: `${why.split(':')[0]}: this run did not time it`, target: '≤ 300 ms', pass: null },
  );
  const header = med(p.detailsHeaderMs);
  rows.push({ figure: '6', metric: 'Details header on screen after the command, new panel (page reports it laid out)', measured: `${header} ms`, target: '(context)', pass: null, note: `${spread(p.detailsHeaderMs)}; page script listening after ${med(p.detailsOpenMs)} ms median${bootNote}; ${p.via}` });
  const warmFirst = med(p.flowWarmFirstScreenMs);
  rows.push(
    p.flowWarmFirstScreenMs?.length
      ? { figure: '6', metric: "the flow's first screen after the command, preview panel open (first page rendered in the webview)", measured: `${warmFirst} ms`, target: '≤ 300 ms', pass: warmFirst <= 300, note: `${spread(p.flowWarmFirstScreenMs)}; first page of 100 read included` }
      : { figure: '6', metric: "the flow's first screen after the command, preview panel open", measured: `${why.split(':')[0]}: this run did not time it`, target: '≤ 300 ms', pass: null },
  );
  const first = med(p.flowFirstScreenMs);
  rows.push(
    p.flowFirstScreenMs?.length
      ? { figure: '6', metric: "the flow's first screen after the command, new panel", measured: `${first} ms`, target: '(context)', pass: null, note: `${spread(p.flowFirstScreenMs)}; the first page is read while the webview boots` }
      : { figure: '6', metric: "the flow's first screen after the command, new panel", measured: `${why.split(':')[0]}: this run did not time it`, target: '(context)', pass: null },
  );
  const render = med(p.flowRenderMs);
  rows.push({ figure: '6', metric: `render a ${p.flowItems.toLocaleString('en')}-item flow (measured in the webview)`, measured: `${render} ms`, target: '≤ 50 ms', pass: render <= 50, note: `renders ${spread(p.flowRenderMs)}; host read + post + render ${med(p.flowHostMs)} ms median${p.flowInDom !== undefined ? `; ${p.flowInDom} item rows in the DOM` : ''}` });
  const huge = p.hugeFlow;
  const s = huge?.scroll;
  if (huge && s) {
    const q = round(p95(s.frameMs), 2);
    const idle = s.idleFrameMs?.length ? round(p95(s.idleFrameMs), 2) : NaN;
    // One frame at 60 Hz is 16.67 ms; rAF timestamps jitter by ±0.2 ms (the page at rest shows it).
    const frameLimit = Math.max(16.7 + RAF_JITTER_MS, Number.isFinite(idle) ? idle : 0);
    const over = s.frameMs.filter((f) => f > 25).length;
    const heapAdded = s.heapBeforeMb !== undefined && s.heapBeforeMb !== null && s.heapMb !== null ? round(s.heapMb - s.heapBeforeMb, 1) : null;
    rows.push({
      figure: '6',
      metric: `scroll a ${huge.items.toLocaleString('en')}-item flow: p95 frame time (requestAnimationFrame); webview JS heap the items add`,
      measured: `${q} ms; ${heapAdded ?? '?'} MB`,
      target: `≤ 16.7 ms (+ ${RAF_JITTER_MS} ms rAF jitter); ≤ 50 MB`,
      pass: q <= frameLimit && heapAdded !== null && heapAdded <= 50,
      note: `${s.frameMs.length} frames at ${s.stepPx} px each (${s.scrolledPx} px), median ${round(summarize(s.frameMs).median, 2)} ms, ${over} dropped (> 25 ms); the same page at rest: p95 ${idle} ms, max ${s.idleFrameMs?.length ? Math.max(...s.idleFrameMs) : '?'} ms; heap ${s.heapMb} MB after, ${s.heapBeforeMb ?? '?'} MB with the first page only (used JS heap of the renderer after a forced gc, through CDP; it runs the workbench too, so the difference is the figure); ${s.inDom} item rows in the DOM; rendering all ${huge.items.toLocaleString('en')} took ${huge.renderMs} ms`,
    });
  } else {
    rows.push({ figure: '6', metric: 'scroll a 20,000-item flow: p95 frame time; webview memory', measured: huge?.note ? `not measured: ${huge.note}` : why, target: '≤ 16.7 ms; ≤ 50 MB', pass: null });
  }
  return rows;
}

export async function runVsCodeFigures(opts: { quick: boolean; log?: (s: string) => void }): Promise<VsCodeFigures> {
  const log = opts.log ?? (() => undefined);
  const out: VsCodeFigures = { vscodeVersion: `code-server ${CODE_SERVER_VERSION}`, bigLetter: { letter: BIG_LETTER, size: 0, added: 0 }, notMeasured: [] };
  if (!fs.existsSync(path.join(EXT_DIR, 'dist', 'extension.js'))) throw new Error('bench/.work/ext has no production build (the bundle figure builds it first)');
  // The harness finds code-server under its root's .cache, which is bench/.work for this compile:
  // point that at the repository's own cache, so the install the tests made is reused.
  const cache = path.join(WORK, '.cache');
  if (!fs.existsSync(cache)) {
    fs.mkdirSync(path.join(ROOT, '.cache'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, '.cache'), cache, 'dir');
  }
  try {
    findChromium();
    ensureCodeServer(log);
  } catch (e) {
    out.notMeasured.push(`figures 3, 4, 5 (activation), 6: no VS Code here: ${(e as Error).message}`);
    return out;
  }
  const resultsFile = path.join(WORK, 'in-host-results.json');
  fs.rmSync(resultsFile, { force: true });
  let session: Session | undefined;
  try {
    session = await Session.start({
      name: 'bench',
      sandbox: { size: opts.quick ? 5000 : 20_000, rateLimitPerWindow: 100_000 },
      env: {
        PIPEDRIVE_BENCH_RESULTS: resultsFile,
        PIPEDRIVE_BENCH_BIG_LETTER: BIG_LETTER,
        PIPEDRIVE_BENCH_QUICK: opts.quick ? '1' : '0',
      },
    });
    const s = session;
    // The production build in bench/.work/ext is the extension under development, not the repository.
    s.workbenchUrl = (o = {}) => workbenchUrl(s.codeServer, s.workspaceDir, { extensionDevelopmentPath: EXT_DIR, ...o });
    try {
      const vsVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(ensureCodeServer()), '..', '..', 'lib', 'vscode', 'package.json'), 'utf8')) as { version: string };
      out.vscodeVersion = `VS Code ${vsVersion.version} (code-server ${CODE_SERVER_VERSION})`;
    } catch {
      // keep the code-server version alone
    }
    const seeded = await seedBigLetter(s.sandbox, BIG_LETTER, opts.quick ? 2000 : 10_000);
    out.bigLetter = { letter: BIG_LETTER, ...seeded };
    log(`  sandbox: letter ${BIG_LETTER} has ${seeded.size} organizations (${seeded.added} added)`);
    try {
      out.ui = await uiPhase(s, opts.quick, log);
    } catch (e) {
      out.notMeasured.push(`workbench (Playwright) part: ${(e as Error).message.split('\n')[0]}`);
      await s.saveArtifacts(path.join(WORK, 'artifacts')).catch(() => undefined);
    }
    try {
      out.inHost = await inHostPhase(s, resultsFile, log);
    } catch (e) {
      out.notMeasured.push(`in-host part: ${(e as Error).message.split('\n')[0]}`);
      if (fs.existsSync(resultsFile)) out.inHost = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as InHostResults;
    }
    await s.saveArtifacts(path.join(WORK, 'artifacts')).catch(() => undefined);
  } finally {
    await session?.dispose();
    await cleanupAll();
  }
  return out;
}
