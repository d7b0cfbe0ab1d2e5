import { createScratchDatabase, OrdersDbSandbox, SourceApiSandboxes, type ScratchDatabase } from '@northstar/sandbox';
import { PipelineHarness, WITH_API_SOURCE_SUCCEEDED, POSTGRES_ADMIN_URL, SEEDED_START, uniqueDatabaseName } from './pipeline-harness';

const HOUR = 3_600_000;
const hourAfter = (hours: number) => new Date(SEEDED_START.getTime() + hours * HOUR);

// The Zendesk and Stripe sandboxes, derived from the same orders DB sandbox,
// served from this process; every hour is the registry's hourly graph of the
// orders DB and Zendesk (all models-support reads; the Stripe spec runs the four
// sources together), extract-zendesk masking PII with the local key as the
// orders extractor does, and models-support after load-orders-db and load-zendesk.
describe('Zendesk in the hourly graph: sandbox API -> extract-zendesk -> load-zendesk -> models-support', () => {
  const env = {} as { db: ScratchDatabase; sandbox: OrdersDbSandbox; apis: SourceApiSandboxes; harness: PipelineHarness };

  beforeAll(async () => {
    env.db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName('zendesk_e2e'));
    env.sandbox = await OrdersDbSandbox.connect(env.db.url, { scale: 0.01, start: SEEDED_START });
    await env.sandbox.createSchema();
    await env.sandbox.seed();
    env.apis = await SourceApiSandboxes.start(env.sandbox);
    await env.apis.syncTo(SEEDED_START);
    env.harness = new PipelineHarness(env.db.url, env.apis.env(), 'orders_db,zendesk');
    expect((await env.harness.hourly(SEEDED_START.toISOString())).jobs).toEqual(WITH_API_SOURCE_SUCCEEDED['orders_db,zendesk']);
  }, 300_000);

  afterAll(async () => {
    await env.apis?.close();
    await env.sandbox?.close();
    await env.db?.drop();
    env.harness?.dispose();
  });

  it('matches every sandbox requester to a customer through masked emails and external ids, and keeps a stranger with a null key', async () => {
    await env.sandbox.advanceHour(SEEDED_START);
    await env.apis.syncTo(hourAfter(1));
    env.apis.zendesk.injectFault('stranger-requester');
    const run = await env.harness.hourly(hourAfter(1).toISOString());
    expect(run.jobs).toEqual(WITH_API_SOURCE_SUCCEEDED['orders_db,zendesk']);
    expect(env.harness.jobLog(run.runId, 'extract-zendesk')).not.toContain(env.apis.env()['ZENDESK_API_TOKEN']);
    const served = env.apis.zendesk.current().tickets;
    const [tickets] = await env.harness.query<{ n: number; matched: number; by_email: number; by_id: number; with_order: number }>(`select count(*)::int as n,
      count(customer_sk)::int as matched, count(*) filter (where customer_match = 'email')::int as by_email,
      count(*) filter (where customer_match = 'external_id')::int as by_id, count(order_id)::int as with_order from curated.fct_support_tickets`);
    expect(tickets.n).toBe(served.length);
    expect(tickets.matched).toBe(served.length - 1);
    expect(tickets.by_email).toBeGreaterThan(0);
    expect(tickets.by_id).toBeGreaterThan(0);
    // Emails are masked on both sides (the local key), yet they matched.
    const [masked] = await env.harness.query<{ clear: number }>("select count(*)::int as clear from staging.stg_zendesk__users where email like '%@%'");
    expect(masked.clear).toBe(0);
    const orders = await env.harness.query<{ n: number }>(`select count(*)::int as n from curated.fct_support_tickets as t
      join curated.fct_orders as o on o.order_sk = t.order_sk and o.customer_id = t.customer_id`);
    expect(orders[0].n).toBe(tickets.with_order);
    const [interactions] = await env.harness.query<{ n: number; tickets: number }>('select count(*)::int as n, count(distinct ticket_id)::int as tickets from curated.fct_support_interactions');
    expect(interactions.tickets).toBe(served.length); // the stranger opened one too
    expect(interactions.n).toBeGreaterThan(served.length);
  }, 300_000);

  it('a next hour with a deleted ticket changes that ticket only, and a rerun of it changes nothing', async () => {
    const snapshot = () => env.harness.query('select ticket_id, is_deleted, _row_hash from curated.fct_support_tickets order by ticket_id');
    const before = await snapshot();
    // The orders DB stays where it was: only Zendesk has news this hour.
    await env.apis.syncTo(hourAfter(2));
    env.apis.zendesk.injectFault('deleted-ticket');
    expect((await env.harness.hourly(hourAfter(2).toISOString())).exitCode).toBe(0);
    const after = await snapshot();
    const deleted = after.filter((r) => r['is_deleted']).map((r) => Number(r['ticket_id']));
    expect(deleted).toHaveLength(1);
    // Besides the deleted ticket, only tickets the account changed since the last export (their life moved on an hour) differ.
    const movedOn = new Set(env.apis.zendesk.current().tickets.filter((t) => Date.parse(t.updated_at) >= hourAfter(1).getTime() - 60_000).map((t) => t.id));
    const hashBefore = new Map(before.map((r) => [Number(r['ticket_id']), r['_row_hash']]));
    const changed = after.filter((r) => hashBefore.get(Number(r['ticket_id'])) !== r['_row_hash']).map((r) => Number(r['ticket_id']));
    expect(changed).toContain(deleted[0]);
    expect(changed.filter((id) => id !== deleted[0] && !movedOn.has(id))).toEqual([]);
    const [view] = await env.harness.query<{ n: number }>('select count(*)::int as n from analytics.support_tickets');
    expect(view.n).toBe(after.length - 1);
    expect((await env.harness.hourly(hourAfter(2).toISOString())).exitCode).toBe(0);
    expect(await snapshot()).toEqual(after);
  }, 300_000);
});
