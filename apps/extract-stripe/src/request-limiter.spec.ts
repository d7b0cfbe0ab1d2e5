import { RequestLimiter } from './request-limiter';

describe('RequestLimiter', () => {
  it('spaces request starts 1/rate apart, and lets a late request go at once', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new RequestLimiter(4, () => now, async (ms) => {
      slept.push(ms);
      now += ms;
    });
    for (let i = 0; i < 4; i++) await limiter.acquire();
    expect(slept).toEqual([250, 250, 250]);
    expect(now).toBe(750);
    now += 1000;
    await limiter.acquire();
    expect(slept).toHaveLength(3);
  });

  it('books slots for concurrent callers in turn', async () => {
    const waits: number[] = [];
    const limiter = new RequestLimiter(10, () => 0, async (ms) => void waits.push(ms));
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(waits).toEqual([100, 200]);
  });

  it('refuses a rate that is not above 0', () => {
    expect(() => new RequestLimiter(0)).toThrow('requests per second must be above 0, got 0');
  });
});
