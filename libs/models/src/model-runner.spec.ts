import { ConfigError } from '@northstar/core';
import { renderSql } from '@northstar/sql';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { ordersDbRow as row } from './testing';

describe('runModels: what a tracked column may hold', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
  });
  afterEach(() => sandbox.dispose());

  it('runs on millisecond lineage values, and refuses a tracked value with microseconds instead of cutting it', async () => {
    await sandbox.land('customers', [row.customer(1, '2026-03-01 00:00:00+00')]);
    await sandbox.run();
    expect(await sandbox.query('select customer_id from staging.stg_orders_db__customers')).toEqual([{ customer_id: 1 }]);

    await sandbox.land('customers', [row.customer(2, '2026-03-02 00:00:00+00')]);
    await sandbox.warehouse.run(renderSql("update raw.orders_db__customers set _loaded_at = _loaded_at + interval '7 microseconds' where customer_id = 2", sandbox.warehouse.dialect));
    const failure = await sandbox.run().then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/^raw\.orders_db__customers\._loaded_at holds \S+\.\d{3}007Z, finer than the millisecond/);
  });
});
