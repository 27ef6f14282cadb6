// DOM helpers of the webviews. Record data only ever becomes text nodes (textContent); no
// innerHTML, no inline handlers, no attribute that runs code. Text is cleaned again on render
// (bidi overrides, zero-width and control characters out), whatever the host sent.
import { safeText } from '../src/util/safeText';
import type { PageBoot } from '../src/webviews/validate';

export interface VsCodeApi<S, M> {
  postMessage(message: M): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S, M>(): VsCodeApi<S, M>;

export function vscodeApi<S, M>(): VsCodeApi<S, M> {
  return acquireVsCodeApi<S, M>();
}

type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  text?: string;
  title?: string;
  /** Plain attributes; names starting with "on" are refused. */
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.title) el.title = safeText(props.title);
  if (props.attrs) {
    for (const [k, v] of Object.entries(props.attrs)) {
      if (/^on/i.test(k)) throw new Error(`refusing event attribute ${k}`);
      el.setAttribute(k, v);
    }
  }
  if (props.text !== undefined) el.textContent = safeText(props.text);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(safeText(c)) : c);
  }
  return el;
}

export function icon(name: string, extra = ''): HTMLSpanElement {
  const safe = /^[a-z0-9-]+$/.test(name) ? name : 'circle-outline';
  return h('span', { class: `codicon codicon-${safe}${extra ? ' ' + extra : ''}`, attrs: { 'aria-hidden': 'true' } });
}

export function button(label: string, onClick: (ev: MouseEvent) => void, opts: { icon?: string; secondary?: boolean; title?: string; iconOnly?: boolean; class?: string } = {}): HTMLButtonElement {
  const b = h('button', {
    class: ['btn', opts.secondary ? 'secondary' : '', opts.iconOnly ? 'icon-only' : '', opts.class ?? ''].filter(Boolean).join(' '),
    title: opts.title ?? (opts.iconOnly ? label : undefined),
    attrs: { type: 'button', ...(opts.iconOnly ? { 'aria-label': label } : {}) },
  });
  if (opts.icon) b.append(icon(opts.icon));
  if (!opts.iconOnly) b.append(h('span', { text: label }));
  b.addEventListener('click', onClick);
  return b;
}

/** http(s) only; the host checks again before opening. */
export function isWebUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A link that the host opens (VS Code's openExternal); text shown literally. */
export function externalLink(text: string, url: string | undefined, open: (url: string) => void, cls = 'link'): HTMLElement {
  if (!isWebUrl(url)) return h('span', { class: cls, text });
  const a = h('a', { class: cls, text, attrs: { href: url, rel: 'noopener noreferrer' } });
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    open(url);
  });
  return a;
}

export function select<T extends string>(label: string, options: ReadonlyArray<readonly [T, string]>, value: T, onChange: (v: T) => void, cls = ''): HTMLLabelElement {
  const s = h('select', { class: 'dropdown' });
  for (const [v, text] of options) {
    const o = h('option', { text, attrs: { value: v } });
    if (v === value) o.selected = true;
    s.append(o);
  }
  s.addEventListener('change', () => onChange(s.value as T));
  return h('label', { class: `field ${cls}`.trim() }, h('span', { class: 'field-label', text: label }), s);
}

export function checkbox(label: string, checked: boolean, onChange: (v: boolean) => void): HTMLLabelElement {
  const c = h('input', { attrs: { type: 'checkbox' } });
  c.checked = checked;
  c.addEventListener('change', () => onChange(c.checked));
  return h('label', { class: 'field checkbox' }, c, h('span', { text: label }));
}

/** Lets the browser paint between chunks of work (works while the panel is hidden, unlike rAF). */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves when the page's fonts (the codicon font) have loaded, or after `ms`.
 */
export function fontsSettled(ms = 1500): Promise<void> {
  const fonts = (document as Document & { fonts?: { ready: Promise<unknown> } }).fonts;
  if (!fonts) return Promise.resolve();
  return Promise.race([fonts.ready.then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

/** When this page came up: its document's start and now (epoch ms), and the files it fetched. */
function bootTiming(): PageBoot {
  const origin = performance.timeOrigin;
  const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
    name: r.name.split(/[?#]/)[0].split('/').pop() ?? '',
    start: r.startTime,
    ms: r.duration,
  }));
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return { docStart: origin, workerStart: nav?.workerStart ?? 0, scriptAt: origin + performance.now(), resources };
}

/**
 * Says `ready` now (the host posts what it has at once: content never waits for the icon font) and
 * `settled` once the fonts have loaded: code-server stops loading webviews after one was closed
 * while its codicon font was still loading, so the host's `ready` (safe to close) waits for that.
 */
export function sayReady(post: (m: { type: 'ready'; boot?: PageBoot } | { type: 'settled' }) => void): void {
  post({ type: 'ready', boot: bootTiming() });
  void fontsSettled().then(() => post({ type: 'settled' }));
}

/**
 * Keeps the page's scroll position in the webview state (debounced, so scrolling does not write on
 * every frame) and returns the function that restores it once, after the first content render:
 * restoring earlier would clamp to the still-empty page.
 */
export function keepScroll(state: { scrollY: number }, save: () => void): () => void {
  let restored = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('scroll', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      state.scrollY = Math.round(window.scrollY);
      save();
    }, 150);
  });
  return () => {
    if (restored) return;
    restored = true;
    if (state.scrollY > 0) window.scrollTo(0, state.scrollY);
  };
}
