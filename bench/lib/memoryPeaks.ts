// The peak heap and RSS of this process while a measured step runs: sampled every few ms (a peak
// between samples is caught by the caller's extra sample() calls or the kernel's maxRSS).

export class MemoryPeaks {
  readonly before: NodeJS.MemoryUsage;
  heap: number;
  rss: number;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(intervalMs = 5) {
    (globalThis as { gc?: () => void }).gc?.();
    this.before = process.memoryUsage();
    this.heap = this.before.heapUsed;
    this.rss = this.before.rss;
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    const m = process.memoryUsage();
    this.heap = Math.max(this.heap, m.heapUsed);
    this.rss = Math.max(this.rss, m.rss);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}
