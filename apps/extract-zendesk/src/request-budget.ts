/** Slack for the trip to Zendesk: its minute starts when a request arrives, a little after we send it. */
const ARRIVAL_SLACK_MS = 250;
const MINUTE_MS = 60_000;

export interface BudgetClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const realClock: BudgetClock = { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * At most `perMinute` requests in any rolling minute, the way Zendesk counts
 * its export budget: a burst up to the budget, then one more each time the
 * oldest leaves the minute. Spending the whole budget (not a fixed spacing)
 * keeps throughput at the limit, and never past it, so 429s stay exceptional.
 */
export class RequestBudget {
  private readonly sent: number[] = [];

  constructor(readonly perMinute: number, private readonly clock: BudgetClock = realClock) {
    if (!Number.isSafeInteger(perMinute) || perMinute < 1) throw new Error(`a request budget must be a whole number above 0, got ${perMinute}`);
  }

  /** Resolves when one more request fits in the budget, and counts it. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.sent.length > 0 && this.sent[0] + MINUTE_MS + ARRIVAL_SLACK_MS <= now) this.sent.shift();
      if (this.sent.length < this.perMinute) {
        this.sent.push(now);
        return;
      }
      await this.clock.sleep(this.sent[0] + MINUTE_MS + ARRIVAL_SLACK_MS - now);
    }
  }
}
