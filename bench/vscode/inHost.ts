// Runs inside VS Code's extension host (extensionTestsPath) for figures 3–6: activation time,
// requests per user action (from the sandbox's log), paging through a 10,000-organization letter,
// extension-host memory per 10,000 loaded organizations, and the webview panels' timings. It drives
// the extension the way the tests do: its commands, its tree view, and the API activate() returns.
// Writes one JSON file ($PIPEDRIVE_BENCH_RESULTS). A step that cannot run records why, never a number.
import * as fs from 'fs';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as vscode from 'vscode';
import type { PipedriveExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { TestUserInput } from '../../src/ui/TestUserInput';
import type { RequestLogEntry } from '../../src/sandbox/types';
import { scrollRequestFile, scrollResultFile, type ScrollMeasure } from './scrollProtocol';

const EXTENSION_ID = 'pipedrive-orgs.pipedrive-organizations';

/** Figure 6: the webview panels. */
export interface PanelTimings {
  via: string;
  /** openDetails() → the page script listens (says `ready`). */
  detailsOpenMs: number[];
  /** openDetails() → the page reports the header laid out. */
  detailsHeaderMs: number[];
  /** openFlow() → the page reports its first page rendered (the first screen). */
  flowFirstScreenMs?: number[];
  /** The same with a preview panel open: its live webview moves to the organization. */
  detailsWarmHeaderMs?: number[];
  flowWarmFirstScreenMs?: number[];
  /** New panels: ms from setting the HTML to the page's document starting and to its script running. */
  boot?: Array<{ documentMs: number; workerMs?: number; scriptMs: number }>;
  /** showAll() of the 2,000+-item flow: render time measured in the webview. */
  flowRenderMs: number[];
  /** showAll(): host read + post + render. */
  flowHostMs: number[];
  flowItems: number;
  /** Item rows in the webview's DOM after rendering the 2,000+ items. */
  flowInDom?: number;
  /** The 20,000-item flow: render, then a scroll measured in the webview by the Playwright side. */
  hugeFlow?: { items: number; renderMs: number; inDom?: number; scroll?: ScrollMeasure; note?: string };
  note?: string;
}


export interface ActionCount {
  requests: number | null;
  /** "GET /v1/organizations" → count. */
  paths: Record<string, number>;
  note?: string;
}

export interface InHostResults {
  activation?: { wasActiveBefore: boolean; activateMs: number | null; activateCpuMs?: number | null; silentSignInMs?: number; note?: string };
  actions: Record<string, ActionCount & { sections?: number }>;
  paging?: { letter: string; letterSize: number; pageSize: number; firstPageMs: number; pageMs: number[]; totalMs: number; pages: number };
  memory?: { gcExposed: boolean; letter: string; points: { orgs: number; heapUsedMb: number; rssMb: number; externalMb: number }[]; perTenThousandHeapMb: number; perTenThousandRssMb: number };
  panels?: PanelTimings;
  errors: string[];
  /** The last thing each step started: where a step that did not finish stopped. */
  progress?: string[];
}

const env = {
  url: process.env.PIPEDRIVE_SANDBOX_URL ?? '',
  token: process.env.PIPEDRIVE_SANDBOX_TOKEN ?? '',
  resultsFile: process.env.PIPEDRIVE_BENCH_RESULTS ?? '',
  bigLetter: process.env.PIPEDRIVE_BENCH_BIG_LETTER ?? 'Q',
  bigLetterSize: Number(process.env.PIPEDRIVE_BENCH_BIG_LETTER_SIZE ?? 0),
  quick: process.env.PIPEDRIVE_BENCH_QUICK === '1',
  flowOrgId: Number(process.env.PIPEDRIVE_BENCH_FLOW_ORG ?? 7),
  hugeFlowOrgId: Number(process.env.PIPEDRIVE_BENCH_HUGE_FLOW_ORG ?? 17),
};

// ---- the sandbox's request log (control routes are not logged themselves) -----------------------

async function control(route: string, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${env.url}/__sandbox/${route}`, { method });
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}
const sandboxLog = async () => ((await control('log', 'GET')) as { data: RequestLogEntry[] }).data;
const clearLog = () => control('log/clear');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The requests an action caused: waits until the log has been quiet for `quietMs` (an action may
 * start requests after its command resolved, e.g. VS Code re-asking the tree), then counts.
 */
async function settledLog(quietMs = 600, maxMs = 15_000): Promise<RequestLogEntry[]> {
  const end = Date.now() + maxMs;
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const n = (await sandboxLog()).length;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs || Date.now() > end) {
      return sandboxLog();
    }
    await sleep(50);
  }
}

function countOf(entries: RequestLogEntry[], note?: string): ActionCount {
  const paths: Record<string, number> = {};
  for (const e of entries) {
    const key = `${e.method} ${e.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
    paths[key] = (paths[key] ?? 0) + 1;
  }
  return { requests: entries.length, paths, ...(note ? { note } : {}) };
}

async function measureAction(action: () => Promise<unknown>, note?: string): Promise<ActionCount> {
  await settledLog(300);
  await clearLog();
  await action();
  return countOf(await settledLog(), note);
}

// ---- helpers over the extension ---------------------------------------------------------------

function gcFunction(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

function labelOf(api: PipedriveExtensionApi, node: TreeNode): string {
  const item = api.tree.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

async function letterNode(api: PipedriveExtensionApi, letter: string): Promise<TreeNode> {
  const roots = await api.tree.getChildren(undefined);
  const node = roots.find((n) => labelOf(api, n) === letter);
  if (!node) throw new Error(`no letter node "${letter}" (roots: ${roots.map((n) => labelOf(api, n)).join(' ')})`);
  return node;
}

async function waitFor(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Resolves on the next store change that makes `check` true (no polling delay in the timing). */
function whenStore(api: PipedriveExtensionApi, check: () => boolean, what: string, ms = 60_000): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const sub = api.store.onDidChange(() => {
      if (!check()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

async function setPageSize(value: number | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('pipedrive');
  if (config.inspect('pageSize')?.globalValue === value) return;
  const seen = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve();
    }, 5000);
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pipedrive.pageSize')) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
  await config.update('pageSize', value, vscode.ConfigurationTarget.Global);
  await seen;
}

const mb = (b: number) => Math.round((b / 1024 / 1024) * 100) / 100;
const ms = (t0: number) => Math.round((performance.now() - t0) * 100) / 100;

// ---- the steps --------------------------------------------------------------------------------

async function activation(results: InHostResults): Promise<PipedriveExtensionApi> {
  const ext = vscode.extensions.getExtension<PipedriveExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  // The host is still busy starting when it calls the bench: let it settle, so the clock measures
  // the extension, not the host's own start-up. CPU time is reported too (less moved by other load).
  await sleep(2000);
  const wasActiveBefore = ext.isActive;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const api = await ext.activate();
  const activateMs = ms(t0);
  const cpu = process.cpuUsage(cpu0);
  const t1 = performance.now();
  await api.ready;
  results.activation = {
    wasActiveBefore,
    activateMs: wasActiveBefore ? null : activateMs,
    activateCpuMs: wasActiveBefore ? null : Math.round(((cpu.user + cpu.system) / 1000) * 100) / 100,
    silentSignInMs: ms(t1),
    ...(wasActiveBefore ? { note: 'not measured: the extension was already active when the bench started' } : {}),
  };
  return api;
}

async function signIn(api: PipedriveExtensionApi): Promise<void> {
  const ui = new TestUserInput();
  api.setUserInput(ui);
  if (!api.auth.signedIn) {
    ui.queue(env.token);
    await vscode.commands.executeCommand('pipedrive.signIn');
  }
  if (!api.auth.signedIn) throw new Error(`not signed in after pipedrive.signIn (${ui.errors.join('; ')})`);
  // The first sign-in reads every organization into the index, and users and fields: let those
  // reads finish, so each action counts only its own requests.
  await api.index.settled;
  await api.session.settled();
}

async function actions(api: PipedriveExtensionApi, results: InHostResults): Promise<void> {
  await setPageSize(undefined);
  api.store.clear();
  const letter = await letterNode(api, 'B');
  const key = 'letter:B' as const;
  // Expand: VS Code asks the provider for the children, as when a person clicks the twistie.
  results.actions.expandLetter = await measureAction(async () => {
    await api.treeView.reveal(letter, { expand: true, focus: false, select: false });
    await waitFor(() => api.store.list(key).loaded, 'letter B to load');
  });
  results.actions.expandAgain = await measureAction(async () => {
    await vscode.commands.executeCommand('workbench.actions.treeView.pipedrive.organizations.collapseAll');
    await api.treeView.reveal(letter, { expand: true, focus: false, select: false });
    await api.tree.getChildren(letter);
  });
  results.actions.loadMore = await measureAction(async () => {
    const kids = await api.tree.getChildren(letter);
    const more = kids.find((n) => n.type === 'loadMore');
    if (!more) throw new Error('no "Load more…" under B');
    const before = api.store.organizations(key).length;
    await vscode.commands.executeCommand('pipedrive.loadMore', more);
    await waitFor(() => api.store.organizations(key).length > before, 'the next page');
  });
}

interface PanelLike {
  ready: boolean;
  onDidReady: vscode.Event<void>;
  onDidPost: vscode.Event<{ type: string; section?: string }>;
  dispose(): void;
  whenLoaded?(): Promise<void>;
  onDidDispose: vscode.Event<void>;
}

function ready(p: PanelLike, timeout = 20_000): Promise<void> {
  if (p.ready) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('the webview never said ready')), timeout);
    p.onDidReady(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

/**
 * The panels: through the extension's own command when it has one (pipedrive.openDetails), else
 * through createPanels() of src/webviews with a client of the bench's own (marked in `via`).
 */
async function panelsAndDetails(api: PipedriveExtensionApi, results: InHostResults): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  const hasCommand = commands.includes('pipedrive.openDetails');
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  type Panels = import('../../src/webviews/registerPanels').Panels;
  // The extension's own panels when activate() exposes them; else a set made here from src/webviews.
  const own = (api as unknown as { panels?: Panels }).panels;
  let panels: Panels;
  let cleanup = () => undefined as void;
  if (own) {
    panels = own;
  } else {
     
    const { createPanels } = require('../../src/webviews/registerPanels') as typeof import('../../src/webviews/registerPanels');
     
    const { PipedriveClient } = require('../../src/api') as typeof import('../../src/api');
    const { OrganizationActions } = require('../../src/model/OrganizationActions') as typeof import('../../src/model/OrganizationActions');
    const { OrganizationStore } = require('../../src/model/OrganizationStore') as typeof import('../../src/model/OrganizationStore');
    const client = new PipedriveClient({ token: env.token, baseUrl: env.url });
    const changes = new vscode.EventEmitter<{ id: number; kind: 'updated' | 'deleted' | 'merged' }>();
    panels = createPanels(ext.extensionUri, {
      getClient: () => client,
      companyDomain: () => undefined,
      runAction: async () => undefined,
      followers: new OrganizationActions(new OrganizationStore(), () => client, () => undefined),
      onDidChangeOrganization: changes.event,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    cleanup = () => {
      panels.dispose();
      client.dispose();
    };
  }
  const via = hasCommand
    ? `requests: the extension's pipedrive.openDetails command; timings: ${own ? "the extension's own panels" : 'createPanels() of src/webviews in the bench'}`
    : "createPanels() of src/webviews with the bench's own client: the extension has no pipedrive.openDetails command yet";
  const orgId = 1;
  try {
    // Requests per open / re-open.
    const openOnce = async (): Promise<{ sections: number }> => {
      const sections = new Set<string>();
      if (hasCommand) {
        await vscode.commands.executeCommand('pipedrive.openDetails', orgId);
        // The panel is the extension's own: its open sections are the section routes it asked for.
        const entries = await settledLog();
        const routes = new Set(entries.map((e) => /\/organizations\/\d+\/(persons|deals|activities|files|followers|mailMessages|permittedUsers|changelog)/.exec(e.path)?.[1]).filter(Boolean));
        return { sections: routes.size };
      }
      const p = panels.openDetails(orgId) as unknown as PanelLike;
      p.onDidPost((m) => {
        if (m.type === 'section' && m.section) sections.add(m.section);
      });
      await ready(p);
      await p.whenLoaded?.();
      return { sections: sections.size };
    };
    let first = { sections: 0 };
    const mark = (what: string) => {
      (results.progress ??= []).push(what);
      if (env.resultsFile) fs.writeFileSync(env.resultsFile, JSON.stringify(results, null, 2));
    };
    mark('details: open through the command');
    const openCount = await measureAction(async () => (first = await openOnce()));
    results.actions.openDetails = { ...openCount, sections: first.sections, note: via };
    for (const p of [...panels.details.values()]) p.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    let again = { sections: 0 };
    mark('details: open again');
    const reopen = await measureAction(async () => (again = await openOnce()));
    results.actions.reopenDetails = { ...reopen, sections: again.sections, note: `${via}; the first panel was closed, then the same organization opened again` };
    for (const p of [...panels.details.values()]) p.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // Timings: open a Details panel (page listening; header on screen), the flow's first screen,
    // render a 2,000-item flow. A panel is closed only once it settled (fonts loaded).
    const reps = env.quick ? 2 : 5;
    const detailsOpenMs: number[] = [];
    const detailsHeaderMs: number[] = [];
    const flowFirstScreenMs: number[] = [];
    const flowRenderMs: number[] = [];
    const flowHostMs: number[] = [];
    let flowItems = 0;
    let flowInDom: number | undefined;
    let boot: PanelTimings['boot'];
    type Details = import('../../src/webviews/details/DetailsPanel').DetailsPanel;
    type Flow = import('../../src/webviews/flow/FlowPanel').FlowPanel;
    for (let i = 0; i < reps; i++) {
      const id = 20 + i; // a different organization each time: nothing cached in the panel
      mark(`details: timing ${i + 1}`);
      const t0 = performance.now();
      const d = panels.openDetails(id) as Details;
      const listening = once(d.onDidListen);
      const shown = once(d.onDidShowHeader);
      await listening;
      detailsOpenMs.push(ms(t0));
      if (d.lastBoot) (boot ??= []).push({ documentMs: d.lastBoot.documentMs, workerMs: d.lastBoot.workerMs, scriptMs: d.lastBoot.scriptMs });
      await shown;
      detailsHeaderMs.push(ms(t0));
      await ready(d as unknown as PanelLike);
      d.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    for (let i = 0; i < reps; i++) {
      mark(`flow: timing ${i + 1}`);
      const t0 = performance.now();
      const f = panels.openFlow(env.flowOrgId) as Flow;
      await once(f.onDidRender);
      flowFirstScreenMs.push(ms(t0));
      await ready(f as unknown as PanelLike);
      const t1 = performance.now();
      const report = await f.showAll();
      flowHostMs.push(ms(t1));
      flowRenderMs.push(report.ms);
      flowItems = report.count;
      flowInDom = report.inDom;
      f.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    // Warm: a preview panel is open; each organization opened as a preview moves its live webview.
    // Times from opening the next organization to `shown` (the header laid out, the first page rendered).
    const warmTimings = async <P extends { dispose(): void }>(kind: string, open: (id: number) => P, shown: (p: P) => vscode.Event<unknown>): Promise<number[]> => {
      const times: number[] = [];
      const warm = open(30);
      await once(shown(warm));
      await ready(warm as unknown as PanelLike);
      for (let i = 0; i < reps; i++) {
        mark(`${kind.toLowerCase()}: warm timing ${i + 1}`);
        const next = once(shown(warm));
        const t0 = performance.now();
        if (open(31 + i) !== warm) throw new Error(`the preview ${kind} panel was not reused`);
        await next;
        times.push(ms(t0));
      }
      warm.dispose();
      return times;
    };
    const detailsWarmHeaderMs = await warmTimings('Details', (id) => panels.openDetails(id, { preview: true }) as Details, (d) => d.onDidShowHeader);
    const flowWarmFirstScreenMs = await warmTimings('Flow', (id) => panels.openFlow(id, { preview: true }) as Flow, (f) => f.onDidRender);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    results.panels = {
      via,
      detailsOpenMs,
      detailsHeaderMs,
      flowFirstScreenMs,
      detailsWarmHeaderMs,
      flowWarmFirstScreenMs,
      ...(boot ? { boot } : {}),
      flowRenderMs,
      flowHostMs,
      flowItems,
      ...(flowInDom !== undefined ? { flowInDom } : {}),
    };
    mark('flow: 20,000 items');
    const huge = panels.openFlow(env.hugeFlowOrgId) as Flow;
    const firstPage = await once(huge.onDidRender);
    await ready(huge as unknown as PanelLike);
    let heapBeforeMb: number | null | undefined;
    try {
      heapBeforeMb = (await askScroll(firstPage.total, 'heap')).heapMb;
    } catch {
      heapBeforeMb = undefined;
    }
    const all = await huge.showAll();
    results.panels.hugeFlow = { items: all.count, renderMs: all.ms, ...(all.inDom !== undefined ? { inDom: all.inDom } : {}) };
    mark('flow: 20,000 items: scrolling');
    try {
      results.panels.hugeFlow.scroll = { ...(await askScroll(all.count, 'scroll')), ...(heapBeforeMb !== undefined ? { heapBeforeMb } : {}) };
    } catch (e) {
      results.panels.hugeFlow.note = `scroll not measured: ${e instanceof Error ? e.message : String(e)}`;
    }
    huge.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  } finally {
    cleanup();
  }
}

/** The next event. */
function once<T>(event: vscode.Event<T>, timeout = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      sub.dispose();
      reject(new Error('the panel did not report within 30 s'));
    }, timeout);
    const sub = event((e) => {
      clearTimeout(t);
      sub.dispose();
      resolve(e);
    });
  });
}

/**
 * Asks the workbench side (bench/figures/vscode.ts, which drives Chromium) to scroll the flow
 * webview showing `items` items and measure its frames; waits for its answer file.
 */
async function askScroll(items: number, mode: 'scroll' | 'heap'): Promise<ScrollMeasure> {
  if (!env.resultsFile) throw new Error('no results file to talk to the workbench side through');
  const answer = scrollResultFile(env.resultsFile);
  fs.rmSync(answer, { force: true });
  fs.writeFileSync(scrollRequestFile(env.resultsFile), JSON.stringify({ items, mode }));
  const end = Date.now() + 60_000;
  while (!fs.existsSync(answer)) {
    if (Date.now() > end) throw new Error('the workbench side did not answer within 60 s');
    await sleep(200);
  }
  const got = JSON.parse(fs.readFileSync(answer, 'utf8')) as ScrollMeasure | { error: string };
  if ('error' in got) throw new Error(got.error);
  return got;
}

async function bigLetter(api: PipedriveExtensionApi, results: InHostResults): Promise<void> {
  const gc = gcFunction();
  const letter = env.bigLetter;
  const key = `letter:${letter}` as const;
  const pageSize = 500;
  await setPageSize(pageSize);
  await vscode.commands.executeCommand('workbench.actions.treeView.pipedrive.organizations.collapseAll');
  api.store.clear();
  // A reading: let VS Code finish asking the tree (its requests to the provider allocate too), then
  // the lowest of three readings, each after a full gc.
  const reading = async (): Promise<NodeJS.MemoryUsage> => {
    await sleep(300);
    let best: NodeJS.MemoryUsage | undefined;
    for (let i = 0; i < 3; i++) {
      gc?.();
      await sleep(50);
      const m = process.memoryUsage();
      if (!best || m.heapUsed < best.heapUsed) best = m;
    }
    return best!;
  };
  const m0 = await reading();
  const points = [{ orgs: 0, heapUsedMb: 0, rssMb: 0, externalMb: 0 }];
  const node = await letterNode(api, letter);
  const t0 = performance.now();
  await api.treeView.reveal(node, { expand: true, focus: false, select: false });
  await whenStore(api, () => api.store.list(key).loaded, `letter ${letter} to load`);
  const firstPageMs = ms(t0);
  const pageMs: number[] = [];
  const everyOrgs = env.quick ? 1000 : 2000;
  let nextPoint = everyOrgs;
  while (api.store.list(key).hasMore) {
    const kids = await api.tree.getChildren(node);
    const more = kids.find((n) => n.type === 'loadMore');
    if (!more) throw new Error(`no "Load more…" under ${letter} with ${api.store.organizations(key).length} loaded`);
    const before = api.store.organizations(key).length;
    const t = performance.now();
    await vscode.commands.executeCommand('pipedrive.loadMore', more);
    await whenStore(api, () => api.store.organizations(key).length > before || api.store.list(key).state === 'error', 'the next page');
    pageMs.push(ms(t));
    if (api.store.list(key).state === 'error') throw new Error(`loading ${letter} failed: ${String(api.store.list(key).error)}`);
    const loaded = api.store.organizations(key).length;
    if (loaded >= nextPoint || !api.store.list(key).hasMore) {
      // Let VS Code ask for the children (as the view does) before measuring.
      await api.tree.getChildren(node);
      const m = await reading();
      points.push({ orgs: loaded, heapUsedMb: mb(m.heapUsed - m0.heapUsed), rssMb: mb(m.rss - m0.rss), externalMb: mb(m.external - m0.external) });
      while (nextPoint <= loaded) nextPoint += everyOrgs;
    }
  }
  const totalMs = ms(t0);
  const loaded = api.store.organizations(key).length;
  const last = points[points.length - 1];
  results.paging = { letter, letterSize: loaded, pageSize, firstPageMs, pageMs, totalMs, pages: pageMs.length + 1 };
  results.memory = {
    gcExposed: gc !== undefined,
    letter,
    points,
    perTenThousandHeapMb: Math.round((last.heapUsedMb / loaded) * 10_000 * 100) / 100,
    perTenThousandRssMb: Math.round((last.rssMb / loaded) * 10_000 * 100) / 100,
  };
  await vscode.commands.executeCommand('workbench.actions.treeView.pipedrive.organizations.collapseAll');
  api.store.clear();
  await setPageSize(undefined);
}

export async function run(): Promise<void> {
  const results: InHostResults = { actions: {}, errors: [] };
  // A step that hangs (a webview that never loads) ends after its budget, so the steps after it
  // are still measured and the report says which one did not finish.
  const step = async (name: string, f: () => Promise<void>, budgetMs = 150_000) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([f(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`did not finish within ${budgetMs / 1000} s`)), budgetMs)))]);
    } catch (e) {
      results.errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(timer);
    }
    if (env.resultsFile) fs.writeFileSync(env.resultsFile, JSON.stringify(results, null, 2));
  };
  let api: PipedriveExtensionApi | undefined;
  await step('activation', async () => {
    api = await activation(results);
  });
  if (api) {
    const a = api;
    await step('sign-in', () => signIn(a));
    await step('actions', () => actions(a, results));
    await step('details', () => panelsAndDetails(a, results));
    await step('big letter', () => bigLetter(a, results));
  }
  if (env.resultsFile) fs.writeFileSync(env.resultsFile, JSON.stringify(results, null, 2));
}
