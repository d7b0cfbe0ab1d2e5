import { RequestBudget } from './request-budget';

describe('RequestBudget', () => {
  it('spends the whole budget in bursts and never more than it in any rolling minute', async () => {
    let now = 0;
    const sent: number[] = [];
    const budget = new RequestBudget(10, { now: () => now, sleep: async (ms) => void (now += ms) });
    for (let i = 0; i < 100; i++) {
      await budget.acquire();
      sent.push(now);
      now += 50; // the request's own time
    }
    for (const t of sent) expect(sent.filter((s) => s > t - 60_000 && s <= t).length).toBeLessThanOrEqual(10);
    const minutes = sent[sent.length - 1] / 60_000;
    // 100 requests in ten rolling minutes (the last one open): at least 95% of 10 a minute.
    expect(100 / (minutes + 1)).toBeGreaterThanOrEqual(9.5);
  });

  it('refuses a budget that is not a whole number above 0', () => {
    expect(() => new RequestBudget(0)).toThrow('a request budget must be a whole number above 0, got 0');
  });
});
