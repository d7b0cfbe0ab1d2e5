import { silentLogger } from '@northstar/core';
import { declaredChecks } from './check-declarations';
import { loadModelCatalog } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { loadQualityChecks, runQualityChecks, type QualityResult } from './quality-checks';
import { ordersDbHistory, ordersDbRow } from './testing';

describe('checks declared beside the models (<model>.checks.json)', () => {
  it('are loaded with the library\'s checks, one per declared column and kind, named for the model', () => {
    const names = declaredChecks(loadModelCatalog()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([
      'fct_orders_not_null_currency_code_in_batch', 'fct_orders_accepted_values_order_status_in_batch',
      'fct_orders_relationship_customer_sk_in_batch', 'fct_orders_inferred_customer_sk_in_batch',
      'stg_orders_db__orders_reconcile_rows_from_raw_in_batch', 'fct_orders_reconcile_rows_from_staging_in_batch',
      'fct_orders_reconcile_sum_total_amount_in_batch', 'fct_orders_freshness_source_updated_at',
    ]));
    const all = loadQualityChecks().map((c) => c.name);
    expect(all).toEqual(expect.arrayContaining(names));
    expect(new Set(all).size).toBe(all.length);
  });

  describe('on the orders models', () => {
    let sandbox: OrdersModelSandbox;
    let runId: string;
    const byName = new Map(loadQualityChecks().map((c) => [c.name, c]));
    const check = async (name: string, asOf = new Date('2026-03-02T10:00:00Z')): Promise<QualityResult> => {
      const [result] = await runQualityChecks([byName.get(name)!], { warehouse: sandbox.warehouse, runId, clock: sandbox.clock, logger: silentLogger(), piiColumns: new Set<string>(), models: sandbox.models, asOf });
      return result;
    };
    // asOf: an hour after the history's last order update, within freshness's 120 minutes.
    // Each case breaks one thing and puts it back, so every other case sees the models' own output.
    const broken = async (change: string, undo: string, name: string) => {
      await sandbox.query(change);
      try {
        return await check(name);
      } finally {
        await sandbox.query(undo);
      }
    };

    beforeAll(async () => {
      sandbox = await OrdersModelSandbox.open();
      for (const [entity, rows] of ordersDbHistory) await sandbox.land(entity, rows);
      await sandbox.run();
      // Run h9 extracts and models order 10's delivery, as an hourly run does
      // (one run id from raw to curated): the batch the declared _in_batch checks read.
      await sandbox.land('orders', [ordersDbRow.order(10, 1, '2026-03-02 09:30:00+00', { status: 'delivered', shipped_at: '2026-03-02 09:00:00+00', delivered_at: '2026-03-02 09:30:00+00' })], undefined, 'h9');
      await sandbox.run('h9');
      [{ run_id: runId }] = await sandbox.query<{ run_id: string }>('select _run_id as run_id from curated.fct_orders where order_id = 10');
    });

    afterAll(() => sandbox?.dispose());

    it.each([
      'fct_orders_not_null_currency_code_in_batch', 'fct_orders_accepted_values_order_status_in_batch', 'fct_orders_relationship_customer_sk_in_batch',
      'fct_orders_inferred_customer_sk_in_batch', 'stg_orders_db__orders_reconcile_rows_from_raw_in_batch', 'fct_orders_reconcile_rows_from_staging_in_batch',
      'fct_orders_reconcile_sum_total_amount_in_batch', 'fct_orders_freshness_source_updated_at',
    ])('%s passes on what the models built', async (name) => {
      expect(await check(name)).toMatchObject({ status: 'pass', failingRows: 0 });
    });

    it('not_null fails on a null, naming the row\'s key', async () => {
      const result = await broken('update curated.fct_orders set currency_code = null where order_id = 10', "update curated.fct_orders set currency_code = 'EUR' where order_id = 10", 'fct_orders_not_null_currency_code_in_batch');
      expect(result).toMatchObject({ status: 'fail', severity: 'error', failingRows: 1, sampleKeys: ['10'] });
    });

    it('records the sample masked when the key is a PII column', async () => {
      await sandbox.query('update curated.fct_orders set currency_code = null where order_id = 10');
      try {
        const [result] = await runQualityChecks([byName.get('fct_orders_not_null_currency_code_in_batch')!], {
          warehouse: sandbox.warehouse, runId, clock: sandbox.clock, logger: silentLogger(), models: sandbox.models, piiColumns: new Set(['curated.fct_orders.order_id']),
        });
        expect(result.sampleKeys).toEqual([expect.stringMatching(/^masked:[0-9a-f]{12}$/)]);
        expect(result.details).not.toContain('10');
      } finally {
        await sandbox.query("update curated.fct_orders set currency_code = 'EUR' where order_id = 10");
      }
    });

    it('accepted_values fails on a status outside the list, a warning', async () => {
      const [{ status }] = await sandbox.query<{ status: string }>('select order_status as status from curated.fct_orders where order_id = 10');
      const result = await broken("update curated.fct_orders set order_status = 'lost' where order_id = 10", `update curated.fct_orders set order_status = '${status}' where order_id = 10`, 'fct_orders_accepted_values_order_status_in_batch');
      expect(result).toMatchObject({ status: 'fail', severity: 'warn', failingRows: 1, sampleKeys: ['10'] });
    });

    it('relationship fails on a fact whose dimension row is missing, and counts inferred members apart', async () => {
      const [{ sk }] = await sandbox.query<{ sk: string }>('select customer_sk as sk from curated.fct_orders where order_id = 10');
      const orphan = await broken("update curated.fct_orders set customer_sk = 'no-such-customer' where order_id = 10", `update curated.fct_orders set customer_sk = '${sk}' where order_id = 10`, 'fct_orders_relationship_customer_sk_in_batch');
      expect(orphan).toMatchObject({ status: 'fail', failingRows: 1, sampleKeys: ['10'] });
      const inferred = await broken(`update curated.dim_customer set is_inferred = true where customer_sk = '${sk}'`, `update curated.dim_customer set is_inferred = false where customer_sk = '${sk}'`, 'fct_orders_inferred_customer_sk_in_batch');
      expect(inferred).toMatchObject({ status: 'fail', severity: 'warn', failingRows: 1, sampleKeys: ['10'] });
      expect(await check('fct_orders_relationship_customer_sk_in_batch')).toMatchObject({ status: 'pass' });
    });

    it('reconcile_rows fails on a key that reached the layer below but not this one, raw -> staging and staging -> curated', async () => {
      await sandbox.query('create table curated.kept_order as select * from curated.fct_orders where order_id = 10');
      const curated = await broken('delete from curated.fct_orders where order_id = 10', 'insert into curated.fct_orders select * from curated.kept_order', 'fct_orders_reconcile_rows_from_staging_in_batch');
      expect(curated).toMatchObject({ status: 'fail', failingRows: 1, sampleKeys: ['10'] });
      await sandbox.query('create table staging.kept_order as select * from staging.stg_orders_db__orders where order_id = 10');
      const staging = await broken('delete from staging.stg_orders_db__orders where order_id = 10', 'insert into staging.stg_orders_db__orders select * from staging.kept_order', 'stg_orders_db__orders_reconcile_rows_from_raw_in_batch');
      expect(staging).toMatchObject({ status: 'fail', table: 'staging.stg_orders_db__orders', sampleKeys: ['10'] });
    });

    it('reconcile_sum fails on an amount that differs between staging and curated', async () => {
      const result = await broken('update curated.fct_orders set total_amount = total_amount + 1 where order_id = 10', 'update curated.fct_orders set total_amount = total_amount - 1 where order_id = 10', 'fct_orders_reconcile_sum_total_amount_in_batch');
      expect(result).toMatchObject({ status: 'fail', failingRows: 1, sampleKeys: ['10'] });
    });

    it('freshness fails once the newest source update is older than its allowed age at the run\'s time, naming that update', async () => {
      const result = await check('fct_orders_freshness_source_updated_at', new Date('2027-01-01T00:00:00Z'));
      expect(result).toMatchObject({ status: 'fail', severity: 'warn', failingRows: 1 });
      expect(result.sampleKeys?.[0]).toMatch(/^2026-/);
      const recorded = await sandbox.query<{ details: string }>(`select details from ops.dq_results where run_id = '${runId}' and check_name = 'fct_orders_freshness_source_updated_at'`);
      expect(recorded[0].details).toMatch(/^sample failing keys: 2026-/);
    });
  });
});
