// A list that keeps only the rows on screen (plus a margin) in the DOM once it is long: spacers
// stand for the rest, rows that stay keep their elements (and focus). Short lists hold every row
// (a section of a page or two reads and tabs as before). Every row says where it is
// (aria-posinset / aria-setsize), so screen readers know the list's size.
import { RowHeights } from './_rowHeights';

export interface RowWindowOptions {
  /** Longer than this, the list is virtualised. */
  after: number;
  estimatePx: number;
  marginPx: number;
}

export class RowWindow<T> {
  private items: T[] = [];
  private readonly heights: RowHeights;
  private painted = { first: 0, last: 0 };
  private virtual = false;
  private readonly top: HTMLElement;
  private readonly bottom: HTMLElement;

  constructor(
    private readonly list: HTMLElement,
    private readonly build: (item: T, index: number) => HTMLElement,
    private readonly opts: RowWindowOptions,
  ) {
    this.heights = new RowHeights(() => opts.estimatePx);
    const spacer = () => {
      const li = document.createElement('li');
      li.className = 'spacer';
      li.setAttribute('aria-hidden', 'true');
      li.setAttribute('role', 'presentation');
      return li;
    };
    this.top = spacer();
    this.bottom = spacer();
  }

  get length(): number {
    return this.items.length;
  }

  /** Item elements in the DOM now. */
  get rendered(): number {
    return this.painted.last - this.painted.first;
  }

  clear(): void {
    this.items = [];
    this.heights.setCount(0);
    this.virtual = false;
    this.painted = { first: 0, last: 0 };
    this.list.replaceChildren();
    this.list.removeAttribute('tabindex');
  }

  append(items: readonly T[]): void {
    this.items.push(...items);
    this.heights.setCount(this.items.length);
    if (!this.virtual && this.items.length <= this.opts.after) {
      const frag = document.createDocumentFragment();
      for (let i = this.painted.last; i < this.items.length; i++) frag.append(this.element(i));
      this.list.append(frag);
      this.painted = { first: 0, last: this.items.length };
      this.updateSetSize();
      return;
    }
    if (!this.virtual) {
      // Long now: from here on only a window is in the DOM. The list holds focus while a focused
      // row is out of it.
      this.virtual = true;
      this.list.tabIndex = -1;
      this.list.replaceChildren(this.top, this.bottom);
      this.painted = { first: 0, last: 0 };
    }
    this.paint(true);
    this.updateSetSize();
  }

  /** Puts the rows that cover the view (plus the margin) in the DOM. A closed section paints nothing. */
  paint(force = false): void {
    if (!this.virtual || this.list.offsetParent === null) return;
    const top = this.list.getBoundingClientRect().top;
    const m = this.opts.marginPx;
    const range = this.heights.range(-top - m, -top + window.innerHeight + m);
    if (!force && range.first === this.painted.first && range.last === this.painted.last) return;
    const hadFocus = this.list.contains(document.activeElement) && document.activeElement !== this.list;
    const fresh: Array<[number, HTMLElement]> = [];
    const build = (i: number) => {
      const el = this.element(i);
      fresh.push([i, el]);
      return el;
    };
    const old = this.painted;
    if (range.first >= old.last || range.last <= old.first) {
      while (this.top.nextElementSibling && this.top.nextElementSibling !== this.bottom) this.top.nextElementSibling.remove();
      const frag = document.createDocumentFragment();
      for (let i = range.first; i < range.last; i++) frag.append(build(i));
      this.bottom.before(frag);
    } else {
      for (let i = old.first; i < range.first; i++) this.top.nextElementSibling?.remove();
      for (let i = range.last; i < old.last; i++) this.bottom.previousElementSibling?.remove();
      const before = document.createDocumentFragment();
      for (let i = range.first; i < old.first; i++) before.append(build(i));
      this.top.after(before);
      const after = document.createDocumentFragment();
      for (let i = old.last; i < range.last; i++) after.append(build(i));
      this.bottom.before(after);
    }
    this.painted = range;
    for (const [i, el] of fresh) this.heights.set(i, el.offsetHeight);
    this.top.style.height = `${this.heights.offsetOf(range.first)}px`;
    this.bottom.style.height = `${this.heights.total - this.heights.offsetOf(range.last)}px`;
    if (hadFocus && !this.list.contains(document.activeElement)) this.list.focus({ preventScroll: true });
  }

  private element(i: number): HTMLElement {
    const el = this.build(this.items[i], i);
    el.setAttribute('aria-posinset', String(i + 1));
    el.setAttribute('aria-setsize', String(this.items.length));
    return el;
  }

  private updateSetSize(): void {
    const size = String(this.items.length);
    this.list.querySelectorAll('[aria-setsize]').forEach((el) => el.setAttribute('aria-setsize', size));
  }
}
