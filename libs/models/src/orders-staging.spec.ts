import type { BindValue } from '@northstar/warehouse';
import { OrdersModelSandbox, type OrdersDbEntity } from './orders-model-sandbox';
import { ordersDbRow as row } from './testing';

describe('orders DB staging on DuckDB', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
  });
  afterEach(() => sandbox.dispose());

  it('keeps one row per key from a batch with duplicate keys, counting each line once', async () => {
    await sandbox.land('order_items', [
      row.orderItem(100, 10, 5, '2026-03-01 10:05:00+00', { quantity: 2, line_total: '20.00' }),
      row.orderItem(100, 10, 5, '2026-03-01 10:00:00+00'), // older version, later in the file
      row.orderItem(100, 10, 5, '2026-03-01 10:05:00+00', { quantity: 2, line_total: '20.00' }), // exact duplicate
      row.orderItem(101, 10, 6, '2026-03-01 10:00:00+00'),
      row.orderItem(null, 10, 6, '2026-03-01 10:00:00+00'),
    ]);
    await sandbox.run();
    expect(await sandbox.query('select order_item_id, quantity from staging.stg_orders_db__order_items order by order_item_id')).toEqual([
      { order_item_id: 100, quantity: 2 },
      { order_item_id: 101, quantity: 1 },
    ]);
    const [totals] = await sandbox.query<{ lines: number; amount: string }>('select count(*) as lines, sum(line_total_amount) as amount from curated.fct_order_items');
    expect(totals).toEqual({ lines: 2, amount: '30.00' });
    const quarantined = await sandbox.query("select entity from ops.quarantine where reason like 'order_item_id is null%'");
    expect(quarantined).toEqual([{ entity: 'order_items' }]);
  });

  it('never lets an older version that arrives later overwrite a newer one', async () => {
    await sandbox.land('products', [row.product(5, '2026-02-02 00:00:00+00', { name: 'New name', unit_price: '12.00' })]);
    await sandbox.run();
    await sandbox.land('products', [row.product(5, '2026-02-01 00:00:00+00', { name: 'Old name' })], '2026-11-02 09:00:00+00');
    await sandbox.run();
    expect(await sandbox.query('select product_name, unit_price from staging.stg_orders_db__products')).toEqual([{ product_name: 'New name', unit_price: '12.00' }]);
    expect(await sandbox.query('select product_name, unit_price, is_inferred from curated.dim_product')).toEqual([{ product_name: 'New name', unit_price: '12.00', is_inferred: false }]);
  });

  it('gives a product an order line names before it lands an inferred row, completed in place', async () => {
    await sandbox.land('order_items', [row.orderItem(100, 10, 7, '2026-03-01 10:00:00+00')]);
    await sandbox.run();
    const [inferred] = await sandbox.query<{ product_sk: string }>('select product_sk, product_name, is_inferred from curated.dim_product');
    expect(inferred).toMatchObject({ product_name: null, is_inferred: true });
    await sandbox.land('products', [row.product(7, '2026-02-01 00:00:00+00')]);
    await sandbox.run();
    expect(await sandbox.query('select product_sk, product_name, is_inferred from curated.dim_product')).toEqual([{ product_sk: inferred.product_sk, product_name: 'Product 7', is_inferred: false }]);
    expect(await sandbox.query('select product_sk from curated.fct_order_items')).toEqual([{ product_sk: inferred.product_sk }]);
  });

  describe('hard deletes found by the nightly key set', () => {
    const orderFlags = () => sandbox.query('select order_id, is_deleted, deleted_at from curated.fct_orders order by order_id');
    const lineFlags = () => sandbox.query('select order_item_id, is_deleted, deleted_at from curated.fct_order_items order by order_item_id');

    beforeEach(async () => {
      await sandbox.land('orders', [row.order(1, 7, '2026-03-01 10:00:00+00'), row.order(2, 7, '2026-03-01 10:00:00+00')]);
      await sandbox.land('order_items', [row.orderItem(10, 1, 5, '2026-03-01 10:00:00+00'), row.orderItem(20, 2, 5, '2026-03-01 10:00:00+00')]);
      await sandbox.run();
      // order 2 is gone from the source; order 3 was created after the key set was taken
      await sandbox.land('orders', [row.order(3, 7, '2026-11-02 06:30:00+00')]);
      await sandbox.landKeys('orders', [{ order_id: 1, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' }], '2026-11-02 06:00:00+00');
      await sandbox.landKeys('order_items', [{ order_item_id: 10, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' }, { order_item_id: 20, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' }], '2026-11-02 06:00:00+00');
      await sandbox.run();
    });

    it('flags a key missing from the key set in staging and carries the flag to the order and its lines', async () => {
      expect(await sandbox.query('select order_id, is_deleted, deleted_at from staging.stg_orders_db__orders order by order_id')).toEqual([
        { order_id: 1, is_deleted: false, deleted_at: null },
        { order_id: 2, is_deleted: true, deleted_at: '2026-11-02T06:00:00Z' },
        { order_id: 3, is_deleted: false, deleted_at: null },
      ]);
      expect(await orderFlags()).toEqual([
        { order_id: 1, is_deleted: false, deleted_at: null },
        { order_id: 2, is_deleted: true, deleted_at: '2026-11-02T06:00:00Z' },
        { order_id: 3, is_deleted: false, deleted_at: null },
      ]);
      expect(await lineFlags()).toEqual([
        { order_item_id: 10, is_deleted: false, deleted_at: null },
        { order_item_id: 20, is_deleted: true, deleted_at: '2026-11-02T06:00:00Z' },
      ]);
    });

    it('is not undone by an overlap re-read of the same version, nor by the same key set again', async () => {
      await sandbox.land('orders', [row.order(2, 7, '2026-03-01 10:00:00+00')], '2026-11-02 07:30:00+00');
      await sandbox.landKeys('orders', [{ order_id: 1, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' }], '2026-11-02 06:00:00+00');
      await sandbox.run();
      expect((await orderFlags())[1]).toEqual({ order_id: 2, is_deleted: true, deleted_at: '2026-11-02T06:00:00Z' });
      expect((await lineFlags())[1]).toMatchObject({ order_item_id: 20, is_deleted: true });
    });

    it('is not undone by a version newer than the staged one but older than the delete (a pre-delete extract loaded late)', async () => {
      await sandbox.land('orders', [row.order(2, 7, '2026-11-02 05:50:00+00', { status: 'shipped' })], '2026-11-02 05:55:00+00');
      await sandbox.run();
      expect(await sandbox.query('select order_status, is_deleted, deleted_at from staging.stg_orders_db__orders where order_id = 2')).toEqual([
        { order_status: 'shipped', is_deleted: true, deleted_at: '2026-11-02T06:00:00Z' },
      ]);
      expect((await orderFlags())[1]).toEqual({ order_id: 2, is_deleted: true, deleted_at: '2026-11-02T06:00:00Z' });
      expect((await lineFlags())[1]).toEqual({ order_item_id: 20, is_deleted: true, deleted_at: '2026-11-02T06:00:00Z' });
    });

    it('is withdrawn, down to the order lines, by a later key set that holds the order again', async () => {
      const bothOrders = [1, 2].map((id) => ({ order_id: id, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' }));
      await sandbox.landKeys('orders', bothOrders, '2026-11-03 06:00:00+00');
      await sandbox.run();
      expect((await orderFlags())[1]).toEqual({ order_id: 2, is_deleted: false, deleted_at: null });
      expect((await lineFlags())[1]).toEqual({ order_item_id: 20, is_deleted: false, deleted_at: null });
    });

    it('is cleared by a genuinely newer version (the row was re-inserted)', async () => {
      await sandbox.land('orders', [row.order(2, 7, '2026-11-02 07:10:00+00', { status: 'shipped' })], '2026-11-02 07:30:00+00');
      await sandbox.run();
      expect((await orderFlags())[1]).toEqual({ order_id: 2, is_deleted: false, deleted_at: null });
      expect((await lineFlags())[1]).toEqual({ order_item_id: 20, is_deleted: false, deleted_at: null });
    });
  });

  describe('a hard-deleted product', () => {
    const products = () => sandbox.query('select product_id, product_sk, product_name, is_deleted, deleted_at, _row_hash, _merged_at from curated.dim_product order by product_id');

    beforeEach(async () => {
      await sandbox.land('products', [row.product(5, '2026-02-02 00:00:00+00', { name: 'New name' }), row.product(6, '2026-02-01 00:00:00+00')]);
      await sandbox.land('order_items', [row.orderItem(100, 10, 5, '2026-03-01 10:00:00+00')]);
      await sandbox.run();
      await sandbox.landKeys('products', [{ product_id: 6, updated_at: '2026-02-01 00:00:00+00', created_day: '2026-01-01' }], '2026-11-02 06:00:00+00');
      await sandbox.run();
    });

    it('is flagged in dim_product, its order lines keeping their product_sk', async () => {
      expect(await products()).toEqual([
        expect.objectContaining({ product_id: 5, product_name: 'New name', is_deleted: true, deleted_at: '2026-11-02T06:00:00Z' }),
        expect.objectContaining({ product_id: 6, is_deleted: false, deleted_at: null }),
      ]);
      const [deleted] = await products();
      expect(await sandbox.query('select product_sk from curated.fct_order_items')).toEqual([{ product_sk: deleted['product_sk'] }]);
    });

    it('is withdrawn in dim_product by a later key set holding it again, under the same product_sk', async () => {
      const [flagged] = await products();
      await sandbox.landKeys('products', [5, 6].map((id) => ({ product_id: id, updated_at: '2026-02-02 00:00:00+00', created_day: '2026-01-01' })), '2026-11-03 06:00:00+00');
      await sandbox.run();
      expect((await products())[0]).toMatchObject({ product_id: 5, product_sk: flagged['product_sk'], product_name: 'New name', is_deleted: false, deleted_at: null });
    });

    it('is not resurrected by a later overlap read of an older or the same version, nor by the key set again', async () => {
      const flagged = await products();
      await sandbox.land('products', [row.product(5, '2026-02-01 00:00:00+00', { name: 'Old name' }), row.product(5, '2026-02-02 00:00:00+00', { name: 'New name' })], '2026-11-02 07:30:00+00');
      await sandbox.landKeys('products', [{ product_id: 6, updated_at: '2026-02-01 00:00:00+00', created_day: '2026-01-01' }], '2026-11-02 06:00:00+00');
      await sandbox.run();
      expect(await products()).toEqual(flagged); // not even rewritten
    });
  });

  // The same rules in every staging model: one row of each entity, key 1, deleted by the 06:00 key set.
  describe.each<[OrdersDbEntity, string, (updatedAt: string) => Record<string, BindValue>]>([
    ['customers', 'customer_id', (u) => row.customer(1, u)],
    ['products', 'product_id', (u) => row.product(1, u)],
    ['orders', 'order_id', (u) => row.order(1, 7, u)],
    ['order_items', 'order_item_id', (u) => row.orderItem(1, 10, 5, u)],
  ])('a hard-deleted row of stg_orders_db__%s', (entity, key, version) => {
    const staged = () => sandbox.query(`select updated_at, is_deleted, deleted_at, _staged_at from staging.stg_orders_db__${entity}`);
    const keySet = (ids: number[], extractedAt: string) =>
      sandbox.landKeys(entity, ids.map((id) => ({ [key]: id, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' })), extractedAt);
    const flagged = { is_deleted: true, deleted_at: '2026-11-02T06:00:00Z' };
    const live = { is_deleted: false, deleted_at: null };

    beforeEach(async () => {
      await sandbox.land(entity, [version('2026-03-01 10:00:00+00')]);
      await sandbox.run();
      await keySet([2], '2026-11-02 06:00:00+00');
      await sandbox.run();
      expect(await staged()).toEqual([expect.objectContaining(flagged)]);
    });

    it('stays flagged for a version older than the delete loaded late, and is cleared by one written after it', async () => {
      await sandbox.land(entity, [version('2026-11-02 05:50:00+00')], '2026-11-02 05:55:00+00');
      await sandbox.run();
      expect(await staged()).toEqual([expect.objectContaining({ updated_at: '2026-11-02T05:50:00Z', ...flagged })]);
      await sandbox.land(entity, [version('2026-11-02 06:10:00+00')], '2026-11-02 06:30:00+00');
      await sandbox.run();
      expect(await staged()).toEqual([expect.objectContaining({ updated_at: '2026-11-02T06:10:00Z', ...live })]);
    });

    it('is withdrawn by a later key set holding the key again; replaying either key set then changes nothing', async () => {
      await keySet([1, 2], '2026-11-03 06:00:00+00');
      await sandbox.run();
      const withdrawn = await staged();
      expect(withdrawn).toEqual([expect.objectContaining({ updated_at: '2026-03-01T10:00:00Z', ...live })]);
      await keySet([2], '2026-11-02 06:00:00+00');
      await keySet([1, 2], '2026-11-03 06:00:00+00');
      await sandbox.run();
      expect(await staged()).toEqual(withdrawn); // _staged_at included: not even rewritten
    });
  });
});
