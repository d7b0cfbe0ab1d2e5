import { silentLogger } from '@northstar/core';
import { keyChecks } from './key-checks';
import { loadModelCatalog } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { loadQualityChecks, runQualityChecks } from './quality-checks';
import { ordersDbHistory } from './testing';

describe('key checks generated from the models\' keys: headers', () => {
  it('gives each staging model a unique and a not-null check of its key, whole-table and batch, named for its source', () => {
    const names = keyChecks(loadModelCatalog()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([
      'stg_orders_db__orders_unique_order_id', 'stg_orders_db__orders_unique_order_id_in_batch',
      'stg_orders_db__orders_not_null_order_id', 'stg_orders_db__orders_not_null_order_id_in_batch',
    ]));
    expect(names).toHaveLength(16); // four staging models; curated keys are expressions, checked by hand-written files
    expect(loadQualityChecks().map((c) => c.name)).toEqual(expect.arrayContaining(names));
  });

  describe('on staged orders', () => {
    let sandbox: OrdersModelSandbox;
    const byName = new Map(loadQualityChecks().map((c) => [c.name, c]));
    const failing = async (name: string, runId: string) =>
      (await runQualityChecks([byName.get(name)!], { warehouse: sandbox.warehouse, runId, clock: sandbox.clock, logger: silentLogger(), models: sandbox.models }))[0].failingRows;

    beforeAll(async () => {
      sandbox = await OrdersModelSandbox.open();
      for (const [entity, rows] of ordersDbHistory) await sandbox.land(entity, rows);
      await sandbox.run();
    });

    afterAll(() => sandbox?.dispose());

    it('pass on what the models staged', async () => {
      expect(await failing('stg_orders_db__orders_unique_order_id', 'r6')).toBe(0);
      expect(await failing('stg_orders_db__orders_not_null_order_id', 'r6')).toBe(0);
    });

    it('count a second copy of a key, nightly and in the batch of the run that wrote it', async () => {
      await sandbox.query("insert into staging.stg_orders_db__orders select * replace ('r9' as _run_id) from staging.stg_orders_db__orders where order_id = 10");
      expect(await failing('stg_orders_db__orders_unique_order_id', 'r6')).toBe(1);
      expect(await failing('stg_orders_db__orders_unique_order_id_in_batch', 'r9')).toBe(1);
      expect(await failing('stg_orders_db__orders_unique_order_id_in_batch', 'r1')).toBe(0);
    });
  });
});
