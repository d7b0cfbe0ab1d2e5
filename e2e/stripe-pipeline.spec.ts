import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { contractsForSource } from '@northstar/contracts';
import { loadCommittedRuns } from '@northstar/extract';
import { loadModelCatalog, runModels } from '@northstar/models';
import { openObjectStore } from '@northstar/object-store';
import { createScratchDatabase, OrdersDbSandbox, StripeAccount, StripeApiServer, StripeSandboxFeed, type ScratchDatabase } from '@northstar/sandbox';
import { openWarehouse } from '@northstar/warehouse';
import { PipelineHarness, POSTGRES_ADMIN_URL, SEEDED_START, uniqueDatabaseName, workspaceRoot } from './pipeline-harness';

const HOUR = 3_600_000;
const hourAfter = (hours: number) => new Date(SEEDED_START.getTime() + hours * HOUR);

// The sandbox's Stripe account, fed from the same orders DB sandbox as the
// orders pipeline, served on loopback; the extractor app runs as its own
// process through the official SDK, and Stripe's raw loads and the payments
// models run here on the harness's warehouse.
describe('Stripe pipeline: sandbox API -> extract-stripe -> raw -> fct_payments and fct_daily_reconciliation', () => {
  const env = {} as { db: ScratchDatabase; sandbox: OrdersDbSandbox; harness: PipelineHarness };
  let feed: StripeSandboxFeed;
  let server: StripeApiServer;

  // The orders side is the registry's hourly pipeline; its exit code, not its job list, is asserted, so other sources' jobs may join it.
  const ordersHour = async (at: Date) => expect((await env.harness.hourly(at.toISOString())).exitCode).toBe(0);

  beforeAll(async () => {
    env.db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName('stripe_e2e'));
    env.sandbox = await OrdersDbSandbox.connect(env.db.url, { scale: 0.01, start: SEEDED_START });
    await env.sandbox.createSchema();
    await env.sandbox.seed();
    env.harness = new PipelineHarness(env.db.url);
    await ordersHour(SEEDED_START);
    feed = new StripeSandboxFeed(new StripeAccount(), env.sandbox);
    server = await StripeApiServer.start({ account: feed.account, clock: () => feed.now });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await env.sandbox?.close();
    await env.db?.drop();
    env.harness?.dispose();
  });

  /** extract-stripe for the hour (async: this process serves its requests), then Stripe's raw loads and every model. */
  async function stripeHour(at: Date): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(workspaceRoot, 'apps/extract-stripe/src/main.ts'), '--mode', 'hourly', '--at', at.toISOString()], {
      cwd: workspaceRoot, env: { ...env.harness.env, STRIPE_API_BASE: `http://127.0.0.1:${server.port}`, STRIPE_MAX_RPS: '1000' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => void (log += chunk.toString('utf8')));
    const exit = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (exit !== 0) throw new Error(`extract-stripe at ${at.toISOString()} exited ${exit}:\n${log.slice(-3000)}`);
    const config = env.harness.config;
    const warehouse = await openWarehouse(config.warehouse, silentLogger());
    try {
      const store = openObjectStore(config.rawUrl, {});
      const deps = { warehouse, store, logger: silentLogger(), clock: () => new Date(), runId: `load-stripe-${at.getTime()}` };
      for (const contract of contractsForSource('stripe')) await loadCommittedRuns(contract, deps);
      await runModels(loadModelCatalog(), deps);
    } finally {
      await warehouse.close();
    }
  }

  const unresolved = () => env.harness.query<{ n: number }>('select count(*)::int as n from curated.fct_payments where order_sk is null');
  const days = () => env.harness.query<{ order_date: string; currency_code: string; refunded: string; status: string; merged: string }>(
    `select cast(order_date as varchar) as order_date, currency_code, cast(refunded_amount as varchar) as refunded, reconciliation_status as status,
       cast(_merged_at as varchar) as merged from curated.fct_daily_reconciliation order by order_date, currency_code`);

  it('reconciles the seeded history: every paid order has its charge, and no settled day is mismatched', async () => {
    await feed.syncTo(SEEDED_START);
    await stripeHour(SEEDED_START);
    const [paid] = await env.harness.query<{ orders: number; charged: number }>(`select
      (select count(*)::int from curated.fct_orders where paid_at is not null) as orders,
      (select count(distinct order_id)::int from curated.fct_payments where payment_type = 'charge') as charged`);
    expect(paid.orders).toBeGreaterThan(100);
    expect(paid.charged).toBe(paid.orders);
    expect(await unresolved()).toEqual([{ n: 0 }]);
    const statuses = new Set((await days()).map((d) => d.status));
    expect(statuses.has('matched')).toBe(true);
    expect(statuses.has('mismatched')).toBe(false);
    const kinds = await env.harness.query<{ currency_code: string }>("select distinct currency_code from curated.fct_payments where currency_code in ('JPY', 'KWD') order by 1");
    expect(kinds.map((k) => k.currency_code)).toEqual(['JPY', 'KWD']);
  });

  it('keeps a payment whose order has not landed, and resolves it when the order does', async () => {
    // The orders DB moves two hours on, Stripe with it, but the orders pipeline runs for the first hour only.
    await env.sandbox.advanceHour(SEEDED_START);
    await ordersHour(hourAfter(1));
    await env.sandbox.advanceHour(hourAfter(1));
    await feed.syncTo(hourAfter(2));
    await stripeHour(hourAfter(2));
    const [waiting] = await unresolved();
    expect(waiting.n).toBeGreaterThan(0);

    await ordersHour(hourAfter(2));
    await stripeHour(hourAfter(2));
    expect(await unresolved()).toEqual([{ n: 0 }]);
  });

  it('recomputes only the day of an old order refunded late', async () => {
    const [old] = await env.harness.query<{ charge_id: string; order_id: string; order_date: string; currency_code: string }>(`select p.charge_id, p.order_id,
      cast(o.order_date as varchar) as order_date, o.currency_code from curated.fct_payments as p join curated.fct_orders as o on o.order_sk = p.order_sk
      where p.payment_type = 'charge' and o.order_status = 'delivered' order by o.order_date limit 1`);
    const charge = feed.account.find('charges', old.charge_id)!;
    const before = await days();
    const at = Math.floor(hourAfter(2).getTime() / 1000) + 600;
    feed.account.addRefund({
      id: 're_late_e2e', object: 'refund', amount: Number(charge['amount']), charge: old.charge_id, payment_intent: String(charge['payment_intent']),
      balance_transaction: 'txn_re_late_e2e', currency: String(charge['currency']), created: at, status: 'succeeded', reason: 'requested_by_customer', metadata: { order_id: old.order_id },
    });
    await feed.syncTo(hourAfter(3));
    await stripeHour(hourAfter(3));
    const after = await days();
    // Pending days (the last two) are recomputed every run and take the hour's new charges; settled ones only when touched.
    const changed = after.filter((d) => d.status !== 'pending' && before.find((b) => b.order_date === d.order_date && b.currency_code === d.currency_code)?.merged !== d.merged);
    expect(changed.map((d) => [d.order_date, d.currency_code])).toEqual([[old.order_date, old.currency_code]]);
    expect(Number(changed[0].refunded)).toBeGreaterThan(0);
    const [refund] = await env.harness.query<{ amount: string; order_id: string }>("select cast(amount as varchar) as amount, order_id from curated.fct_payments where movement_id = 're_late_e2e'");
    expect(refund.order_id).toBe(old.order_id);
    expect(Number(refund.amount)).toBeLessThan(0);
  });
});
