import { OrdersModelSandbox } from './orders-model-sandbox';
import { ordersDbHistory, ordersDbRow as row } from './testing';

const curatedTables = ['dim_customer', 'dim_product', 'dim_date', 'fct_orders', 'fct_order_items'];

const batches = ordersDbHistory;

describe('replaying the same batches', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
  });
  afterEach(() => sandbox.dispose());

  /** Every curated row, _merged_at included: a rewrite of an unchanged row shows. */
  async function curatedHash(): Promise<string> {
    const tables = await Promise.all(curatedTables.map((t) => sandbox.query(`select md5(string_agg(cast(to_json(t) as varchar), '|' order by cast(to_json(t) as varchar))) as h, count(*) as n from curated.${t} as t`)));
    return JSON.stringify(tables);
  }

  it('leaves every curated table unchanged, three times over', async () => {
    for (const [entity, rows] of batches) {
      await sandbox.land(entity, rows);
      await sandbox.run();
    }
    const built = await curatedHash();
    expect(await sandbox.query('select count(*) as n from curated.dim_customer')).toEqual([{ n: 5 }]);
    for (let replay = 0; replay < 3; replay++) {
      for (const [entity, rows] of batches) await sandbox.land(entity, rows, '2026-11-02 09:00:00+00');
      const ran = await sandbox.run();
      expect(ran.filter((r) => r.status === 'ran').length).toBeGreaterThan(0);
      expect(await curatedHash()).toBe(built);
    }
  });

  it('leaves every curated table unchanged after a customer and a product were hard-deleted', async () => {
    const keySets = async () => {
      await sandbox.landKeys('customers', [1, 3].map((id) => ({ customer_id: id, updated_at: '2026-02-01 00:00:00+00', created_day: '2026-01-01' })), '2026-11-02 06:00:00+00');
      await sandbox.landKeys('products', [{ product_id: 6, updated_at: '2026-02-01 00:00:00+00', created_day: '2026-01-01' }], '2026-11-02 06:00:00+00');
    };
    for (const [entity, rows] of batches) await sandbox.land(entity, rows);
    await keySets();
    await sandbox.run();
    expect(await sandbox.query('select customer_id, count(*) as versions from curated.dim_customer where is_deleted group by customer_id')).toEqual([{ customer_id: 2, versions: 1 }]);
    expect(await sandbox.query('select product_id from curated.dim_product where is_deleted')).toEqual([{ product_id: 5 }]);
    const built = await curatedHash();
    for (let replay = 0; replay < 2; replay++) {
      for (const [entity, rows] of batches) await sandbox.land(entity, rows, '2026-11-02 09:00:00+00');
      await keySets();
      await sandbox.run();
      expect(await curatedHash()).toBe(built);
    }
  });

  it('leaves every staging and curated table unchanged replaying both the key set that flagged a customer and the later one that withdrew it', async () => {
    const stagingTables = ['customers', 'products', 'orders', 'order_items'].map((e) => `stg_orders_db__${e}`);
    const stagingHash = async () =>
      JSON.stringify(await Promise.all(stagingTables.map((t) => sandbox.query(`select md5(string_agg(cast(to_json(t) as varchar), '|' order by cast(to_json(t) as varchar))) as h from staging.${t} as t`))));
    const customerKeys = (ids: number[], extractedAt: string) =>
      sandbox.landKeys('customers', ids.map((id) => ({ customer_id: id, updated_at: '2026-02-01 00:00:00+00', created_day: '2026-01-01' })), extractedAt);
    for (const [entity, rows] of batches) await sandbox.land(entity, rows);
    await customerKeys([1, 3], '2026-11-02 06:00:00+00');
    await sandbox.run();
    expect(await sandbox.query('select distinct customer_id from curated.dim_customer where is_deleted')).toEqual([{ customer_id: 2 }]);
    await customerKeys([1, 2, 3], '2026-11-03 06:00:00+00');
    await sandbox.run();
    expect(await sandbox.query('select count(*) as n from curated.dim_customer where is_deleted')).toEqual([{ n: 0 }]);
    const built = [await stagingHash(), await curatedHash()];
    for (let replay = 0; replay < 2; replay++) {
      for (const [entity, rows] of batches) await sandbox.land(entity, rows, '2026-11-02 09:00:00+00');
      await customerKeys([1, 3], '2026-11-02 06:00:00+00');
      await customerKeys([1, 2, 3], '2026-11-03 06:00:00+00');
      await sandbox.run();
      expect([await stagingHash(), await curatedHash()]).toEqual(built);
    }
  });

  it('builds dim_date once, as a calendar of ISO weeks and weekdays', async () => {
    const first = await sandbox.run();
    expect(first.find((r) => r.model === 'dim_date')?.status).toBe('ran');
    const again = await sandbox.run();
    expect(again.find((r) => r.model === 'dim_date')?.status).toBe('up-to-date');
    expect(await sandbox.query('select count(*) as n, min(date_day) as first_day, max(date_day) as last_day from curated.dim_date')).toEqual([
      { n: 7670, first_day: '2015-01-01', last_day: '2035-12-31' },
    ]);
    expect(await sandbox.query("select date_key, quarter, iso_week, iso_weekday, weekday_name, is_weekend from curated.dim_date where date_key in (20210103, 20241231) order by date_key")).toEqual([
      { date_key: 20210103, quarter: 1, iso_week: 53, iso_weekday: 7, weekday_name: 'Sunday', is_weekend: true },
      { date_key: 20241231, quarter: 4, iso_week: 1, iso_weekday: 2, weekday_name: 'Tuesday', is_weekend: false },
    ]);
  });

  it('waits on the reconciliation models until a key set lands', async () => {
    await sandbox.land('orders', [row.order(10, 1, '2026-03-01 10:00:00+00')]);
    const ran = await sandbox.run();
    expect(ran.filter((r) => r.model.startsWith('reconcile_')).map((r) => r.status)).toEqual(['up-to-date', 'up-to-date', 'up-to-date', 'up-to-date']);
  });
});
