// Heights of the rows of a virtualised list: estimated until a row has been on screen, measured
// after. Answers which rows cover a stretch of the list, so only those (plus a margin) are in the
// DOM. No DOM here: the unit tests use it.

export class RowHeights {
  private readonly measured: Array<number | undefined> = [];
  private offsets: number[] = [0];
  private dirty = true;
  private count = 0;

  /** `estimate(i)`: the height of row i before it was measured. */
  constructor(private readonly estimate: (index: number) => number) {}

  get length(): number {
    return this.count;
  }

  setCount(n: number): void {
    this.count = n;
    this.measured.length = Math.min(this.measured.length, n);
    this.dirty = true;
  }

  /** Records a measured height; true when it differs from what was assumed. */
  set(index: number, height: number): boolean {
    const before = this.heightOf(index);
    this.measured[index] = height;
    if (before !== height) this.dirty = true;
    return before !== height;
  }

  heightOf(index: number): number {
    return this.measured[index] ?? this.estimate(index);
  }

  /** Distance from the list's top to row `index` (index === length: the total height). */
  offsetOf(index: number): number {
    this.update();
    return this.offsets[Math.max(0, Math.min(index, this.count))];
  }

  get total(): number {
    return this.offsetOf(this.count);
  }

  /** The rows [first, last) that overlap [top, bottom] (list coordinates). */
  range(top: number, bottom: number): { first: number; last: number } {
    this.update();
    if (this.count === 0) return { first: 0, last: 0 };
    const first = Math.max(0, this.rowAt(top));
    const last = Math.min(this.count, this.rowAt(bottom) + 1);
    return { first, last: Math.max(first, last) };
  }

  /** The row at list position y (binary search over the offsets). */
  private rowAt(y: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private update(): void {
    if (!this.dirty) return;
    const offsets = new Array<number>(this.count + 1);
    offsets[0] = 0;
    for (let i = 0; i < this.count; i++) offsets[i + 1] = offsets[i] + this.heightOf(i);
    this.offsets = offsets;
    this.dirty = false;
  }
}
