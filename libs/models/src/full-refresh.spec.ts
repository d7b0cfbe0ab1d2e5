import { ConfigError, exitCodeFor } from '@northstar/core';
import { parseSqlTemplate, renderSql } from '@northstar/sql';
import { refreshClosure, resetModels } from './full-refresh';
import { loadModelCatalog, type Model } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { ordersDbHistory, ordersDbRow as row } from './testing';

const rebuilt = ['dim_customer', 'fct_orders', 'fct_order_items'];

describe('models built by an earlier version, and --full-refresh', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
    for (const [entity, rows] of ordersDbHistory) await sandbox.land(entity, rows);
    // Customer 2 is gone from the source: the nightly key set flags it.
    await sandbox.landKeys('customers', [1, 3].map((id) => ({ customer_id: id, updated_at: '2026-02-01 00:00:00+00', created_day: '2026-01-01' })), '2026-11-02 06:00:00+00');
    await sandbox.run();
  });
  afterEach(() => sandbox.dispose());

  /** Every row of the tables a rebuild touches, without the columns that say when and by which run it was written. */
  async function content(): Promise<Record<string, unknown>> {
    const tables = ['staging.stg_orders_db__customers', ...rebuilt.map((t) => `curated.${t}`)];
    const entries = await Promise.all(tables.map(async (t) => [t, await sandbox.query(`select * exclude (_run_id, ${t.startsWith('staging') ? '_staged_at' : '_merged_at'}) from ${t} order by all`)] as const));
    return Object.fromEntries(entries);
  }

  /** What dim_customer looked like before it had the hard-delete flag. */
  async function makeDimCustomerOld(): Promise<void> {
    for (const column of ['is_deleted', 'deleted_at']) {
      await sandbox.warehouse.run(renderSql(`alter table curated.dim_customer drop column ${column}`, sandbox.warehouse.dialect));
    }
  }

  it('refuses to run a model whose table lacks columns the model now declares, naming table, columns and fix', async () => {
    await makeDimCustomerOld();
    await sandbox.land('customers', [row.customer(3, '2026-03-06 00:00:00+00', { email: 'c3@x' })]);
    const failure = await sandbox.run().then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect(exitCodeFor(failure)).toBe(2);
    expect((failure as Error).message).toBe(
      'curated.dim_customer was built by an earlier version of model dim_customer: the table lacks is_deleted, deleted_at. ' +
        "Rebuild it from raw with the load app's --full-refresh dim_customer (it rebuilds the models downstream too). dim_customer did not run.",
    );
    expect(await sandbox.query('select count(*) as versions from curated.dim_customer where customer_id = 3')).toEqual([{ versions: 1 }]);
  });

  it('names columns the table still has but the model no longer declares', async () => {
    await sandbox.warehouse.run(renderSql('alter table curated.fct_orders add column legacy_flag boolean', sandbox.warehouse.dialect));
    await expect(sandbox.run()).rejects.toThrow('curated.fct_orders was built by an earlier version of model fct_orders: the table still has legacy_flag, which the model no longer declares.');
  });

  it('names a column whose type differs from what the model now declares, which a MERGE would otherwise round into', async () => {
    // fct_orders as a release that declared totals with a scale of 1 would have built it.
    await sandbox.warehouse.run(renderSql('alter table curated.fct_orders alter column total_amount set data type decimal(14, 1)', sandbox.warehouse.dialect));
    await expect(sandbox.run()).rejects.toThrow(
      'curated.fct_orders was built by an earlier version of model fct_orders: the table has total_amount as DECIMAL(14,1) where the model now declares decimal(14, 2). ' +
        "Rebuild it from raw with the load app's --full-refresh fct_orders",
    );
  });

  it('finds every table a model built exactly as the model declares it (spellings differ, types do not)', async () => {
    // The first run in beforeEach built every table; the second compares each with its DDL and must pass.
    await expect(sandbox.run()).resolves.toHaveLength(sandbox.models.length);
  });

  it('takes in a model and every model downstream of it, in run order, and nothing upstream', () => {
    const closure = refreshClosure(sandbox.models, ['dim_customer']);
    // fct_payments and fct_daily_reconciliation read fct_orders, the support facts dim_customer: a rebuild of it rebuilds them too.
    expect(closure.filter((m) => m.layer !== 'analytics').map((m) => m.name)).toEqual(['dim_customer', 'fct_orders', 'fct_payments', 'fct_daily_reconciliation', 'fct_order_items', 'fct_support_tickets', 'fct_support_interactions']);
    // The analytics views over them are dropped and recreated with them.
    expect(closure.filter((m) => m.layer === 'analytics').map((m) => m.name)).toEqual(['customer_history', 'customers', 'daily_reconciliation', 'order_lines', 'orders', 'payments', 'support_interactions', 'support_tickets']);
    const fromStaging = refreshClosure(sandbox.models, ['stg_orders_db__customers']).map((m) => m.name);
    expect(fromStaging).toEqual(expect.arrayContaining(['stg_orders_db__customers', 'reconcile_orders_db__customers', ...rebuilt]));
    expect(fromStaging).not.toContain('stg_orders_db__orders');
    expect(fromStaging.indexOf('stg_orders_db__customers')).toBeLessThan(fromStaging.indexOf('dim_customer'));
  });

  it('refuses a model name the catalog does not have, listing those it has', () => {
    expect(() => refreshClosure(sandbox.models, ['dim_customers'])).toThrow(/--full-refresh: no model named dim_customers; models: .*dim_customer/);
  });

  it('rebuilds an old dim_customer and its facts from raw to the rows a fresh build has', async () => {
    const before = await content();
    await makeDimCustomerOld();
    const models = refreshClosure(sandbox.models, ['dim_customer']);
    await resetModels(sandbox.warehouse, models);
    expect(await sandbox.query("select count(*) as n from information_schema.tables where table_name in ('dim_customer', 'fct_orders', 'fct_order_items')")).toEqual([{ n: 0 }]);
    expect(await sandbox.query('select model from ops.model_state where model in (:a, :b, :c)', { a: 'dim_customer', b: 'fct_orders', c: 'fct_order_items' })).toEqual([]);

    const ran = await sandbox.run();
    expect(ran.filter((r) => rebuilt.includes(r.model)).map((r) => r.status)).toEqual(['ran', 'ran', 'ran']);
    expect(await content()).toEqual(before);
    expect(await sandbox.query('select distinct customer_id from curated.dim_customer where is_deleted')).toEqual([{ customer_id: 2 }]);
  });

  it('rebuilds staging from raw with its hard-delete flags, so nothing deleted comes back', async () => {
    const before = await content();
    await resetModels(sandbox.warehouse, refreshClosure(sandbox.models, ['stg_orders_db__customers']));
    await sandbox.run();
    expect(await content()).toEqual(before);
    expect(await sandbox.query('select customer_id from staging.stg_orders_db__customers where is_deleted')).toEqual([{ customer_id: 2 }]);
  });
});

describe('--full-refresh of a view model', () => {
  const daily = parseSqlTemplate([
    '-- name:       daily_orders',
    '-- grain:      one row per order day',
    '-- keys:       order_day',
    '-- depends-on: fct_orders',
    '-- tracks:     none (a view: its DDL replaces it on every run)',
    'create or replace view analytics.daily_orders as',
    'select cast(ordered_at as date) as order_day, count(*) as orders from curated.fct_orders group by 1',
  ].join('\n'), '/models/analytics/daily_orders.sql');
  const view: Model = { name: 'daily_orders', layer: 'analytics', target: 'analytics.daily_orders', template: daily, dependsOn: ['fct_orders'], tracks: [] };

  it('drops the view as a view (it used to fail as "drop table" of a view) and the next run recreates it', async () => {
    const sandbox = await OrdersModelSandbox.open([...loadModelCatalog(), view]);
    try {
      for (const [entity, rows] of ordersDbHistory) await sandbox.land(entity, rows);
      await sandbox.run();
      const before = await sandbox.query('select * from analytics.daily_orders order by order_day');
      expect(before.length).toBeGreaterThan(0);
      await resetModels(sandbox.warehouse, refreshClosure(sandbox.models, ['fct_orders']));
      expect(await sandbox.query("select count(*) as n from information_schema.tables where table_name in ('daily_orders', 'fct_orders')")).toEqual([{ n: 0 }]);
      await sandbox.run();
      expect(await sandbox.query('select * from analytics.daily_orders order by order_day')).toEqual(before);
    } finally {
      await sandbox.dispose();
    }
  });
});
