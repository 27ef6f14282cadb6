// The Details panel in the browser: renders what the host sends, asks for sections when they are
// opened, keeps open sections, filters and scroll in vscode.setState.
import {
  DEFAULT_PARAMS,
  SECTION_IDS,
  type DetailsHostMessage,
  type DetailsState,
  type DetailsWebviewMessage,
  type HeaderView,
  type PanelAction,
  type Row,
  type SectionId,
  type SectionPage,
  type SectionParams,
  type UserOption,
} from '../src/webviews/details/protocol';
import { button, externalLink, h, icon, keepScroll, sayReady, vscodeApi } from './_dom';
import { headerError, renderFollow, renderHeader, skeleton } from './_header';
import { t } from './_l10n';
import { RowWindow } from './_rowWindow';
import { buildToolbar, setPrimaryOnlySupported } from './_sectionToolbar';

const api = vscodeApi<DetailsState, DetailsWebviewMessage>();
const orgId = Number(document.body.dataset.orgId);
const saved = api.getState();
const state: DetailsState = {
  orgId,
  open: Array.isArray(saved?.open) ? saved!.open.filter((s) => (SECTION_IDS as readonly string[]).includes(s)) : [],
  params: { ...DEFAULT_PARAMS, ...(saved?.params ?? {}) },
  scrollY: typeof saved?.scrollY === 'number' ? saved.scrollY : 0,
};
const save = () => api.setState(state);
const restoreScroll = keepScroll(state, save);
save();

const post = (m: DetailsWebviewMessage) => api.postMessage(m);
const openUrl = (url: string) => post({ type: 'openExternal', url });

const TITLES: Record<SectionId, string> = {
  persons: t('Persons'),
  deals: t('Deals'),
  activities: t('Activities'),
  files: t('Files'),
  followers: t('Followers'),
  mailMessages: t('Mail messages'),
  permittedUsers: t('Permitted users'),
  changelog: t('Changelog'),
};
const EMPTY: Record<SectionId, string> = {
  persons: t('No persons.'),
  deals: t('No deals match.'),
  activities: t('No activities match.'),
  files: t('No files.'),
  followers: t('No followers.'),
  mailMessages: t('No mail messages.'),
  permittedUsers: t('No permitted users.'),
  changelog: t('No changes.'),
};

// ---- layout --------------------------------------------------------------------------------

const root = document.getElementById('root')!;
const banner = h('div', { class: 'banner', attrs: { role: 'alert', hidden: '' } });
const notice = h('div', { class: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
const headerBox = h('header', { class: 'org-header' }, skeleton(t('Loading organization…')));
let headerShown = false;

const actionButtons: HTMLButtonElement[] = [];
let busy = false;
let gone = false;

const actionBar = h('div', { class: 'actions', attrs: { role: 'toolbar', 'aria-label': t('Organization actions') } });
const action = (label: string, a: PanelAction, iconName: string, secondary = true) => {
  const b = button(label, () => post({ type: 'action', action: a }), { icon: iconName, secondary, class: `action-${a}` });
  if (a !== 'openFlow') actionButtons.push(b);
  actionBar.append(b);
  return b;
};
action(t('Update'), 'update', 'edit', false);
const followButton = action(t('Follow'), 'follow', 'eye');
action(t('Merge'), 'merge', 'git-merge');
action(t('Delete'), 'delete', 'trash');
action(t('Open flow'), 'openFlow', 'history');
const pipedriveLink = h('span', { class: 'pipedrive-link' });
actionBar.append(pipedriveLink, button(t('Refresh'), () => post({ type: 'refresh' }), { icon: 'refresh', iconOnly: true, secondary: true }));

const sectionsBox = h('div', { class: 'sections' });
root.replaceChildren(banner, headerBox, actionBar, notice, sectionsBox);
root.setAttribute('aria-busy', 'false');

function updateActions(): void {
  for (const b of actionButtons) b.disabled = busy || gone;
  actionBar.classList.toggle('busy', busy);
}

// ---- header ----------------------------------------------------------------------------------

/** Remembers the header is on screen: a slow refresh then leaves it there and notes it below. */
function showHeader(v: HeaderView): void {
  headerShown = true;
  renderFollow(followButton, v.following);
  renderHeader(v, headerBox, pipedriveLink, openUrl);
  restoreScroll();
}

function showHeaderError(message: string): void {
  headerShown = false;
  headerBox.replaceChildren(headerError(message, () => post({ type: 'refresh' })));
}

// ---- sections --------------------------------------------------------------------------------

interface SectionUi {
  id: SectionId;
  details: HTMLDetailsElement;
  list: HTMLUListElement;
  status: HTMLElement;
  more: HTMLButtonElement;
  toolbar: HTMLElement;
  loaded: boolean;
  requestId: number;
  next?: number | string;
  lastRequest?: { start?: number; cursor?: string };
  candidates: UserOption[];
  /** The loaded rows; past SECTION_WINDOW.after only those on screen are in the DOM. */
  rows: RowWindow<Row>;
}

/** Long sections (many Load more) keep a window of rows in the DOM, as the flow does. */
const SECTION_WINDOW = { after: 100, estimatePx: 30, marginPx: 600 };

let nextRequestId = 1;
let readySent = false;
const sections = new Map<SectionId, SectionUi>();

function buildSection(id: SectionId): SectionUi {
  const list = h('ul', { class: 'rows', attrs: { 'aria-label': TITLES[id] } });
  const status = h('div', { class: 'section-status', attrs: { 'aria-live': 'polite' } });
  const toolbar = h('div', { class: 'toolbar' });
  const details = h('details', { class: `section section-${id}`, attrs: { 'data-section': id } }, h('summary', {}, h('span', { class: 'summary-title', text: TITLES[id] })), toolbar, list, status);
  const ui: SectionUi = { id, details, list, status, toolbar, more: null as unknown as HTMLButtonElement, loaded: false, requestId: 0, candidates: [], rows: null as unknown as RowWindow<Row> };
  ui.rows = new RowWindow<Row>(list, (r) => rowElement(ui, r), SECTION_WINDOW);
  ui.more = button(t('Load more'), () => load(ui, true), { icon: 'chevron-down', secondary: true, class: 'load-more' });
  ui.more.hidden = true;
  details.append(ui.more);
  buildToolbar(id, toolbar, { params: () => state.params, setParams: (key, value) => setParams(ui, key, value), post });
  if (state.open.includes(id)) details.open = true;
  details.addEventListener('toggle', () => {
    const open = details.open;
    state.open = SECTION_IDS.filter((s) => (s === id ? open : state.open.includes(s)));
    save();
    // Before `ready` the host drops what it would answer; the sections open then load after it.
    if (open && !ui.loaded && readySent) load(ui, false);
    if (open) ui.rows.paint(true);
  });
  return ui;
}

function setParams<K extends keyof SectionParams>(ui: SectionUi, key: K, value: SectionParams[K]): void {
  state.params = { ...state.params, [key]: value };
  save();
  if (readySent && ui.details.open) load(ui, false);
  else ui.loaded = false;
}

function load(ui: SectionUi, more: boolean): void {
  const requestId = nextRequestId++;
  ui.requestId = requestId;
  ui.loaded = true;
  const at = more ? ui.next : undefined;
  ui.lastRequest = typeof at === 'string' ? { cursor: at } : typeof at === 'number' ? { start: at } : {};
  if (!more) ui.rows.clear();
  ui.more.hidden = true;
  ui.details.setAttribute('aria-busy', 'true');
  ui.status.replaceChildren(h('span', { class: 'loading' }, icon('loading', 'codicon-modifier-spin'), ` ${t('Loading…')}`));
  send(ui, requestId);
}

function send(ui: SectionUi, requestId: number): void {
  const r = ui.lastRequest ?? {};
  const p = state.params;
  switch (ui.id) {
    case 'changelog':
      post({ type: 'loadSection', section: 'changelog', requestId, ...(r.cursor ? { cursor: r.cursor } : {}) });
      return;
    case 'deals':
      post({ type: 'loadSection', section: 'deals', requestId, ...(r.start ? { start: r.start } : {}), params: p.deals });
      return;
    case 'activities':
      post({ type: 'loadSection', section: 'activities', requestId, ...(r.start ? { start: r.start } : {}), params: p.activities });
      return;
    case 'files':
      post({ type: 'loadSection', section: 'files', requestId, ...(r.start ? { start: r.start } : {}), params: p.files });
      return;
    default:
      post({ type: 'loadSection', section: ui.id, requestId, ...(r.start ? { start: r.start } : {}) });
  }
}

function retry(ui: SectionUi): void {
  const requestId = nextRequestId++;
  ui.requestId = requestId;
  ui.status.replaceChildren(h('span', { class: 'loading' }, icon('loading', 'codicon-modifier-spin'), ` ${t('Loading…')}`));
  send(ui, requestId);
}

function rowElement(ui: SectionUi, r: Row): HTMLLIElement {
  const main = h('div', { class: 'row-main' }, externalLink(r.title, r.url, openUrl, 'row-title'));
  if (r.details.length) main.append(h('span', { class: 'row-details', text: r.details.join(' · ') }));
  const li = h('li', { class: 'row', attrs: { 'data-key': r.key } }, icon(r.icon, 'row-icon'), main);
  if (r.badge) li.append(h('span', { class: `badge badge-${r.badge.replace(/[^a-z]/gi, '')}`, text: r.badge }));
  if (ui.id === 'followers' && r.followerId) {
    const id = r.followerId;
    const b = button(t('Remove follower {0}', r.title), () => post({ type: 'removeFollower', followerId: id }), { icon: 'close', iconOnly: true, secondary: true, class: 'remove-follower' });
    li.append(b);
  }
  return li;
}

function showPage(ui: SectionUi, page: SectionPage, append: boolean, candidates?: UserOption[]): void {
  ui.details.setAttribute('aria-busy', 'false');
  if (!append) ui.rows.clear();
  ui.rows.append(page.rows);
  ui.next = page.next;
  ui.more.hidden = page.next === undefined;
  ui.status.replaceChildren();
  if (ui.rows.length === 0) ui.status.append(h('span', { class: 'empty', text: EMPTY[ui.id] }));
  if (candidates) {
    ui.candidates = candidates;
    const picker = ui.toolbar.querySelector('select');
    if (picker) {
      picker.replaceChildren(...candidates.map((c) => h('option', { text: c.name, attrs: { value: String(c.id) } })));
      picker.disabled = candidates.length === 0;
    }
  }
  const summary = ui.details.querySelector('summary');
  const count = summary?.querySelector('.summary-count') ?? summary?.appendChild(h('span', { class: 'summary-count' }));
  if (count) count.textContent = `${ui.rows.length}${page.next !== undefined ? '+' : ''}`;
}

function showSectionError(ui: SectionUi, message: string, append: boolean): void {
  ui.details.setAttribute('aria-busy', 'false');
  if (!append) ui.rows.clear();
  ui.more.hidden = true;
  ui.status.replaceChildren(
    h('div', { class: 'error-box', attrs: { role: 'alert' } }, icon('error'), h('span', { class: 'error-text', text: message }), button(t('Retry'), () => retry(ui), { icon: 'refresh', secondary: true, class: 'retry' })),
  );
}

for (const id of SECTION_IDS) {
  const ui = buildSection(id);
  sections.set(id, ui);
  sectionsBox.append(ui.details);
}

/** Another organization in this page (a preview panel moved on): nothing of the last one stays. */
function resetTo(id: number): void {
  state.orgId = id;
  state.scrollY = 0;
  save();
  document.body.dataset.orgId = String(id);
  headerShown = false;
  gone = false;
  busy = false;
  banner.hidden = true;
  document.body.classList.remove('gone');
  notice.replaceChildren();
  headerBox.classList.remove('slow');
  headerBox.replaceChildren(skeleton(t('Loading organization…')));
  pipedriveLink.replaceChildren();
  renderFollow(followButton, undefined);
  updateActions();
  for (const ui of sections.values()) {
    ui.requestId = nextRequestId++; // answers for the last organization are dropped
    ui.loaded = false;
    ui.next = undefined;
    ui.rows.clear();
    ui.status.replaceChildren();
    ui.more.hidden = true;
    ui.details.querySelector('.summary-count')?.remove();
    if (ui.details.open) load(ui, false);
  }
  window.scrollTo(0, 0);
}

// Long sections follow the scroll (one paint per frame).
let sectionPaintQueued = false;
const paintSections = () => {
  if (sectionPaintQueued) return;
  sectionPaintQueued = true;
  requestAnimationFrame(() => {
    sectionPaintQueued = false;
    for (const ui of sections.values()) if (ui.details.open) ui.rows.paint();
  });
};
window.addEventListener('scroll', paintSections, { passive: true });
window.addEventListener('resize', () => {
  for (const ui of sections.values()) if (ui.details.open) ui.rows.paint(true);
});

// ---- messages ------------------------------------------------------------------------------

let noticeTimer: ReturnType<typeof setTimeout> | undefined;

window.addEventListener('message', (ev: MessageEvent<DetailsHostMessage>) => {
  const m = ev.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'init':
      document.documentElement.lang = m.locale;
      setPrimaryOnlySupported(m.dealsPrimaryOnly !== false);
      return;
    case 'slow':
      // A header already on screen (a refresh) stays; the note goes where notices go.
      if (headerShown) {
        notice.className = 'notice info slow';
        notice.replaceChildren(h('span', { text: m.message }), button(t('Cancel'), () => post({ type: 'cancel' }), { secondary: true, class: 'cancel' }));
      } else {
        headerBox.replaceChildren(skeleton(m.message, button(t('Cancel'), () => post({ type: 'cancel' }), { secondary: true, class: 'cancel' })));
        headerBox.classList.add('slow');
      }
      return;
    case 'header':
      headerBox.classList.remove('slow');
      if (notice.classList.contains('slow')) notice.replaceChildren();
      showHeader(m.header);
      // Layout now, inside this task: the report means the header is laid out, ready to paint.
      void headerBox.offsetHeight;
      post({ type: 'headerShown' });
      return;
    case 'headerError':
      headerBox.classList.remove('slow');
      if (notice.classList.contains('slow')) notice.replaceChildren();
      showHeaderError(m.message);
      return;
    case 'status':
      gone = m.status !== 'active';
      banner.hidden = !gone;
      banner.replaceChildren(icon('warning'), h('span', { text: m.message }));
      document.body.classList.toggle('gone', gone);
      updateActions();
      return;
    case 'busy':
      busy = m.busy;
      updateActions();
      return;
    case 'notice':
      notice.className = `notice ${m.level}`;
      notice.textContent = m.message;
      if (noticeTimer) clearTimeout(noticeTimer);
      if (m.level === 'info') noticeTimer = setTimeout(() => (notice.textContent = ''), 8000);
      return;
    case 'reset':
      resetTo(m.orgId);
      return;
    case 'invalidate':
      for (const ui of sections.values()) {
        if (m.sections && !m.sections.includes(ui.id)) continue;
        if (ui.details.open) load(ui, false);
        else ui.loaded = false;
      }
      return;
    case 'section': {
      const ui = sections.get(m.section);
      if (ui && ui.requestId === m.requestId) showPage(ui, m.page, m.append, m.candidates);
      return;
    }
    case 'sectionError': {
      const ui = sections.get(m.section);
      if (ui && ui.requestId === m.requestId) showSectionError(ui, m.message, m.append);
      return;
    }
  }
});

updateActions();
sayReady(post);
readySent = true;
// Sections that were open before a reload load again.
for (const ui of sections.values()) if (ui.details.open && !ui.loaded) load(ui, false);
