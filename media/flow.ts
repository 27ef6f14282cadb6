// The Flow (timeline) panel in the browser: newest first, grouped by day, filter chips, "Load
// older". The list is virtualised: only the rows on screen plus a margin are in the DOM (spacers
// stand for the rest), so 20,000 items scroll like 20. The render time is measured with
// performance.now() and reported to the host.
import { FLOW_ITEM_TYPES, FLOW_MAX_LIMIT, FLOW_PAGE_SIZE, type FlowFilter, type FlowHostMessage, type FlowItemTypeName, type FlowItemView, type FlowState, type FlowWebviewMessage } from '../src/webviews/flow/protocol';
import { FLOW_ICONS, groupByDay } from '../src/webviews/flow/flowModel';
import { button, checkbox, externalLink, h, icon, keepScroll, sayReady, vscodeApi } from './_dom';
import { RowHeights } from './_rowHeights';
import { displayLanguage, t } from './_l10n';

/** Rows rendered above and below the view, in pixels. */
const MARGIN_PX = 800;
const ITEM_ESTIMATE_PX = 48;
const DAY_ESTIMATE_PX = 40;

const api = vscodeApi<FlowState, FlowWebviewMessage>();
const orgId = Number(document.body.dataset.orgId);
const saved = api.getState();
const state: FlowState = {
  orgId,
  filter: {
    items: Array.isArray(saved?.filter?.items) ? saved!.filter.items.filter((t) => (FLOW_ITEM_TYPES as readonly string[]).includes(t)) : [],
    allChanges: saved?.filter?.allChanges === true,
  },
  loaded: typeof saved?.loaded === 'number' ? saved.loaded : 0,
  scrollY: typeof saved?.scrollY === 'number' ? saved.scrollY : 0,
};
const save = () => api.setState(state);
const restoreScroll = keepScroll(state, save);
save();
const post = (m: FlowWebviewMessage) => api.postMessage(m);
const openUrl = (url: string) => post({ type: 'openExternal', url });

// ---- layout --------------------------------------------------------------------------------

const root = document.getElementById('root')!;
const title = h('h1', { class: 'org-name' }, icon('history'), h('span', { class: 'name-text', text: t('Flow') }));
const banner = h('div', { class: 'banner', attrs: { role: 'alert', hidden: '' } });
const chipBar = h('div', { class: 'chip-bar', attrs: { role: 'group', 'aria-label': t('Show only') } });
/** The filter chips' words, each a literal so the l10n bundle has it. */
const CHIP_LABELS: Record<FlowItemTypeName, () => string> = {
  activity: () => t('Activities'),
  plannedActivity: () => t('Planned activities'),
  note: () => t('Notes'),
  file: () => t('Files'),
  change: () => t('Changes'),
  deal: () => t('Deals'),
  follower: () => t('Followers'),
  participant: () => t('Participants'),
  mailMessage: () => t('Emails'),
  mailMessageWithAttachment: () => t('Emails with attachments'),
  invoice: () => t('Invoices'),
  activityFile: () => t('Activity files'),
  document: () => t('Documents'),
};

const chips = new Map<FlowItemTypeName, HTMLButtonElement>();
const allChip = h('button', { class: 'filter-chip chip-all', text: t('All'), attrs: { type: 'button' } });
allChip.addEventListener('click', () => setFilter({ ...state.filter, items: [] }));
chipBar.append(allChip);
for (const type of FLOW_ITEM_TYPES) {
  const chip = h('button', { class: 'filter-chip', attrs: { type: 'button', 'data-type': type } }, icon(FLOW_ICONS[type]), h('span', { text: CHIP_LABELS[type]() }));
  chip.addEventListener('click', () => {
    const on = state.filter.items.includes(type);
    setFilter({ ...state.filter, items: on ? state.filter.items.filter((x) => x !== type) : [...state.filter.items, type] });
  });
  chips.set(type, chip);
  chipBar.append(chip);
}
const toolbar = h(
  'div',
  { class: 'toolbar' },
  checkbox(t('Include custom field changes (all_changes)'), state.filter.allChanges, (allChanges) => setFilter({ ...state.filter, allChanges })),
  button(t('Details'), () => post({ type: 'openDetails' }), { icon: 'organization', secondary: true }),
  button(t('Reload'), () => load(false), { icon: 'refresh', secondary: true, iconOnly: true }),
);
// The feed itself takes focus (tabindex -1) only while the focused item is scrolled out of the DOM.
const timeline = h('div', { class: 'timeline', attrs: { role: 'feed', 'aria-label': t('Timeline'), 'data-count': '0', tabindex: '-1' } });
const topSpacer = h('div', { class: 'spacer', attrs: { 'aria-hidden': 'true' } });
const rowsBox = h('div', { class: 'rows-window' });
const bottomSpacer = h('div', { class: 'spacer', attrs: { 'aria-hidden': 'true' } });
timeline.append(topSpacer, rowsBox, bottomSpacer);
const status = h('div', { class: 'section-status', attrs: { 'aria-live': 'polite' } });
const older = button(t('Load older'), () => load(true), { icon: 'chevron-down', secondary: true, class: 'load-more load-older' });
older.hidden = true;
root.replaceChildren(title, banner, chipBar, toolbar, timeline, status, older);
/** The display language for day headings (the host's `init`); English until it arrives. */
let locale = displayLanguage();
root.setAttribute('aria-busy', 'false');

function paintChips(): void {
  allChip.setAttribute('aria-pressed', String(state.filter.items.length === 0));
  for (const [type, chip] of chips) chip.setAttribute('aria-pressed', String(state.filter.items.includes(type)));
}

function setFilter(filter: FlowFilter): void {
  state.filter = filter;
  state.loaded = 0;
  save();
  paintChips();
  // Before `ready` the host drops answers; the first load after it uses the new filter.
  if (readySent) load(false);
}

// ---- loading -------------------------------------------------------------------------------

let requestId = 0;
let readySent = false;
let next: number | undefined;
let shown = 0;
let lastDay: string | undefined;

type TimelineRow = { type: 'day'; day: string; label: string } | { type: 'item'; v: FlowItemView; pos: number };
/** Every loaded row (day headings and items), newest first; only a window of them is in the DOM. */
let rows: TimelineRow[] = [];
const heights = new RowHeights((i) => (rows[i]?.type === 'day' ? DAY_ESTIMATE_PX : ITEM_ESTIMATE_PX));
/** The row the keyboard is on (the feed's tab stop); -1 until there are items. */
let current = -1;
/** The DOM holds the elements of rows painted.first … painted.last - 1, in order. */
let painted = { first: 0, last: 0 };
let setSizeShown = '';

function clearTimeline(): void {
  rows = [];
  heights.setCount(0);
  shown = 0;
  lastDay = undefined;
  painted = { first: 0, last: 0 };
  current = -1;
  rowsBox.replaceChildren();
  topSpacer.style.height = '0px';
  bottomSpacer.style.height = '0px';
  timeline.dataset.count = '0';
}
let lastFailed: { start?: number; limit?: number } | undefined;

function load(more: boolean, limit = FLOW_PAGE_SIZE): void {
  requestId++;
  const start = more ? next : undefined;
  if (!more) clearTimeline();
  older.hidden = true;
  status.replaceChildren(h('span', { class: 'loading' }, icon('loading', 'codicon-modifier-spin'), ` ${t('Loading…')}`));
  lastFailed = { start, limit };
  post({ type: 'load', requestId, ...(start ? { start } : {}), ...(limit !== FLOW_PAGE_SIZE ? { limit } : {}), filter: state.filter });
}

function itemElement(v: FlowItemView): HTMLDivElement {
  const body = h('div', { class: 'flow-body' });
  body.append(externalLink(v.title, v.url, openUrl, 'flow-title'));
  if (v.change) {
    body.append(
      h('span', { class: 'flow-lines flow-change' }, h('span', { class: 'old', text: v.change.from }), ' → ', h('span', { class: 'new', text: v.change.to })),
    );
  }
  if (v.lines.length) body.append(h('span', { class: 'flow-lines', text: v.lines.join(' · ') }));
  if (v.user) body.append(h('span', { class: 'flow-meta', text: v.user }));
  return h('div', { class: `flow-item kind-${v.kind}`, attrs: { 'data-key': v.key, 'data-kind': v.kind, role: 'article' } }, h('span', { class: 'flow-time', text: v.time }), icon(v.icon, 'row-icon'), body);
}

function rowElement(row: TimelineRow, index: number, setSize: string): HTMLElement {
  if (row.type === 'day') return h('h2', { class: 'day day-title', text: row.label, attrs: { 'data-day': row.day } });
  const el = itemElement(row.v);
  el.setAttribute('aria-posinset', String(row.pos));
  el.setAttribute('aria-setsize', setSize);
  // Roving tabindex: the current item is the feed's one tab stop, the others are reached by keys.
  el.tabIndex = index === current ? 0 : -1;
  return el;
}


/**
 * Puts the rows that cover the view (plus MARGIN_PX) in the DOM; the spacers stand for the rest.
 * Rows that stay in the window keep their elements (and focus); only rows entering it are built.
 */
function paint(force = false): void {
  const top = timeline.getBoundingClientRect().top;
  const range = heights.range(-top - MARGIN_PX, -top + window.innerHeight + MARGIN_PX);
  // More items to load: the size is unknown (-1), as the feed pattern says.
  const setSize = next === undefined ? String(shown) : '-1';
  if (!force && range.first === painted.first && range.last === painted.last) return;
  const hadFocus = rowsBox.contains(document.activeElement);
  const overlap = !force && range.first < painted.last && painted.first < range.last;
  const fresh: Array<[number, HTMLElement]> = [];
  const build = (i: number) => {
    const el = rowElement(rows[i], i, setSize);
    el.dataset.index = String(i);
    fresh.push([i, el]);
    return el;
  };
  if (!overlap) {
    const frag = document.createDocumentFragment();
    for (let i = range.first; i < range.last; i++) frag.append(build(i));
    rowsBox.replaceChildren(frag);
  } else {
    for (let i = painted.first; i < range.first; i++) rowsBox.firstElementChild?.remove();
    for (let i = range.last; i < painted.last; i++) rowsBox.lastElementChild?.remove();
    const before = document.createDocumentFragment();
    for (let i = range.first; i < Math.min(painted.first, range.last); i++) before.append(build(i));
    rowsBox.prepend(before);
    const after = document.createDocumentFragment();
    for (let i = Math.max(painted.last, range.first); i < range.last; i++) after.append(build(i));
    rowsBox.append(after);
  }
  painted = range;
  if (setSize !== setSizeShown) {
    setSizeShown = setSize;
    rowsBox.querySelectorAll('[aria-setsize]').forEach((el) => el.setAttribute('aria-setsize', setSize));
  }
  for (const [i, el] of fresh) heights.set(i, el.offsetHeight);
  topSpacer.style.height = `${heights.offsetOf(range.first)}px`;
  bottomSpacer.style.height = `${heights.total - heights.offsetOf(range.last)}px`;
  timeline.dataset.count = String(shown);
  // The focused item left the DOM: the feed holds focus (keys still work) until the item is back.
  const active = document.activeElement;
  if ((hadFocus && !rowsBox.contains(active)) || active === timeline) (rowElementAt(current) ?? timeline).focus({ preventScroll: true });
}

function rowElementAt(index: number): HTMLElement | undefined {
  if (index < painted.first || index >= painted.last) return undefined;
  return rowsBox.children[index - painted.first] as HTMLElement | undefined;
}

/** The item row at `from` or the nearest one in direction `dir` (day headings are skipped), else the other way; -1: none. */
function itemFrom(from: number, dir: 1 | -1): number {
  const i = Math.max(0, Math.min(rows.length - 1, from));
  for (let j = i; j >= 0 && j < rows.length; j += dir) if (rows[j].type === 'item') return j;
  for (let j = i; j >= 0 && j < rows.length; j -= dir) if (rows[j].type === 'item') return j;
  return -1;
}

/** Moves the keyboard to row `index`: scrolls it into view, paints, focuses it. */
function moveTo(index: number): void {
  const target = itemFrom(index, index >= current ? 1 : -1);
  if (target < 0) return;
  const prev = rowElementAt(current);
  if (prev) prev.tabIndex = -1;
  current = target;
  const listTop = timeline.getBoundingClientRect().top + window.scrollY;
  const y = listTop + heights.offsetOf(target);
  const h = heights.heightOf(target);
  if (y < window.scrollY) window.scrollTo(0, y);
  else if (y + h > window.scrollY + window.innerHeight) window.scrollTo(0, y + h - window.innerHeight);
  paint();
  const el = rowElementAt(target);
  if (el) {
    el.tabIndex = 0;
    el.focus({ preventScroll: true });
  }
}

/** Items one screen away from `from` (for PageUp / PageDown). */
function pageFrom(from: number, dir: 1 | -1): number {
  const y = heights.offsetOf(from) + dir * Math.max(ITEM_ESTIMATE_PX, window.innerHeight - ITEM_ESTIMATE_PX);
  return heights.range(y, y).first;
}

timeline.addEventListener('keydown', (ev) => {
  if (rows.length === 0 || ev.altKey || ev.ctrlKey || ev.metaKey) return;
  const at = current < 0 ? itemFrom(0, 1) : current;
  let to: number | undefined;
  switch (ev.key) {
    case 'ArrowDown':
      to = at + 1;
      break;
    case 'ArrowUp':
      to = at - 1;
      break;
    case 'PageDown':
      to = pageFrom(at, 1);
      break;
    case 'PageUp':
      to = pageFrom(at, -1);
      break;
    case 'Home':
      to = 0;
      break;
    case 'End':
      to = rows.length - 1;
      break;
  }
  if (to === undefined) return;
  ev.preventDefault();
  moveTo(to);
});
// A click on an item makes it the keyboard's current one.
timeline.addEventListener('focusin', (ev) => {
  const el = (ev.target as HTMLElement).closest<HTMLElement>('[data-index]');
  if (!el || !rowsBox.contains(el)) return;
  const i = Number(el.dataset.index);
  if (i === current) return;
  const prev = rowElementAt(current);
  if (prev) prev.tabIndex = -1;
  current = i;
  el.tabIndex = 0;
});

let paintQueued = false;
function queuePaint(): void {
  if (paintQueued) return;
  paintQueued = true;
  requestAnimationFrame(() => {
    paintQueued = false;
    paint();
  });
}
window.addEventListener('scroll', queuePaint, { passive: true });
window.addEventListener('resize', () => paint(true));

/** Adds a page's items as rows (a page may continue the day shown last) and paints the window. */
function render(items: FlowItemView[]): void {
  for (const g of groupByDay(items, lastDay, locale)) {
    if (!g.continues) rows.push({ type: 'day', day: g.day, label: g.label });
    for (const v of g.items) rows.push({ type: 'item', v, pos: ++shown });
    lastDay = g.day;
  }
  if (current < 0) current = itemFrom(0, 1);
  heights.setCount(rows.length);
  paint(true);
}

async function onPage(m: Extract<FlowHostMessage, { type: 'page' }>): Promise<void> {
  // Host-initiated pages (showAll) replace what is shown and become the current request.
  if (m.requestId !== requestId) {
    if (m.requestId < 1_000_000_000) return;
    requestId = m.requestId;
  }
  const t0 = performance.now();
  if (!m.append) clearTimeline();
  next = m.next;
  render(m.items);
  // Let layout happen inside the measurement: what a person waits for is a painted list.
  void timeline.offsetHeight;
  const ms = performance.now() - t0;
  older.hidden = next === undefined;
  status.replaceChildren();
  if (shown === 0) status.append(h('span', { class: 'empty', text: state.filter.items.length ? t('Nothing of these kinds.') : t('Nothing in the flow yet.') }));
  state.loaded = shown;
  save();
  post({ type: 'rendered', requestId: m.requestId, count: m.items.length, total: shown, ms: Math.round(ms * 10) / 10, inDom: rowsBox.querySelectorAll('.flow-item').length });
  restoreScroll();
}


window.addEventListener('message', (ev: MessageEvent<FlowHostMessage>) => {
  const m = ev.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'init':
      locale = m.locale;
      document.documentElement.lang = m.locale;
      return;
    case 'slow':
      if (m.requestId !== requestId) return;
      status.replaceChildren(
        h('div', { class: 'slow', attrs: { role: 'status' } }, icon('loading', 'codicon-modifier-spin'), h('span', { class: 'slow-text', text: ` ${m.message}` }), button(t('Cancel'), () => post({ type: 'cancel', requestId: m.requestId }), { secondary: true, class: 'cancel' })),
      );
      return;
    case 'title':
      title.replaceChildren(icon('history'), h('span', { class: 'name-text', text: t('Flow: {0}', m.name) }));
      return;
    case 'status':
      banner.hidden = false;
      banner.replaceChildren(icon('warning'), h('span', { text: m.message }));
      return;
    case 'page':
      void onPage(m);
      return;
    case 'reset':
      // Another organization in this page (a preview panel moved on), with the same filter.
      state.orgId = m.orgId;
      state.loaded = 0;
      state.scrollY = 0;
      document.body.dataset.orgId = String(m.orgId);
      title.replaceChildren(icon('history'), h('span', { class: 'name-text', text: t('Flow') }));
      banner.hidden = true;
      window.scrollTo(0, 0);
      load(false);
      return;
    case 'error':
      if (m.requestId !== requestId) return;
      status.replaceChildren(
        h('div', { class: 'error-box', attrs: { role: 'alert' } }, icon('error'), h('span', { class: 'error-text', text: m.message }), button(t('Retry'), () => {
          const f = lastFailed ?? {};
          requestId++;
          status.replaceChildren(h('span', { class: 'loading' }, icon('loading', 'codicon-modifier-spin'), ` ${t('Loading…')}`));
          post({ type: 'load', requestId, ...(f.start ? { start: f.start } : {}), ...(f.limit && f.limit !== FLOW_PAGE_SIZE ? { limit: f.limit } : {}), filter: state.filter });
        }, { icon: 'refresh', secondary: true, class: 'retry' })),
      );
      older.hidden = true;
      return;
  }
});

paintChips();
status.replaceChildren(h('span', { class: 'loading' }, icon('loading', 'codicon-modifier-spin'), ` ${t('Loading…')}`));
sayReady(post);
readySent = true;
// After a reload ask for as many items as were shown before (within one request's limit).
load(false, Math.min(FLOW_MAX_LIMIT, Math.max(FLOW_PAGE_SIZE, state.loaded)));
