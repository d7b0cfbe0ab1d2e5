/**
 * Keeps request starts at least 1/rate seconds apart, so the extractor stays
 * under its share of the account's limit (STRIPE_MAX_RPS) instead of finding
 * the limit through 429s. Spacing, not a burst bucket: Stripe counts per
 * second and a burst at the top of a second is what it refuses.
 */
export class RequestLimiter {
  private nextAt = 0;

  constructor(
    private readonly requestsPerSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(requestsPerSecond > 0)) throw new Error(`requests per second must be above 0, got ${requestsPerSecond}`);
  }

  /** Resolves when the next request may start, and books its slot. */
  async acquire(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.requestsPerSecond;
    if (at > now) await this.sleep(at - now);
  }
}
