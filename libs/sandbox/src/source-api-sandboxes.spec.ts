import { generateHistory } from './history-generator';
import { microsToDate } from './microseconds';
import { SourceApiSandboxes } from './source-api-sandboxes';

const data = generateHistory({ scale: 0.01, seed: 3, start: new Date('2026-11-02T06:00:00Z') });
const orders = { orderPlans: async () => [...data.orders], customers: async () => [...data.customers] };
const now = microsToDate(data.shape.startUs);

describe('SourceApiSandboxes', () => {
  let apis: SourceApiSandboxes;
  beforeAll(async () => {
    apis = await SourceApiSandboxes.start(orders, { seed: 3 });
  });
  afterAll(() => apis?.close());

  it('serves Stripe and Zendesk as of the sync, at the addresses and with the login its env() gives the extractors', async () => {
    const synced = await apis.syncTo(now);
    expect(synced.charges).toBeGreaterThan(0);
    expect(synced.tickets).toBeGreaterThan(0);
    const env = apis.env();

    const charges = await fetch(`${env['STRIPE_API_BASE']}/v1/charges?limit=3`, { headers: { authorization: 'Bearer sk_test_spec' } });
    expect(charges.status).toBe(200);
    expect(((await charges.json()) as { data: unknown[] }).data).toHaveLength(3);
    expect(new Date(charges.headers.get('date')!).getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000);

    const login = Buffer.from(`${env['ZENDESK_EMAIL']}/token:${env['ZENDESK_API_TOKEN']}`).toString('base64');
    const tickets = await fetch(`${env['ZENDESK_URL']}/api/v2/incremental/tickets/cursor.json?start_time=0`, { headers: { authorization: `Basic ${login}` } });
    expect(tickets.status).toBe(200);
    expect(((await tickets.json()) as { tickets: unknown[] }).tickets).toHaveLength(synced.tickets);
  });

  it('moves both accounts on with a later sync, and an earlier one changes nothing', async () => {
    const next = new Date(now.getTime() + 3_600_000);
    const later = await apis.syncTo(next);
    const answer = await fetch(`${apis.env()['STRIPE_API_BASE']}/v1/charges?limit=1`, { headers: { authorization: 'Bearer sk_test_spec' } });
    expect(new Date(answer.headers.get('date')!).getTime()).toBe(next.getTime()); // Stripe's clock moved with it
    expect(await apis.syncTo(now)).toEqual({ charges: 0, refunds: 0, disputes: 0, tickets: later.tickets });
  });
});
