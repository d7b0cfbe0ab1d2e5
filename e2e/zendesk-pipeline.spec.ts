import { createScratchDatabase, DEFAULT_SANDBOX_SEED, OrdersDbSandbox, ZendeskApiServer, zendeskObjectsFor, type ScratchDatabase, type ZendeskObjects } from '@northstar/sandbox';
import { PipelineHarness, POSTGRES_ADMIN_URL, SEEDED_START, uniqueDatabaseName } from './pipeline-harness';

const HOUR = 3_600_000;
const login = { email: 'e2e@northstar.test', token: 'e2e-zendesk-token' };

// The sandbox's Zendesk account, derived from the same orders DB sandbox as
// the orders pipeline, served on loopback; extract-zendesk runs as its own
// process (masking PII with the local key, as the orders extractor does), and
// Zendesk's raw loads and the support models run here on the harness's warehouse.
describe('Zendesk pipeline: sandbox API -> extract-zendesk -> raw -> fct_support_tickets and fct_support_interactions', () => {
  const env = {} as { db: ScratchDatabase; sandbox: OrdersDbSandbox; harness: PipelineHarness };
  let server: ZendeskApiServer;
  let objects: ZendeskObjects;
  let now = new Date(SEEDED_START.getTime() + HOUR);

  beforeAll(async () => {
    env.db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName('zendesk_e2e'));
    env.sandbox = await OrdersDbSandbox.connect(env.db.url, { scale: 0.01, start: SEEDED_START });
    await env.sandbox.createSchema();
    await env.sandbox.seed();
    env.harness = new PipelineHarness(env.db.url);
    expect((await env.harness.hourly(SEEDED_START.toISOString())).exitCode).toBe(0);
    objects = await zendeskObjectsFor(env.sandbox, DEFAULT_SANDBOX_SEED, SEEDED_START);
    server = await ZendeskApiServer.start({ objects, now: () => now, ...login, requestsPerMinute: 600 });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await env.sandbox?.close();
    await env.db?.drop();
    env.harness?.dispose();
  });

  /** extract-zendesk for the hour (async: this process serves its requests), then Zendesk's raw loads and every model. */
  async function zendeskHour(at: Date): Promise<string> {
    const log = await env.harness.appAsync('extract-zendesk', ['--mode', 'hourly', '--at', at.toISOString()], {
      ZENDESK_URL: server.url, ZENDESK_EMAIL: login.email, ZENDESK_API_TOKEN: login.token, ZENDESK_REQUESTS_PER_MINUTE: '600',
    });
    await env.harness.loadSourceAndModels('zendesk', `load-zendesk-${at.getTime()}`);
    return log;
  }

  it('matches every sandbox requester to a customer through masked emails and external ids, and keeps a stranger with a null key', async () => {
    server.injectFault('stranger-requester');
    const log = await zendeskHour(now);
    expect(log).not.toContain(login.token);
    const [tickets] = await env.harness.query<{ n: number; matched: number; by_email: number; by_id: number; with_order: number }>(`select count(*)::int as n,
      count(customer_sk)::int as matched, count(*) filter (where customer_match = 'email')::int as by_email,
      count(*) filter (where customer_match = 'external_id')::int as by_id, count(order_id)::int as with_order from curated.fct_support_tickets`);
    expect(tickets.n).toBe(objects.tickets.length + 1);
    expect(tickets.matched).toBe(objects.tickets.length);
    expect(tickets.by_email).toBeGreaterThan(0);
    expect(tickets.by_id).toBeGreaterThan(0);
    expect(tickets.with_order).toBe(objects.tickets.filter((t) => t.custom_fields.some((f) => f.value !== null)).length);
    // Emails are masked on both sides (the local key), yet they matched.
    const [masked] = await env.harness.query<{ clear: number }>("select count(*)::int as clear from staging.stg_zendesk__users where email like '%@%'");
    expect(masked.clear).toBe(0);
    const orders = await env.harness.query<{ n: number }>(`select count(*)::int as n from curated.fct_support_tickets as t
      join curated.fct_orders as o on o.order_sk = t.order_sk and o.customer_id = t.customer_id`);
    expect(orders[0].n).toBe(tickets.with_order);
    const [interactions] = await env.harness.query<{ n: number; tickets: number }>('select count(*)::int as n, count(distinct ticket_id)::int as tickets from curated.fct_support_interactions');
    expect(interactions.tickets).toBe(objects.tickets.length + 1); // the stranger opened one too
    expect(interactions.n).toBeGreaterThan(objects.tickets.length);
  }, 180_000);

  it('a next hour with a deleted ticket changes that ticket only, and a rerun of it changes nothing', async () => {
    const snapshot = () => env.harness.query('select ticket_id, is_deleted, _row_hash from curated.fct_support_tickets order by ticket_id');
    const before = await snapshot();
    now = new Date(now.getTime() + HOUR);
    server.injectFault('deleted-ticket');
    await zendeskHour(now);
    const after = await snapshot();
    expect(after.filter((r) => r['is_deleted'])).toHaveLength(1);
    expect(after.filter((r, i) => r['_row_hash'] !== before[i]['_row_hash']).map((r) => r['ticket_id'])).toEqual(after.filter((r) => r['is_deleted']).map((r) => r['ticket_id']));
    const [view] = await env.harness.query<{ n: number }>('select count(*)::int as n from analytics.support_tickets');
    expect(view.n).toBe(after.length - 1);
    await zendeskHour(now);
    expect(await snapshot()).toEqual(after);
  }, 180_000);
});
