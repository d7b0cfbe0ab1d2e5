import Stripe from 'stripe';
import { StripeAccount, type StripeObject } from './stripe-account';
import { StripeApiServer } from './stripe-api-server';

const T0 = 1_793_000_000;
const charge = (i: number, extra: Record<string, unknown> = {}): StripeObject => ({
  id: `ch_${String(i).padStart(4, '0')}`, object: 'charge', created: T0 + i, amount: 100 * i, currency: 'usd', ...extra,
});

describe('StripeApiServer through the official SDK', () => {
  let server: StripeApiServer;
  let stripe: Stripe;
  let now = new Date((T0 + 1000) * 1000);

  beforeEach(async () => {
    now = new Date((T0 + 1000) * 1000);
    const account = new StripeAccount();
    for (let i = 1; i <= 25; i++) account.add('charges', charge(i), 'charge.succeeded');
    server = await StripeApiServer.start({ account, clock: () => now });
    stripe = new Stripe('sk_test_sandbox', { ...server.sdkOptions, maxNetworkRetries: 0 });
  });

  afterEach(() => server.close());

  it('lists newest first in pages, within created bounds, and pages back with ending_before', async () => {
    const first = await stripe.charges.list({ limit: 10, created: { gte: T0 + 3, lt: T0 + 20 } });
    expect(first.data.map((c) => c.created - T0)).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);
    expect(first.has_more).toBe(true);
    const second = await stripe.charges.list({ limit: 10, created: { gte: T0 + 3, lt: T0 + 20 }, starting_after: 'ch_0010' });
    expect(second.data.map((c) => c.created - T0)).toEqual([9, 8, 7, 6, 5, 4, 3]);
    expect(second.has_more).toBe(false);
    const all = await stripe.charges.list({ limit: 7, created: { gte: T0 + 3, lt: T0 + 20 } }).autoPagingToArray({ limit: 100 });
    expect(all).toHaveLength(17);
    const newer = await stripe.charges.list({ limit: 3, ending_before: 'ch_0020' });
    expect(newer.data.map((c) => c.id)).toEqual(['ch_0023', 'ch_0022', 'ch_0021']);
    expect(newer.has_more).toBe(true);
  });

  it('lists events with their types and a snapshot of the object as it was', async () => {
    server.account.change('charges', 'ch_0005', (c) => ({ ...c, amount_refunded: 500, refunded: true }), 'charge.refunded', T0 + 30);
    const events = await stripe.events.list({ types: ['charge.refunded'] });
    expect(events.data).toHaveLength(1);
    expect(events.data[0]).toMatchObject({ type: 'charge.refunded', created: T0 + 30, data: { object: { id: 'ch_0005', amount_refunded: 500 } } });
    const created = await stripe.events.list({ type: 'charge.succeeded', limit: 100 });
    expect(created.data.find((e) => (e.data.object as { id: string }).id === 'ch_0005')?.data.object).toMatchObject({ amount: 500 });
    expect((created.data.find((e) => (e.data.object as { id: string }).id === 'ch_0005')?.data.object as { refunded?: boolean }).refunded).toBeUndefined();
  });

  it('forgets events after 30 days: they are not listed, and a cursor at one is resource_missing', async () => {
    const [oldest] = (await stripe.events.list({ limit: 100 })).data.slice(-1);
    now = new Date((T0 + 31 * 86_400) * 1000);
    expect((await stripe.events.list({ limit: 100 })).data).toEqual([]);
    const error = await stripe.events.list({ ending_before: oldest.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'ending_before' });
  });

  it('answers faults on demand with Stripe error bodies, Request-Id and Stripe-Should-Retry', async () => {
    server.faults.rateLimitBurst(1).serverErrors(1, 503).lockTimeouts(1).resetMidPage(1);
    const limited = await stripe.charges.list().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect((limited as Stripe.errors.StripeError).requestId).toMatch(/^req_/);
    const failed = await stripe.charges.list().catch((e: unknown) => e);
    expect(failed).toMatchObject({ statusCode: 503, type: 'StripeAPIError' });
    expect((failed as Stripe.errors.StripeError).headers?.['stripe-should-retry']).toBe('true');
    expect(await stripe.charges.list().catch((e: unknown) => e)).toMatchObject({ statusCode: 429, code: 'lock_timeout' });
    expect(await stripe.charges.list().catch((e: unknown) => e)).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect((await stripe.charges.list({ limit: 2 })).data).toHaveLength(2);
    expect(server.stats).toMatchObject({ requests: 5, faulted: 4 });
  });

  it('changes an object between two pages when asked', async () => {
    server.faults.changeAfterNextPage('charges', (account) => account.change('charges', 'ch_0024', (c) => ({ ...c, amount: 1 }), 'charge.updated', T0 + 40));
    const first = await stripe.charges.list({ limit: 2 });
    expect(first.data.map((c) => c.amount)).toEqual([2500, 2400]);
    expect((await stripe.charges.list({ limit: 2 })).data.map((c) => c.amount)).toEqual([2500, 1]);
  });

  it('answers 429 above its rate and refuses requests without a key', async () => {
    const limited = await StripeApiServer.start({ maxRequestsPerSecond: 3 });
    try {
      const sdk = new Stripe('sk_test_sandbox', { ...limited.sdkOptions, maxNetworkRetries: 0 });
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => sdk.charges.list()));
      expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThanOrEqual(1);
      expect(limited.stats.rateLimited).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
    const response = await fetch(`http://127.0.0.1:${server.port}/v1/charges`);
    expect(response.status).toBe(401);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toEqual({ error: { type: 'invalid_request_error', message: 'You did not provide an API key.' } });
  });
});
