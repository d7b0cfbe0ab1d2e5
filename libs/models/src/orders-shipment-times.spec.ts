import { silentLogger } from '@northstar/core';
import { curatedDomains, ordersDbSource, partnerFilesSource, rawTableName, shipmentsContract, sourceRegistry, type SourceDeclaration } from '@northstar/contracts';
import { tableExists, type BindValue } from '@northstar/warehouse';
import { loadModelCatalog, type Model } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { publishModels } from './publish-models';
import { loadQualityChecks, renderQualityCheck } from './quality-checks';
import { modelsOfDomain, modelsOfSource } from './source-models';
import { ordersDbRow as row } from './testing';

const catalog = loadModelCatalog();
/** What `load --source <source>` publishes after its raw loads (apps/load, load-source.ts). */
const chainOf = (source: SourceDeclaration): Model[] => modelsOfSource(catalog, source, source.contracts.map((c) => `raw.${rawTableName(c)}`));
const ordersChain = chainOf(ordersDbSource);
const partnerChain = chainOf(partnerFilesSource);
const names = (models: readonly Model[]) => models.map((m) => m.name);

const report = (shipmentId: string, orderId: number, status: string, statusAt: string, partner = 'acme'): Record<string, BindValue> => ({
  partner, shipment_id: shipmentId, order_id: orderId, carrier: 'dhl', tracking_number: `T-${shipmentId}`, status, status_at: statusAt,
  ship_to_postcode: null, weight_kg: '1.500', file_name: `partners/${partner}/drop.csv`, file_line: 2, unmapped_columns: null,
});

type OrderTimes = {
  order_id: number;
  shipped_at: string | null;
  delivered_at: string | null;
  shipped_at_source: string | null;
  delivered_at_source: string | null;
};
const ordersView = (sandbox: OrdersModelSandbox) =>
  sandbox.query<OrderTimes>(
    "select order_id, strftime(shipped_at, '%Y-%m-%d %H:%M') as shipped_at, strftime(delivered_at, '%Y-%m-%d %H:%M') as delivered_at, shipped_at_source, delivered_at_source from analytics.orders order by order_id",
  );

describe('analytics.orders: shipped and delivered times from the partners where the orders DB has none', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open(catalog);
  });
  afterEach(() => sandbox.dispose());

  const publish = (models: readonly Model[], runId: string) =>
    publishModels(models, { warehouse: sandbox.warehouse, logger: silentLogger(), piiColumns: new Set<string>(), clock: sandbox.clock, runId, mode: 'hourly', checks: loadQualityChecks() });
  const landOrders = (orders: Record<string, BindValue>[]) => sandbox.land('orders', orders);

  it('builds analytics.orders in the orders chain alone: no partner model runs there, no domain job waits for both', () => {
    expect(names(ordersChain)).toContain('orders');
    expect(names(ordersChain).filter((n) => n.includes('shipments'))).toEqual([]);
    expect(names(partnerChain)).toEqual(expect.arrayContaining(['stg_partner_files__shipments', 'fct_shipments', 'fct_order_shipment_times', 'shipments']));
    expect(names(partnerChain)).not.toContain('orders');
    for (const domain of curatedDomains(sourceRegistry)) expect(names(modelsOfDomain(catalog, domain, curatedDomains(sourceRegistry)))).not.toContain('orders');
  });

  it('publishes the orders chain when the partner chain never ran: the orders DB\'s times, the partner table created empty, no partner raw table', async () => {
    await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00')]);
    await landOrders([
      row.order(10, 1, '2026-03-02 09:00:00+00', { status: 'shipped', shipped_at: '2026-03-02 09:00:00+00' }),
      row.order(11, 1, '2026-03-01 10:00:00+00'),
    ]);
    await publish(ordersChain, 'h1');

    expect(await ordersView(sandbox)).toEqual([
      { order_id: 10, shipped_at: '2026-03-02 09:00', delivered_at: null, shipped_at_source: 'orders_db', delivered_at_source: null },
      { order_id: 11, shipped_at: null, delivered_at: null, shipped_at_source: null, delivered_at_source: null },
    ]);
    expect(await sandbox.query('select count(*) as n from curated.fct_order_shipment_times')).toEqual([{ n: 0 }]);
    for (const table of [`raw.${rawTableName(shipmentsContract)}`, 'staging.stg_partner_files__shipments', 'curated.fct_shipments']) {
      expect(await tableExists(sandbox.warehouse, table)).toBe(false);
    }
  });

  it('takes the partners\' times where the orders DB has none, keeps the orders DB\'s where it has them, and shows a later partner drop without the orders chain running again', async () => {
    await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00')]);
    await landOrders([
      // the orders DB has both times: kept, though the partner reports others (the warning lists them)
      row.order(10, 1, '2026-03-05 09:00:00+00', { status: 'delivered', shipped_at: '2026-03-02 09:00:00+00', delivered_at: '2026-03-04 12:00:00+00' }),
      // the orders DB has neither
      row.order(11, 1, '2026-03-01 10:00:00+00'),
      // shipped in the orders DB, delivered only in the partner's file
      row.order(12, 1, '2026-03-02 08:00:00+00', { status: 'shipped', shipped_at: '2026-03-02 08:00:00+00' }),
      // two parcels, one delivered: shipped with the first, not delivered yet
      row.order(13, 1, '2026-03-01 10:00:00+00'),
    ]);
    await publish(ordersChain, 'h1');
    await sandbox.landRows(shipmentsContract, [
      report('S10', 10, 'label_created', '2026-03-02 12:00:00+00'),
      report('S10', 10, 'delivered', '2026-03-04 18:00:00+00'),
      report('S11', 11, 'label_created', '2026-03-01 14:00:00+00'),
      report('S11', 11, 'in_transit', '2026-03-02 06:00:00+00'),
      report('S11', 11, 'delivered', '2026-03-03 15:30:00+00'),
      report('S12', 12, 'label_created', '2026-03-02 08:10:00+00'),
      report('S12', 12, 'delivered', '2026-03-03 11:00:00+00'),
      report('S13a', 13, 'label_created', '2026-03-02 07:00:00+00'),
      report('S13a', 13, 'delivered', '2026-03-03 09:00:00+00'),
      report('P13b', 13, 'label_created', '2026-03-01 20:00:00+00', 'parcelco'),
    ]);
    await publish(partnerChain, 'h2');

    // The orders chain has not run since the partner files landed: the view joins at query time.
    expect(await ordersView(sandbox)).toEqual([
      { order_id: 10, shipped_at: '2026-03-02 09:00', delivered_at: '2026-03-04 12:00', shipped_at_source: 'orders_db', delivered_at_source: 'orders_db' },
      { order_id: 11, shipped_at: '2026-03-01 14:00', delivered_at: '2026-03-03 15:30', shipped_at_source: 'partner', delivered_at_source: 'partner' },
      { order_id: 12, shipped_at: '2026-03-02 08:00', delivered_at: '2026-03-03 11:00', shipped_at_source: 'orders_db', delivered_at_source: 'partner' },
      { order_id: 13, shipped_at: '2026-03-01 20:00', delivered_at: null, shipped_at_source: 'partner', delivered_at_source: null },
    ]);
    // The second parcel's delivery: order 13 alone is recomputed and now delivered.
    const merged = () => sandbox.query<{ order_id: number; merged: string }>("select order_id, cast(_merged_at as varchar) as merged from curated.fct_order_shipment_times order by order_id");
    const before = await merged();
    await sandbox.landRows(shipmentsContract, [report('P13b', 13, 'delivered', '2026-03-04 10:00:00+00', 'parcelco')]);
    await publish(partnerChain, 'h3');
    const after = await merged();
    expect(after.filter((r, i) => r.merged !== before[i].merged).map((r) => r.order_id)).toEqual([13]);
    expect((await ordersView(sandbox)).find((r) => r.order_id === 13)).toEqual(
      { order_id: 13, shipped_at: '2026-03-01 20:00', delivered_at: '2026-03-04 10:00', shipped_at_source: 'partner', delivered_at_source: 'partner' },
    );
    // fct_orders keeps the orders DB's own times, so the disagreement check still compares the two sources.
    expect(await sandbox.query('select order_id from curated.fct_orders where shipped_at is null order by order_id')).toEqual([{ order_id: 11 }, { order_id: 13 }]);
    const disagree = loadQualityChecks().find((c) => c.name === 'fct_shipments_order_times_disagree')!;
    const failing = await sandbox.warehouse.query<{ failing_rows: number; failing_key: string }>(renderQualityCheck(disagree, sandbox.warehouse.dialect, { runId: 'q1', asOf: sandbox.clock() }));
    expect(failing).toEqual([{ failing_rows: 1, failing_key: 'acme S10 (order 10)' }]);
  });

  it('publishes the orders chain over a partner table its own chain refuses (an earlier release\'s shape), leaving that table to its chain', async () => {
    await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00')]);
    await landOrders([row.order(11, 1, '2026-03-01 10:00:00+00')]);
    await sandbox.landRows(shipmentsContract, [report('S11', 11, 'label_created', '2026-03-01 14:00:00+00')]);
    await publish(partnerChain, 'h1');
    await sandbox.warehouse.run({ sql: 'alter table curated.fct_order_shipment_times add column legacy_flag boolean', binds: [] });
    await sandbox.landRows(shipmentsContract, [report('S11', 11, 'delivered', '2026-03-03 15:30:00+00')]);

    await expect(publish(partnerChain, 'h2')).rejects.toThrow('curated.fct_order_shipment_times was built by an earlier version of model fct_order_shipment_times');
    await publish(ordersChain, 'h3');
    // The partner's last published state still fills in the time.
    expect(await ordersView(sandbox)).toEqual([
      { order_id: 11, shipped_at: '2026-03-01 14:00', delivered_at: null, shipped_at_source: 'partner', delivered_at_source: null },
    ]);
  });
});
