import { silentLogger } from '@northstar/core';
import { contractFor, curatedDomains, paymentsModels, rawTableName, sourceRegistry, stripeSource } from '@northstar/contracts';
import type { BindValue, Row } from '@northstar/warehouse';
import { loadModelCatalog } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { modelsOfDomain, modelsOfSource, sourcesRead } from './source-models';
import { loadQualityChecks, runQualityChecks } from './quality-checks';
import { ordersDbRow } from './testing';

type StripeEntity = 'charges' | 'refunds' | 'disputes' | 'balance_transactions';

const charge = (n: number, orderId: number, over: Record<string, BindValue> = {}): Record<string, BindValue> => ({
  id: `ch_${n}`, amount: 1300, amount_captured: 1300, amount_refunded: 0, currency: 'usd', currency_exponent: 2, status: 'succeeded',
  paid: true, captured: true, refunded: false, disputed: false, customer_id: `cus_${n}`, balance_transaction_id: `txn_${n}`,
  order_id: String(orderId), created: '2026-10-20 10:05:00+00', observed_at: '2026-10-20 10:05:00+00', livemode: true, ...over,
});
const txn = (id: string, amount: number, fee: number, over: Record<string, BindValue> = {}): Record<string, BindValue> => ({
  id, amount, fee, net: amount - fee, currency: 'usd', currency_exponent: 2, type: 'charge', reporting_category: 'charge', status: 'available',
  available_on: '2026-10-22 00:00:00+00', created: '2026-10-20 10:05:00+00', observed_at: '2026-10-20 10:05:00+00', ...over,
});
const order = (id: number, over: Record<string, BindValue> = {}) =>
  ordersDbRow.order(id, 1, '2026-10-20 10:05:00+00', { currency: 'usd', ordered_at: '2026-10-20 10:00:00+00', paid_at: '2026-10-20 10:05:00+00', ...over });

describe('payments models and the jobs that run them', () => {
  const catalog = loadModelCatalog();
  const names = (list: readonly { name: string }[]) => list.map((m) => m.name);

  it('read Stripe and the orders DB: the payments domain job runs them, neither source load does', () => {
    const read = sourcesRead(catalog);
    for (const model of paymentsModels) expect([...read.get(model)!].sort()).toEqual(['orders_db', 'stripe']);
    const stripeRaw = stripeSource.contracts.map((c) => `raw.${rawTableName(c)}`);
    // Static models (dim_date, dates) read no source and run in every load.
    expect(names(modelsOfSource(catalog, stripeSource, stripeRaw)).filter((n) => read.get(n)!.size > 0)).toEqual([
      'stg_stripe__charges', 'stg_stripe__refunds', 'stg_stripe__disputes', 'stg_stripe__payment_intents', 'stg_stripe__balance_transactions',
    ].sort((a, b) => names(catalog).indexOf(a) - names(catalog).indexOf(b)));
    expect(names(modelsOfDomain(catalog, { name: 'payments', models: paymentsModels }, curatedDomains(sourceRegistry)))).toEqual(['fct_payments', 'fct_daily_reconciliation', 'daily_reconciliation', 'payments'].sort(
      (a, b) => names(catalog).indexOf(a) - names(catalog).indexOf(b)));
  });
});

describe('payments models: fct_payments and fct_daily_reconciliation', () => {
  let sandbox: OrdersModelSandbox;
  let runs = 0;
  const models = loadModelCatalog();

  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
  });

  afterEach(() => sandbox.dispose());

  const landStripe = (entity: StripeEntity, rows: Record<string, BindValue>[]) => sandbox.landRows(contractFor('stripe', entity), rows);
  const landOrders = (rows: Record<string, BindValue>[]) => sandbox.land('orders', rows);
  // Stripe read up to this instant: days more than two days before it are settled.
  const stripeReadTo = (at: string) => query(`delete from ops.watermarks where source = 'stripe';
    insert into ops.watermarks values ('stripe', 'charges', '${at}', 'w', '${at}')`);
  const run = () => sandbox.run();
  const query = <T extends Row = Row>(sql: string) => sandbox.query<T>(sql);
  const payments = () => query(`select payment_type, movement_id, order_id, order_sk is not null as resolved, currency_code,
    cast(amount as varchar) as amount, cast(fee_amount as varchar) as fee, cast(net_amount as varchar) as net from curated.fct_payments order by movement_id, payment_type`);
  const days = () => query(`select cast(order_date as varchar) as order_date, currency_code, orders_count, cast(order_total as varchar) as total,
    cast(captured_amount as varchar) as captured, cast(refunded_amount as varchar) as refunded, cast(difference_amount as varchar) as difference,
    reconciliation_status as status, _merged_at from curated.fct_daily_reconciliation order by order_date, currency_code`);
  const checks = async () => {
    const names = ['fct_payments_unresolved_order', 'fct_daily_reconciliation_mismatch', 'fct_daily_reconciliation_mismatch_in_batch'];
    const results = await runQualityChecks(loadQualityChecks().filter((c) => names.includes(c.name)), { warehouse: sandbox.warehouse, runId: `q${++runs}`, clock: sandbox.clock, logger: silentLogger(), piiColumns: new Set<string>(), models });
    return Object.fromEntries(results.map((r) => [r.check, { status: r.status, failingRows: r.failingRows, keys: r.sampleKeys ?? [] }]));
  };

  it('converts minor units by exponent, takes fee and net from the balance transaction, and resolves a payment whose order lands later', async () => {
    await stripeReadTo('2026-11-02 07:00:00+00');
    await landOrders([
      order(1),
      order(2, { currency: 'jpy', total: '1500.00', ordered_at: '2026-10-21 10:00:00+00' }),
      order(3, { currency: 'kwd', total: '1.25', ordered_at: '2026-10-21 11:00:00+00' }),
    ]);
    await landStripe('charges', [
      charge(1, 1),
      charge(2, 2, { currency: 'jpy', currency_exponent: 0, amount: 1500, amount_captured: 1500, balance_transaction_id: null }),
      charge(3, 3, { currency: 'kwd', currency_exponent: 3, amount: 1250, amount_captured: 1250, balance_transaction_id: null }),
      charge(4, 4),
      charge(5, 1, { status: 'failed', amount_captured: 0, balance_transaction_id: null }),
      charge(6, 1, { livemode: false }),
    ]);
    await landStripe('balance_transactions', [txn('txn_1', 1300, 68)]);
    await run();
    expect(await payments()).toEqual([
      { payment_type: 'charge', movement_id: 'ch_1', order_id: '1', resolved: true, currency_code: 'USD', amount: '13.000', fee: '0.680', net: '12.320' },
      { payment_type: 'charge', movement_id: 'ch_2', order_id: '2', resolved: true, currency_code: 'JPY', amount: '1500.000', fee: null, net: '1500.000' },
      { payment_type: 'charge', movement_id: 'ch_3', order_id: '3', resolved: true, currency_code: 'KWD', amount: '1.250', fee: null, net: '1.250' },
      { payment_type: 'charge', movement_id: 'ch_4', order_id: '4', resolved: false, currency_code: 'USD', amount: '13.000', fee: null, net: '13.000' },
    ]);
    expect(await query("select movement_id, cast(amount as varchar) as amount, payment_date_key from analytics.payments where currency_code = 'KWD'"))
      .toEqual([{ movement_id: 'ch_3', amount: '1.250', payment_date_key: 20261020 }]);
    expect(await checks()).toEqual({
      fct_payments_unresolved_order: { status: 'fail', failingRows: 1, keys: ['charge ch_4 (order 4)'] },
      fct_daily_reconciliation_mismatch: { status: 'pass', failingRows: 0, keys: [] },
      fct_daily_reconciliation_mismatch_in_batch: { status: 'pass', failingRows: 0, keys: [] },
    });

    await landOrders([order(4, { ordered_at: '2026-10-20 12:00:00+00' })]);
    await run();
    expect((await payments()).find((p) => p['movement_id'] === 'ch_4')).toMatchObject({ resolved: true });
    expect((await checks())['fct_payments_unresolved_order']).toEqual({ status: 'pass', failingRows: 0, keys: [] });
    expect(await query("select currency_code, reconciliation_status, order_date_key from analytics.daily_reconciliation where currency_code = 'JPY'"))
      .toEqual([{ currency_code: 'JPY', reconciliation_status: 'matched', order_date_key: 20261021 }]);
    expect((await days()).map(({ _merged_at, ...d }) => d)).toEqual([
      { order_date: '2026-10-20', currency_code: 'USD', orders_count: 2, total: '26.000', captured: '26.000', refunded: '0.000', difference: '0.000', status: 'matched' },
      { order_date: '2026-10-21', currency_code: 'JPY', orders_count: 1, total: '1500.000', captured: '1500.000', refunded: '0.000', difference: '0.000', status: 'matched' },
      { order_date: '2026-10-21', currency_code: 'KWD', orders_count: 1, total: '1.250', captured: '1.250', refunded: '0.000', difference: '0.000', status: 'matched' },
    ]);
  });

  it('recomputes only the day of an old order refunded late, and fails the mismatch check naming the orders that explain it', async () => {
    await stripeReadTo('2026-11-02 07:00:00+00');
    await landOrders([order(1), order(2, { ordered_at: '2026-10-22 10:00:00+00' }), order(3, { ordered_at: '2026-11-01 10:00:00+00' })]);
    await landStripe('charges', [charge(1, 1), charge(2, 2, { created: '2026-10-22 10:05:00+00' }), charge(3, 3, { created: '2026-11-01 10:05:00+00' })]);
    await run();
    const before = await days();
    expect(before.map((d) => [d['order_date'], d['status']])).toEqual([['2026-10-20', 'matched'], ['2026-10-22', 'matched'], ['2026-11-01', 'pending']]);

    await landStripe('refunds', [{ id: 're_1', charge_id: 'ch_1', amount: 1300, currency: 'usd', currency_exponent: 2, status: 'succeeded', order_id: '1', created: '2026-11-02 07:30:00+00', observed_at: '2026-11-02 07:30:00+00' }]);
    await run();
    const after = await days();
    expect(after[0]).toMatchObject({ order_date: '2026-10-20', refunded: '13.000', status: 'matched' });
    expect(after[0]['_merged_at']).not.toEqual(before[0]['_merged_at']);
    expect(after.slice(1).map((d) => d['_merged_at'])).toEqual(before.slice(1).map((d) => d['_merged_at']));
    expect((await payments()).find((p) => p['movement_id'] === 're_1')).toMatchObject({ payment_type: 'refund', amount: '-13.000', resolved: true });

    await landOrders([order(5, { ordered_at: '2026-10-22 09:00:00+00', total: '20.00' }), order(6, { ordered_at: '2026-10-22 09:30:00+00', total: '7.00' })]);
    await landStripe('charges', [charge(6, 6, { amount: 500, amount_captured: 500, created: '2026-10-22 09:35:00+00' })]);
    await run();
    expect((await days())[1]).toMatchObject({ order_date: '2026-10-22', total: '40.000', captured: '18.000', difference: '22.000', status: 'mismatched' });
    const failed = await checks();
    const explained = {
      status: 'fail', failingRows: 2,
      keys: ['order 5 on 2026-10-22 USD: 20.00 ordered, 0.000 captured', 'order 6 on 2026-10-22 USD: 7.00 ordered, 5.000 captured'],
    };
    expect(failed['fct_daily_reconciliation_mismatch']).toEqual(explained);
    // The batch check runs with the quality job's own run id, which merged nothing.
    expect(failed['fct_daily_reconciliation_mismatch_in_batch']).toMatchObject({ status: 'pass' });
  });

  it('rewrites only the movements that changed: one re-read for its order but unchanged keeps its run id and merge time', async () => {
    await stripeReadTo('2026-11-02 07:00:00+00');
    await landOrders([order(1), order(2)]);
    await landStripe('charges', [charge(1, 1), charge(2, 2)]);
    await landStripe('refunds', [{ id: 're_1', charge_id: 'ch_1', amount: 300, currency: 'usd', currency_exponent: 2, status: 'succeeded', order_id: '1', created: '2026-10-21 07:30:00+00', observed_at: '2026-10-21 07:30:00+00' }]);
    await run();
    const rows = () => query<{ movement_id: string; _run_id: string; _merged_at: string }>('select movement_id, _run_id, cast(_merged_at as varchar) as _merged_at from curated.fct_payments order by movement_id');
    const before = await rows();
    expect(before.map((r) => r.movement_id)).toEqual(['ch_1', 'ch_2', 're_1']);

    // Order 1 changes (re-reads ch_1 and re_1 through it, their values the same); ch_2 gains its fee.
    await landOrders([order(1, { status: 'shipped', updated_at: '2026-10-21 09:00:00+00' })]);
    await landStripe('balance_transactions', [txn('txn_2', 1300, 68)]);
    const results = await run();
    expect(results.find((r) => r.model === 'fct_payments')?.status).toBe('ran');
    const after = await rows();
    expect(after.filter((r) => r.movement_id !== 'ch_2')).toEqual(before.filter((r) => r.movement_id !== 'ch_2'));
    expect(after.find((r) => r.movement_id === 'ch_2')!._merged_at).not.toBe(before.find((r) => r.movement_id === 'ch_2')!._merged_at);
    expect((await payments()).find((p) => p['movement_id'] === 'ch_2')).toMatchObject({ fee: '0.680', net: '12.320' });
  });

  it('keeps every day pending until Stripe has been read two days past it', async () => {
    await landOrders([order(1), order(2, { ordered_at: '2026-10-25 10:00:00+00' })]);
    await run();
    expect((await days()).map((d) => d['status'])).toEqual(['pending', 'pending']);
    expect((await checks())['fct_daily_reconciliation_mismatch']).toMatchObject({ status: 'pass' });
    await stripeReadTo('2026-10-26 12:00:00+00');
    await landStripe('charges', [charge(1, 1)]);
    await run();
    expect((await days()).map((d) => [d['order_date'], d['status']])).toEqual([['2026-10-20', 'matched'], ['2026-10-25', 'pending']]);
  });

  it('settles and matches days by its declared settlement_days and match_tolerance: changing either changes the status', async () => {
    const declared = models.find((m) => m.name === 'fct_daily_reconciliation')!.params;
    expect(declared).toEqual({ settlement_days: 2, match_tolerance: 0.01 });
    const statusesWith = async (params: Record<string, number>) => {
      await sandbox.dispose();
      sandbox = await OrdersModelSandbox.open(models.map((m) => (m.name === 'fct_daily_reconciliation' ? { ...m, params: { ...m.params, ...params } } : m)));
      await stripeReadTo('2026-10-26 12:00:00+00');
      await landOrders([order(1), order(2, { ordered_at: '2026-10-23 10:00:00+00' })]);
      // Order 1 is 0.05 short; order 2 is paid in full.
      await landStripe('charges', [charge(1, 1, { amount: 1295, amount_captured: 1295 }), charge(2, 2, { created: '2026-10-23 10:05:00+00' })]);
      await run();
      return (await days()).map((d) => `${String(d['order_date'])} ${String(d['status'])}`);
    };
    expect(await statusesWith({})).toEqual(['2026-10-20 mismatched', '2026-10-23 matched']);
    expect(await statusesWith({ settlement_days: 5 })).toEqual(['2026-10-20 mismatched', '2026-10-23 pending']);
    expect(await statusesWith({ match_tolerance: 0.05 })).toEqual(['2026-10-20 matched', '2026-10-23 matched']);
  });
});
