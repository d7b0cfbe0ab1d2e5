import { Client } from 'pg';
import { deriveRunId } from '@northstar/core';
import type { FaultReport } from '@northstar/sandbox';
import { ALL_SUCCEEDED, SEEDED_START as START, seededOrdersDb, type PipelineHarness, type PipelineOutcome } from './pipeline-harness';

/**
 * Every declared check kind failed by data made bad in the orders DB (the
 * sandbox's faults) and passed without it, through extract -> load (models
 * and the publish gate) -> quality, on one database hour after hour. The
 * reconciliation checks (rows and sums raw -> staging -> curated) pass on
 * every hour: no source data can fail them while the models are right. What
 * fails them is a row lost inside the warehouse: here one deleted by hand,
 * which the nightly's whole-table reconciliation finds; each batch version's
 * failing case is in check-declarations.spec.ts.
 */

type Result = { check_name: string; severity: string; status: string; failing_rows: number; details: string | null };

async function dqResults(harness: PipelineHarness, runId: string): Promise<Map<string, Result>> {
  const rows = await harness.query<Result>('select check_name, severity, status, failing_rows, details from ops.dq_results where run_id = :run_id', { run_id: runId });
  return new Map(rows.map((r) => [r.check_name, r]));
}

async function sourceUpdate(url: string, sql: string, params: unknown[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

const analyticsOrders = (harness: PipelineHarness) =>
  harness.query<{ order_id: number; order_status: string; currency_code: string | null }>('select order_id, order_status, currency_code from analytics.orders order by order_id');

/** The declared checks of each kind on fct_orders and fct_order_items, as ops.dq_results names them. */
const checks = {
  notNull: 'fct_orders_not_null_currency_code_in_batch',
  acceptedValues: 'fct_orders_accepted_values_order_status_in_batch',
  customerRelationship: 'fct_orders_relationship_customer_sk_in_batch',
  customerInferred: 'fct_orders_inferred_customer_sk_in_batch',
  productRelationship: 'fct_order_items_relationship_product_sk_in_batch',
  productInferred: 'fct_order_items_inferred_product_sk_in_batch',
  rawToStaging: 'stg_orders_db__orders_reconcile_rows_from_raw_in_batch',
  stagingToCurated: 'fct_orders_reconcile_rows_from_staging_in_batch',
  lineRows: 'fct_order_items_reconcile_rows_from_staging_in_batch',
  orderSum: 'fct_orders_reconcile_sum_total_amount_in_batch',
  lineSum: 'fct_order_items_reconcile_sum_line_total_amount_in_batch',
  freshness: 'fct_orders_freshness_source_updated_at',
  uniqueKey: 'fct_orders_unique_order_id_in_batch',
  notNullKey: 'fct_orders_not_null_order_id_in_batch',
  stagingUniqueKey: 'stg_orders_db__orders_unique_order_id_in_batch',
  rawDuplicates: 'raw_orders_duplicate_rows',
} as const;

describe('every check kind, failed by a source fault and passed without one, through the pipeline', () => {
  const env = seededOrdersDb('e2e_check_faults');
  const seededRunId = deriveRunId('hourly', START);

  it('the seeded hour passes every check kind, on a batch that holds the whole history', async () => {
    const results = await dqResults(env.harness, seededRunId);
    for (const name of Object.values(checks)) expect([name, results.get(name)?.status]).toEqual([name, 'pass']);
    const [batch] = await env.harness.query<{ n: number }>('select count(*) as n from curated.fct_orders where _run_id = :run_id', { run_id: seededRunId });
    expect(batch.n).toBeGreaterThan(100);
  });

  describe('07:00: an unknown status, an unknown customer, an unknown product and a duplicated row at the source', () => {
    const faults = {} as Record<'status' | 'customer' | 'product' | 'duplicate', FaultReport>;
    let run: PipelineOutcome;
    let results: Map<string, Result>;

    beforeAll(async () => {
      await env.sandbox.advanceHour(START);
      faults.status = await env.sandbox.injectFault('unknown_status', new Date('2026-11-02T06:40:00Z'));
      faults.customer = await env.sandbox.injectFault('unknown_customer', new Date('2026-11-02T06:45:00Z'));
      faults.product = await env.sandbox.injectFault('unknown_product', new Date('2026-11-02T06:50:00Z'));
      faults.duplicate = await env.sandbox.injectFault('duplicate_rows', new Date('2026-11-02T06:55:00Z'));
      run = await env.harness.hourly('2026-11-02T07:00:00Z');
      results = await dqResults(env.harness, run.runId);
    }, 120_000);

    it('succeeds: every check these faults fail is a warning', () => {
      expect(run.exitCode).toBe(0);
      expect(run.jobs).toEqual(ALL_SUCCEEDED);
    });

    it('accepted_values warns on the order with a status outside the list, naming it; BI still gets it', async () => {
      expect(results.get(checks.acceptedValues)).toMatchObject({ severity: 'warn', status: 'fail', failing_rows: 1, details: `sample failing keys: ${faults.status.orderIds[0]}` });
      expect(await analyticsOrders(env.harness)).toContainEqual(expect.objectContaining({ order_id: faults.status.orderIds[0], order_status: 'on_hold' }));
    });

    it('relationship: an unknown customer or product joins an inferred member, counted apart as a warning, never as an orphan', () => {
      expect(results.get(checks.customerInferred)).toMatchObject({ severity: 'warn', status: 'fail', failing_rows: 1, details: `sample failing keys: ${faults.customer.orderIds[0]}` });
      expect(results.get(checks.customerRelationship)).toMatchObject({ severity: 'error', status: 'pass' });
      expect(results.get(checks.productInferred)).toMatchObject({ severity: 'warn', status: 'fail', failing_rows: 1, details: `sample failing keys: ${faults.product.orderItemIds[0]}` });
      expect(results.get(checks.productRelationship)).toMatchObject({ severity: 'error', status: 'pass' });
    });

    it('key checks: the duplicated source row fails the raw duplicate check; staging and fct_orders keep one row, so their unique checks pass', () => {
      expect(results.get(checks.rawDuplicates)).toMatchObject({ severity: 'warn', status: 'fail', failing_rows: 1 });
      for (const name of [checks.uniqueKey, checks.stagingUniqueKey, checks.notNullKey]) expect([name, results.get(name)?.status]).toEqual([name, 'pass']);
    });

    it('the load\'s run record in ops.pipeline_runs counts raw rows in, the rows its models wrote out, and no retries', async () => {
      const [load] = await env.harness.query<{ rows_in: number; rows_out: number; retries: number }>(
        "select rows_in, rows_out, retries from ops.pipeline_runs where run_id = :run_id and step = 'load-orders-db'", { run_id: run.runId },
      );
      const [staged] = await env.harness.query<{ n: number }>('select count(*) as n from staging.stg_orders_db__orders where _run_id = :run_id', { run_id: run.runId });
      expect(load.rows_in).toBeGreaterThan(0);
      // At least the hour's staged orders and their fct_orders rows, besides items, customers and dimension rows.
      expect(load.rows_out).toBeGreaterThanOrEqual(2 * staged.n);
      expect(load.retries).toBe(0);
    });

    it('the checks these faults do not concern pass', () => {
      for (const name of [checks.notNull, checks.rawToStaging, checks.stagingToCurated, checks.lineRows, checks.orderSum, checks.lineSum, checks.freshness]) {
        expect([name, results.get(name)?.status]).toEqual([name, 'pass']);
      }
    });
  });

  describe('08:00: an order without a currency at the source, an error check', () => {
    let fault: FaultReport;
    let run: PipelineOutcome;
    let before: Awaited<ReturnType<typeof analyticsOrders>>;

    beforeAll(async () => {
      before = await analyticsOrders(env.harness);
      await env.sandbox.advanceHour(new Date('2026-11-02T07:00:00Z'));
      fault = await env.sandbox.injectFault('null_currency', new Date('2026-11-02T07:30:00Z'));
      run = await env.harness.hourly('2026-11-02T08:00:00Z');
    }, 120_000);

    it('refuses the orders batch with exit 3, recording the failed error check', async () => {
      expect(run.exitCode).toBe(3);
      expect(run.jobs).toEqual([
        ['extract-orders-db', 'succeeded'], ['load-orders-db', 'failed'],
        ['extract-partner-files', 'succeeded'], ['load-partner-files', 'succeeded'], ['report-partner-files', 'succeeded'], ['quality', 'skipped'],
      ]);
      const results = await dqResults(env.harness, run.runId);
      // The refusal names the row that caused it (the load app hands the gate the PII columns; order ids are not PII).
      expect(results.get(checks.notNull)).toMatchObject({ severity: 'error', status: 'fail', failing_rows: 1, details: expect.stringMatching(new RegExp(`sample failing keys: ${fault.orderIds[0]}$`)) });
    });

    it('analytics keeps serving the previous state: neither the faulty order nor the hour\'s good ones', async () => {
      expect(await analyticsOrders(env.harness)).toEqual(before);
    });

    it('once the order is corrected at the source, the next hour passes the check and publishes the held hour with it', async () => {
      const [orderId] = fault.orderIds;
      await sourceUpdate(env.db.url, "update orders set currency = 'EUR', updated_at = $2 where order_id = $1", [orderId, '2026-11-02T08:10:00Z']);
      const next = await env.harness.hourly('2026-11-02T09:00:00Z');
      expect(next.jobs).toEqual(ALL_SUCCEEDED);
      const results = await dqResults(env.harness, next.runId);
      expect(results.get(checks.notNull)).toMatchObject({ status: 'pass' });
      expect(results.get(checks.freshness)).toMatchObject({ severity: 'warn', status: 'pass' });
      const after = await analyticsOrders(env.harness);
      expect(after).toContainEqual(expect.objectContaining({ order_id: orderId, currency_code: 'EUR' }));
      expect(after.length).toBeGreaterThan(before.length + 1);
      expect(after.filter((o) => o.currency_code === null)).toEqual([]);
    }, 120_000);
  });

  it('freshness warns when the source has written nothing for longer than its 120 minutes, naming the newest update', async () => {
    // No sandbox hour since 08:10: at 11:00 the newest order update is 170 minutes old.
    const quality = env.harness.app('quality', ['--mode', 'hourly', '--at', '2026-11-02T11:00:00Z']);
    expect(quality.exitCode).toBe(0);
    const results = await dqResults(env.harness, deriveRunId('hourly', new Date('2026-11-02T11:00:00Z')));
    expect(results.get(checks.freshness)).toMatchObject({ severity: 'warn', status: 'fail', failing_rows: 1, details: expect.stringMatching(/^sample failing keys: 2026-11-02 08:10:00/) });
  }, 60_000);

  it('reconcile_rows: an order deleted by hand from fct_orders fails the nightly\'s whole-table reconciliation, an error: the nightly publish is refused', async () => {
    const [{ order_id: lost }] = await env.harness.query<{ order_id: number }>('select min(order_id) as order_id from curated.fct_orders');
    await env.harness.execute(`delete from curated.fct_orders where order_id = ${Number(lost)}`);
    const nightly = await env.harness.nightly('2026-11-02T12:00:00Z');
    expect(nightly.exitCode).toBe(3);
    expect(nightly.jobs).toContainEqual(['load-orders-db', 'failed']);
    const results = await dqResults(env.harness, nightly.runId);
    expect(results.get('fct_orders_reconcile_rows_from_staging')).toMatchObject({ severity: 'error', status: 'fail', failing_rows: 1 });
    expect(await env.harness.query('select order_id from curated.fct_orders where order_id = :id', { id: lost })).toEqual([]);
  }, 180_000);
});
