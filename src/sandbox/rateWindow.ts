// A fixed 2-second window counter behind the x-ratelimit-* headers every response carries. The
// default limit is high so ordinary tests never trip it; the rate-limit fault does the tripping.

export class RateWindow {
  private windowStart = 0;
  private used = 0;

  constructor(readonly limit: number, readonly windowMs = 2000) {}

  hit(now = Date.now()): { limit: number; remaining: number; resetSeconds: number } {
    if (now - this.windowStart >= this.windowMs) { this.windowStart = now; this.used = 0; }
    this.used++;
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.used),
      resetSeconds: Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000)),
    };
  }

  get exhausted(): boolean {
    return this.used > this.limit;
  }
}
