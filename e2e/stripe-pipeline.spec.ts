import { createScratchDatabase, OrdersDbSandbox, SourceApiSandboxes, type ScratchDatabase } from '@northstar/sandbox';
import { FOUR_SOURCES, FOUR_SOURCES_SUCCEEDED, PipelineHarness, WITH_API_SOURCE_SUCCEEDED, POSTGRES_ADMIN_URL, SEEDED_START, uniqueDatabaseName } from './pipeline-harness';

const HOUR = 3_600_000;
const hourAfter = (hours: number) => new Date(SEEDED_START.getTime() + hours * HOUR);

// The Stripe and Zendesk sandboxes, fed from the same orders DB sandbox, served
// from this process; the first hour is the registry's hourly graph of all four
// sources (`npm run pipeline -- hourly`), the later ones the orders DB and Stripe
// (`--sources orders_db,stripe`), which is all models-payments reads.
describe('Stripe in the hourly graph: sandbox API -> extract-stripe -> load-stripe -> models-payments', () => {
  const env = {} as { db: ScratchDatabase; sandbox: OrdersDbSandbox; apis: SourceApiSandboxes; harness: PipelineHarness };

  beforeAll(async () => {
    env.db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName('stripe_e2e'));
    env.sandbox = await OrdersDbSandbox.connect(env.db.url, { scale: 0.01, start: SEEDED_START });
    await env.sandbox.createSchema();
    await env.sandbox.seed();
    env.apis = await SourceApiSandboxes.start(env.sandbox);
    await env.apis.syncTo(SEEDED_START);
    env.harness = new PipelineHarness(env.db.url, env.apis.env(), 'orders_db,stripe');
    expect((await env.harness.hourly(SEEDED_START.toISOString(), FOUR_SOURCES)).jobs).toEqual(FOUR_SOURCES_SUCCEEDED);
  }, 300_000);

  afterAll(async () => {
    await env.apis?.close();
    await env.sandbox?.close();
    await env.db?.drop();
    env.harness?.dispose();
  });

  const days = () => env.harness.query<{ order_date: string; currency_code: string; refunded: string; status: string; merged: string }>(
    `select cast(order_date as varchar) as order_date, currency_code, cast(refunded_amount as varchar) as refunded, reconciliation_status as status,
       cast(_merged_at as varchar) as merged from curated.fct_daily_reconciliation order by order_date, currency_code`);

  it('reconciles the seeded history: every paid order has its charge, and no settled day is mismatched', async () => {
    const [paid] = await env.harness.query<{ orders: number; charged: number; unresolved: number }>(`select
      (select count(*)::int from curated.fct_orders where paid_at is not null) as orders,
      (select count(distinct order_id)::int from curated.fct_payments where payment_type = 'charge') as charged,
      (select count(*)::int from curated.fct_payments where order_sk is null) as unresolved`);
    expect(paid.orders).toBeGreaterThan(100);
    expect(paid.charged).toBe(paid.orders);
    expect(paid.unresolved).toBe(0);
    const statuses = new Set((await days()).map((d) => d.status));
    expect(statuses.has('matched')).toBe(true);
    expect(statuses.has('mismatched')).toBe(false);
    const kinds = await env.harness.query<{ currency_code: string }>("select distinct currency_code from curated.fct_payments where currency_code in ('JPY', 'KWD') order by 1");
    expect(kinds.map((k) => k.currency_code)).toEqual(['JPY', 'KWD']);
  });

  it('a Stripe outage fails its chain with exit 75 while the orders DB goes on, and the rerun completes it', async () => {
    await env.sandbox.advanceHour(SEEDED_START);
    await env.apis.syncTo(hourAfter(1));
    // Every attempt the extractor's retry makes on its first request (the retries take a minute).
    env.apis.stripe.faults.serverErrors(8, 503);
    const outage = await env.harness.hourly(hourAfter(1).toISOString());
    expect(outage.exitCode).toBe(75);
    expect(outage.jobs).toHaveLength(6);
    expect(outage.jobs).toEqual(expect.arrayContaining([
      ['extract-orders-db', 'succeeded'], ['load-orders-db', 'succeeded'],
      ['extract-stripe', 'failed'], ['load-stripe', 'skipped'], ['models-payments', 'skipped'], ['quality', 'skipped'],
    ]));
    expect(env.harness.jobLog(outage.runId, 'extract-stripe')).toContain('503');

    const rerun = await env.harness.hourly(hourAfter(1).toISOString());
    expect(rerun.exitCode).toBe(0);
    expect(rerun.jobs).toEqual(WITH_API_SOURCE_SUCCEEDED['orders_db,stripe']);
    const [unresolved] = await env.harness.query<{ n: number }>('select count(*)::int as n from curated.fct_payments where order_sk is null');
    expect(unresolved.n).toBe(0);
  }, 300_000);

  it('recomputes only the day of an old order refunded late', async () => {
    const [old] = await env.harness.query<{ charge_id: string; order_id: string; order_date: string; currency_code: string }>(`select p.charge_id, p.order_id,
      cast(o.order_date as varchar) as order_date, o.currency_code from curated.fct_payments as p join curated.fct_orders as o on o.order_sk = p.order_sk
      where p.payment_type = 'charge' and o.order_status = 'delivered' order by o.order_date limit 1`);
    const charge = env.apis.stripe.account.find('charges', old.charge_id)!;
    const before = await days();
    env.apis.stripe.account.addRefund({
      id: 're_late_e2e', object: 'refund', amount: Number(charge['amount']), charge: old.charge_id, payment_intent: String(charge['payment_intent']),
      balance_transaction: 'txn_re_late_e2e', currency: String(charge['currency']), created: Math.floor(hourAfter(1).getTime() / 1000) + 600,
      status: 'succeeded', reason: 'requested_by_customer', metadata: { order_id: old.order_id },
    });
    // The orders DB stays where it was: only Stripe has news this hour.
    await env.apis.syncTo(hourAfter(2));
    expect((await env.harness.hourly(hourAfter(2).toISOString())).exitCode).toBe(0);
    const after = await days();
    // Pending days (the last two) are recomputed every run; settled ones only when touched.
    const changed = after.filter((d) => d.status !== 'pending' && before.find((b) => b.order_date === d.order_date && b.currency_code === d.currency_code)?.merged !== d.merged);
    expect(changed.map((d) => [d.order_date, d.currency_code])).toEqual([[old.order_date, old.currency_code]]);
    expect(Number(changed[0].refunded)).toBeGreaterThan(0);
    const [refund] = await env.harness.query<{ amount: string; order_id: string }>("select cast(amount as varchar) as amount, order_id from curated.fct_payments where movement_id = 're_late_e2e'");
    expect(refund.order_id).toBe(old.order_id);
    expect(Number(refund.amount)).toBeLessThan(0);
  }, 300_000);
});
