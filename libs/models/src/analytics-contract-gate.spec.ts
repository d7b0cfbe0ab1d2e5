import { analyticsViews, type AnalyticsView, type LogicalType } from '@northstar/contracts';
import { parseSqlTemplate } from '@northstar/sql';
import { compareAnalyticsLayer, nextVersion, readBuiltViews, type BuiltColumn, type BuiltViews } from './analytics-contract-gate';
import { loadModelCatalog, type Model } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { ordersDbRow as row } from './testing';

const today = '2026-12-05';
const text: LogicalType = { kind: 'string' };
const int: LogicalType = { kind: 'integer' };
const money = (precision: number): LogicalType => ({ kind: 'decimal', precision, scale: 2 });

const ordersView = (name = 'orders', deprecated?: AnalyticsView['deprecated']): AnalyticsView => ({
  name,
  description: 'orders',
  columns: [
    { name: 'order_id', type: int, description: 'id' },
    { name: 'total_amount', type: money(14), description: 'total' },
  ],
  ...(deprecated ? { deprecated } : {}),
});
const built = (columns: Record<string, LogicalType | undefined>): BuiltColumn[] =>
  Object.entries(columns).map(([name, type]) => ({ name, type, spelling: type ? JSON.stringify(type) : 'INTEGER' }));
const asBuilt = (views: Record<string, BuiltColumn[]>): BuiltViews => new Map(Object.entries(views));

/** The analytics models of the catalog, as the load app builds them (on an empty warehouse: views need no rows). */
async function buildViews(models: readonly Model[]): Promise<BuiltViews> {
  const sandbox = await OrdersModelSandbox.open(models);
  try {
    await sandbox.run();
    return await readBuiltViews(sandbox.warehouse, models.filter((m) => m.layer === 'analytics').map((m) => m.name));
  } finally {
    await sandbox.dispose();
  }
}

describe('the analytics layer against its kept contract (the CI gate)', () => {
  it('builds every view of the contract with its columns and types: no breaking change', async () => {
    const comparison = compareAnalyticsLayer(analyticsViews, await buildViews(loadModelCatalog()), today);
    expect(comparison.breaking).toEqual([]);
  });

  it('describes every view and column it keeps', () => {
    const undescribed = analyticsViews.flatMap((v) => [v, ...v.columns].filter((x) => !x.description.trim()).map((x) => `${v.name}.${x.name}`));
    expect(undescribed).toEqual([]);
  });

  it('fails when a model drops a contract column (built for real on DuckDB)', async () => {
    const models = loadModelCatalog().map((m) => (m.name === 'orders' ? withoutColumn(m, '  o.paid_at,\n') : m));
    const comparison = compareAnalyticsLayer(analyticsViews, await buildViews(models), today);
    expect(comparison.breaking).toEqual(['analytics.orders: column paid_at removed or renamed; keep analytics.orders as it is and add analytics.orders_v2']);
  });
});

describe('compareAnalyticsLayer', () => {
  const contract = [ordersView()];

  it('refuses a removed or renamed column', () => {
    const result = compareAnalyticsLayer(contract, asBuilt({ orders: built({ order_id: int, grand_total: money(14) }) }), today);
    expect(result.breaking).toEqual(['analytics.orders: column total_amount removed or renamed; keep analytics.orders as it is and add analytics.orders_v2']);
    expect(result.additive).toEqual([`analytics.orders: new column grand_total ${JSON.stringify(money(14))}`]);
  });

  it('refuses a narrowed or retyped column, and a type no contract type stands for', () => {
    const narrowed = compareAnalyticsLayer(contract, asBuilt({ orders: built({ order_id: int, total_amount: money(12) }) }), today);
    expect(narrowed.breaking).toHaveLength(1);
    expect(narrowed.breaking[0]).toMatch(/^analytics\.orders: column total_amount is .*the contract says decimal\(14, 2\)/);
    const retyped = compareAnalyticsLayer(contract, asBuilt({ orders: built({ order_id: text, total_amount: money(14) }) }), today);
    expect(retyped.breaking[0]).toMatch(/column order_id is .*the contract says integer/);
    const int32 = compareAnalyticsLayer(contract, asBuilt({ orders: built({ order_id: undefined, total_amount: money(14) }) }), today);
    expect(int32.breaking[0]).toMatch(/column order_id is INTEGER, the contract says integer/);
  });

  it('refuses a dropped view', () => {
    expect(compareAnalyticsLayer(contract, asBuilt({}), today).breaking).toEqual([
      'analytics.orders: view dropped; keep it, and put a breaking change in a new analytics.orders_v2',
    ]);
  });

  it('passes additive changes: a new column, a wider decimal, a new view', () => {
    const result = compareAnalyticsLayer(
      contract,
      asBuilt({ orders: built({ order_id: int, total_amount: money(18), channel: text }), shipments: built({ shipment_id: int }) }),
      today,
    );
    expect(result.breaking).toEqual([]);
    expect(result.additive).toEqual([`analytics.orders: new column channel ${JSON.stringify(text)}`, 'analytics.shipments: new view']);
  });

  it('passes a breaking change made as orders_v2 beside the kept orders', () => {
    const v2 = built({ order_id: text, total_amount: money(14) });
    const result = compareAnalyticsLayer(contract, asBuilt({ orders: built({ order_id: int, total_amount: money(14) }), orders_v2: v2 }), today);
    expect(result).toEqual({ breaking: [], additive: ['analytics.orders_v2: new view'] });
  });

  it('lets a deprecated view go only after its deprecation ends and with its replacement built', () => {
    const deprecated = [ordersView('orders', { replacedBy: 'orders_v2', until: '2027-03-01' }), ordersView('orders_v2')];
    const onlyV2 = asBuilt({ orders_v2: built({ order_id: int, total_amount: money(14) }) });
    expect(compareAnalyticsLayer(deprecated, onlyV2, '2027-02-28').breaking).toEqual([
      'analytics.orders: view dropped before its deprecation ends (2027-03-01, replaced by analytics.orders_v2); keep it, and put a breaking change in a new analytics.orders_v2',
    ]);
    expect(compareAnalyticsLayer(deprecated, onlyV2, '2027-03-01').breaking).toEqual([]);
  });

  it('names the next version', () => {
    expect([nextVersion('orders'), nextVersion('orders_v2'), nextVersion('daily_v9')]).toEqual(['orders_v2', 'orders_v3', 'daily_v10']);
  });
});

describe('analytics views over the orders models', () => {
  it('show live orders under business names and leave deleted ones out', async () => {
    const sandbox = await OrdersModelSandbox.open();
    try {
      await sandbox.land('orders', [row.order(1, 7, '2026-03-01 10:00:00+00'), row.order(2, 7, '2026-03-01 10:00:00+00')]);
      await sandbox.land('customers', [row.customer(7, '2026-02-01 00:00:00+00')]);
      await sandbox.run();
      await sandbox.landKeys('orders', [{ order_id: 1, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' }], '2026-11-02 07:30:00+00');
      await sandbox.run();
      const orders = await sandbox.query<{ order_id: number; customer_id: number; order_date_key: number }>('select order_id, customer_id, order_date_key from analytics.orders');
      expect(orders).toEqual([{ order_id: 1, customer_id: 7, order_date_key: expect.any(Number) }]);
      const joined = await sandbox.query(
        'select d.calendar_date, c.customer_id, h.is_current from analytics.orders o join analytics.dates d on d.date_key = o.order_date_key join analytics.customers c on c.customer_id = o.customer_id join analytics.customer_history h on h.customer_key = o.customer_key',
      );
      expect(joined).toHaveLength(1);
      const comment = await sandbox.query("select comment from duckdb_views() where schema_name = 'analytics' and view_name = 'orders'");
      expect(String(comment[0]?.['comment'])).toMatch(/^One row per order/);
    } finally {
      await sandbox.dispose();
    }
  });
});

function withoutColumn(model: Model, line: string): Model {
  const source = `-- name: ${model.name}\n-- depends-on: ${model.dependsOn.join(', ')}\n-- tracks: none\n--\n${model.template.body}`;
  if (!model.template.body.includes(line)) throw new Error(`${model.name} has no line ${line}`);
  return { ...model, template: parseSqlTemplate(source.replace(line, ''), model.template.file) };
}
