import { silentLogger } from '@northstar/core';
import { parseSqlTemplate } from '@northstar/sql';
import { headerKeys, keyChecks } from './key-checks';
import { loadModelCatalog, type Model } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { loadQualityChecks, runQualityChecks } from './quality-checks';
import { ordersDbHistory } from './testing';

const withKeys = (keys: string): Model => {
  const template = parseSqlTemplate(`-- name: m\n-- keys: ${keys}\n--\nselect 1`, 'm.sql');
  return { name: 'm', layer: 'curated', target: 'curated.m', template, dependsOn: [], tracks: [] };
};

describe('key checks generated from the models\' keys: headers', () => {
  const names = keyChecks(loadModelCatalog()).map((c) => c.name);

  it('gives each staging model a unique and a not-null check of its key, whole-table and batch, named for its source', () => {
    expect(names).toEqual(expect.arrayContaining([
      'stg_orders_db__orders_unique_order_id', 'stg_orders_db__orders_unique_order_id_in_batch',
      'stg_orders_db__orders_not_null_order_id', 'stg_orders_db__orders_not_null_order_id_in_batch',
    ]));
    expect(loadQualityChecks().map((c) => c.name)).toEqual(expect.arrayContaining(names));
  });

  it('reads a curated grain stated beside its surrogate key, composite or not; a table without _run_id gets no batch checks', () => {
    expect(names).toEqual(expect.arrayContaining([
      'fct_orders_unique_order_id', 'fct_orders_unique_order_id_in_batch', 'fct_order_items_unique_order_item_id',
      'dim_product_unique_product_id', 'dim_customer_unique_customer_id_valid_from', 'dim_customer_unique_customer_id_valid_from_in_batch',
      'dim_date_unique_date_day', 'dim_date_not_null_date_day',
    ]));
    expect(names.filter((n) => n.startsWith('dim_date_'))).toEqual(['dim_date_unique_date_day', 'dim_date_not_null_date_day']);
    expect(names.some((n) => /_sk\b|_sk_/.test(n))).toBe(false); // surrogate keys are expressions, not grains
  });

  it('parses keys: parts, skipping expressions and prose', () => {
    expect(headerKeys(withKeys('partner_code, shipment_id'))).toEqual([['partner_code', 'shipment_id']]);
    expect(headerKeys(withKeys('customer_sk = hash_key(customer_id, ts_key(valid_from)); (customer_id, valid_from) unique'))).toEqual([['customer_id', 'valid_from']]);
    expect(headerKeys(withKeys('order_sk = hash_key(order_id); order_id unique'))).toEqual([['order_id']]);
    expect(headerKeys(withKeys('none'))).toEqual([]);
    expect(headerKeys(withKeys('customer_key = curated.dim_customer.customer_sk of the current version'))).toEqual([]);
  });

  describe('on staged orders and their curated tables', () => {
    let sandbox: OrdersModelSandbox;
    const byName = new Map(loadQualityChecks().map((c) => [c.name, c]));
    const failing = async (name: string, runId: string) =>
      (await runQualityChecks([byName.get(name)!], { warehouse: sandbox.warehouse, runId, clock: sandbox.clock, logger: silentLogger(), piiColumns: new Set<string>(), models: sandbox.models }))[0].failingRows;

    beforeAll(async () => {
      sandbox = await OrdersModelSandbox.open();
      for (const [entity, rows] of ordersDbHistory) await sandbox.land(entity, rows);
      await sandbox.run();
    });

    afterAll(() => sandbox?.dispose());

    it('pass on what the models built', async () => {
      for (const name of names.filter((n) => /^(stg_orders_db__|dim_|fct_order)/.test(n))) expect([name, await failing(name, 'r6')]).toEqual([name, 0]);
    });

    it('count a second copy of a key, nightly and in the batch of the run that wrote it', async () => {
      await sandbox.query("insert into staging.stg_orders_db__orders select * replace ('r9' as _run_id) from staging.stg_orders_db__orders where order_id = 10");
      expect(await failing('stg_orders_db__orders_unique_order_id', 'r6')).toBe(1);
      expect(await failing('stg_orders_db__orders_unique_order_id_in_batch', 'r9')).toBe(1);
      expect(await failing('stg_orders_db__orders_unique_order_id_in_batch', 'r1')).toBe(0);
    });

    it('count a composite key\'s copies, nightly and in the batch of the run that wrote one', async () => {
      const [version] = await sandbox.query<{ customer_id: number }>('select customer_id from curated.dim_customer limit 1');
      const copy = "insert into curated.dim_customer select * replace (md5('copy') as customer_sk, 'r9' as _run_id) from curated.dim_customer where customer_id = :id";
      await sandbox.query(`${copy} and valid_from = (select min(valid_from) from curated.dim_customer where customer_id = :id)`, { id: version.customer_id });
      expect(await failing('dim_customer_unique_customer_id_valid_from', 'r6')).toBe(1);
      expect(await failing('dim_customer_unique_customer_id_valid_from_in_batch', 'r9')).toBe(1);
      expect(await failing('dim_customer_unique_customer_id_valid_from_in_batch', 'r6')).toBe(0);
    });
  });
});
