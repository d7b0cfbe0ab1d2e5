import { Client } from 'pg';
import { centsToMinorUnits } from './currencies';
import { generateHistory, orderItemRows } from './history-generator';
import { MICROS_PER_HOUR, MICROS_PER_MINUTE, microsToIso } from './microseconds';
import { orderInsertRow } from './order-plan';
import { OrdersDbSandbox } from './orders-db-sandbox';
import { generateStripe } from './stripe-generator';

export interface SandboxServer {
  readonly url: string;
  stop(): Promise<void>;
}

const options = { scale: 0.02, seed: 3, start: new Date('2024-07-01T00:00:00Z') };
const HOUR_MS = 3_600_000;
/** Explicit: the preset's testTimeout does not reach projects run from the root config. */
const SLOW_MS = 60_000;
const hour = (n: number) => new Date(options.start.getTime() + n * HOUR_MS);
const isoUs = "to_char(x at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
const text = (sql: string) => sql.replace(/iso\((\w+)\)/g, (_m, col: string) => isoUs.replace('x', col));

/**
 * One behaviour suite for OrdersDbSandbox, run against every server it must
 * work on: a real PostgreSQL and the embedded PGlite one. The tests run in
 * order and share one database: faults change the schema, so they come last.
 */
export function describeOrdersDbSandbox(name: string, startServer: () => Promise<SandboxServer>): void {
  describe(`OrdersDbSandbox on ${name}`, () => {
    let server: SandboxServer;
    let sandbox: OrdersDbSandbox;
    let reader: Client;
    const query = async (sql: string, params: unknown[] = []) => (await reader.query(text(sql), params)).rows;
    const one = async (sql: string, params: unknown[] = []) => (await query(sql, params))[0];

    beforeAll(async () => {
      server = await startServer();
      sandbox = await OrdersDbSandbox.connect(server.url, options);
      reader = new Client({ connectionString: server.url });
      await reader.connect();
      await sandbox.createSchema();
    }, SLOW_MS);

    afterAll(async () => {
      await reader?.end();
      await sandbox?.close();
      await server?.stop();
    }, SLOW_MS);

    it('seeds exactly the generated history, microseconds and all', async () => {
      const data = generateHistory(options);
      const counts = await sandbox.seed();
      expect(counts).toEqual({ customers: 300, products: 40, orders: 2_400, orderItems: orderItemRows(data.orders).length });
      const stored = await query('select order_id, status, total::text as total, iso(ordered_at) as ordered_at, iso(updated_at) as updated_at from orders order by order_id');
      const expected = data.orders.map((p) => orderInsertRow(p, data.shape.startUs));
      expect(stored).toEqual(expected.map((r) => ({ order_id: String(r.order_id), status: r.status, total: r.total, ordered_at: r.ordered_at, updated_at: r.updated_at })));
      expect(await sandbox.isSeeded()).toBe(true);
    }, SLOW_MS);

    it('keeps the arithmetic in the database: totals, line totals and subtotals', async () => {
      expect(await one(`select
        (select count(*) from orders where total <> subtotal + tax + shipping) as bad_totals,
        (select count(*) from order_items where line_total <> quantity * unit_price - discount) as bad_lines,
        (select count(*) from orders o where subtotal <> (select sum(line_total) from order_items i where i.order_id = o.order_id)) as bad_subtotals,
        (select count(*) from orders where updated_at >= $1) as after_start`, [options.start])).toEqual({ bad_totals: '0', bad_lines: '0', bad_subtotals: '0', after_start: '0' });
    }, SLOW_MS);

    it('advances two hours: new rows and updates, all stamped inside their hour', async () => {
      const before = await sandbox.counts();
      const advanced = [];
      for (const n of [0, 1]) {
        const changes = await sandbox.advanceHour(hour(n));
        expect(changes.newOrderIds.length).toBeGreaterThan(0);
        expect(changes.newCustomerIds.length).toBeGreaterThan(0);
        expect(changes.updatedOrderIds.length).toBeGreaterThan(0);
        expect(changes.updatedCustomerIds.length).toBeGreaterThan(0);
        const stamps = await query('select updated_at from orders where order_id = any($1) union all select updated_at from customers where customer_id = any($2)',
          [[...changes.newOrderIds, ...changes.updatedOrderIds], [...changes.newCustomerIds, ...changes.updatedCustomerIds]]);
        expect(stamps.filter((r) => r.updated_at < hour(n) || r.updated_at >= hour(n + 1))).toEqual([]);
        expect(await one('select count(*) as n from orders where updated_at >= $1', [hour(n + 1)])).toEqual({ n: '0' });
        advanced.push(changes);
      }
      const [first, second] = advanced;
      expect(second.newOrderIds[0]).toBe(first.newOrderIds.at(-1)! + 1);
      const after = await sandbox.counts();
      expect(after.orders - before.orders).toBe(first.newOrderIds.length + second.newOrderIds.length);
      expect(after.orderItems - before.orderItems).toBe(first.newOrderItemIds.length + second.newOrderItemIds.length);
    }, SLOW_MS);

    it('rebuilds the plans of the orders it holds, so the other sources agree with the database', async () => {
      const plans = await sandbox.orderPlans();
      const history = generateHistory(options).orders;
      expect(JSON.stringify(plans.slice(0, history.length))).toBe(JSON.stringify(history));
      const window = { start: new Date(0), end: hour(2) };
      const stripe = generateStripe({ seed: options.seed, orders: plans, customers: await sandbox.customers(), window });
      const totals = new Map((await query('select order_id, total::text as total, currency from orders')).map((r) => [r.order_id, r]));
      const wrong = stripe.charges.filter((c) => {
        const order = totals.get(c.metadata.order_id);
        return !order || c.amount !== centsToMinorUnits(Math.round(Number(order.total) * 100), order.currency);
      });
      expect(stripe.charges.length).toBeGreaterThan(1_000);
      expect(wrong).toEqual([]);
    }, SLOW_MS);

    it('late_update: an existing order changes, stamped under an hour before `at`', async () => {
      const at = hour(3);
      const report = await sandbox.injectFault('late_update', at);
      expect(report.orderIds).toHaveLength(1);
      const row = await one('select iso(updated_at) as updated_at, ordered_at from orders where order_id = $1', [report.orderIds[0]]);
      expect(row.updated_at).toBe(report.stampedAt[0]);
      expect(row.ordered_at.getTime()).toBeLessThan(at.getTime() - HOUR_MS);
      const ageMs = at.getTime() - Date.parse(row.updated_at);
      expect(ageMs).toBeGreaterThan(0);
      expect(ageMs).toBeLessThan(HOUR_MS);
    }, SLOW_MS);

    it('out_of_order_update: the version committed second carries the earlier updated_at', async () => {
      const report = await sandbox.injectFault('out_of_order_update', hour(3));
      const versions = await query('select status, iso(updated_at) as updated_at from orders where order_id = $1 order by updated_at desc', [report.orderIds[0]]);
      const [first, second] = report.versions!;
      expect(versions).toEqual([{ status: first.status, updated_at: first.updatedAt }, { status: second.status, updated_at: second.updatedAt }]);
      expect(first.commitOrder).toBe(1);
      expect(first.status).not.toBe(second.status);
    }, SLOW_MS);

    it('duplicate_rows: one order row twice, identical', async () => {
      const report = await sandbox.injectFault('duplicate_rows', hour(3));
      expect(await one('select count(*) as n, count(distinct row_to_json(o)::text) as distinct_rows from orders o where order_id = $1', [report.orderIds[0]]))
        .toEqual({ n: '2', distinct_rows: '1' });
      expect(await one('select count(*) as n from order_items where order_id = $1', [report.orderIds[0]])).toEqual({ n: String(report.orderItemIds.length) });
    }, SLOW_MS);

    it('null_business_key: an orders row without order_id', async () => {
      const at = hour(3);
      const report = await sandbox.injectFault('null_business_key', at);
      expect(await query('select iso(updated_at) as updated_at, customer_id is not null as has_customer from orders where order_id is null'))
        .toEqual([{ updated_at: microsToIso(at.getTime() * 1000), has_customer: true }]);
      expect(report.stampedAt).toEqual([microsToIso(at.getTime() * 1000)]);
    }, SLOW_MS);

    it('hard_delete: orders and their items vanish', async () => {
      const report = await sandbox.injectFault('hard_delete', hour(3));
      expect(report.orderIds).toHaveLength(3);
      expect(report.orderItemIds.length).toBeGreaterThanOrEqual(3);
      expect(await one('select (select count(*) from orders where order_id = any($1)) as orders, (select count(*) from order_items where order_item_id = any($2)) as items',
        [report.orderIds, report.orderItemIds])).toEqual({ orders: '0', items: '0' });
    }, SLOW_MS);

    it('late_commit (as a fault): a committed order stamped before `at`', async () => {
      const at = hour(3);
      const report = await sandbox.injectFault('late_commit', at);
      expect(await query('select iso(updated_at) as updated_at from orders where order_id = $1', [report.orderIds[0]]))
        .toEqual([{ updated_at: microsToIso(at.getTime() * 1000 - 30 * MICROS_PER_MINUTE) }]);
    }, SLOW_MS);

    it('beginLateCommit: the order is invisible to others until commit(), then appears stamped in the past', async () => {
      const at = hour(3);
      const late = await sandbox.beginLateCommit(at);
      expect(await one('select count(*) as n from orders where order_id = $1', [late.orderId])).toEqual({ n: '0' });
      await late.commit();
      expect(await query('select iso(updated_at) as updated_at from orders where order_id = $1', [late.orderId])).toEqual([{ updated_at: microsToIso(at.getTime() * 1000) }]);
      const dropped = await sandbox.beginLateCommit(at);
      expect(dropped.orderId).toBe(late.orderId + 1);
      await dropped.rollback();
      expect(await one('select count(*) as n from orders where order_id = $1', [dropped.orderId])).toEqual({ n: '0' });
    }, SLOW_MS);

    it('new_column, type_change, missing_column: the schema drifts and later hours follow the new shape', async () => {
      const added = await sandbox.injectFault('new_column', hour(4));
      expect(await one('select gift_message is not null as gifted from orders where order_id = $1', [added.orderIds[0]])).toEqual({ gifted: true });
      expect((await sandbox.injectFault('type_change', hour(4))).column).toBe('tax');
      expect((await sandbox.injectFault('missing_column', hour(4))).column).toBe('delivered_at');
      const columns = await query("select column_name, data_type from information_schema.columns where table_name = 'orders' and column_name in ('tax', 'delivered_at', 'gift_message') order by 1");
      expect(columns).toEqual([{ column_name: 'gift_message', data_type: 'text' }, { column_name: 'tax', data_type: 'text' }]);
      const changes = await sandbox.advanceHour(hour(5));
      const rows = await query('select order_id, gift_message, tax from orders where order_id = any($1) order by order_id', [changes.newOrderIds]);
      const plans = (await sandbox.orderPlans()).filter((p) => changes.newOrderIds.includes(p.orderId));
      expect(rows).toEqual(plans.map((p) => ({ order_id: String(p.orderId), gift_message: p.giftMessage, tax: orderInsertRow(p, hour(6).getTime() * 1000).tax })));
      expect(await one('select count(*) as n from orders where total::numeric <> subtotal + tax::numeric + shipping')).toEqual({ n: '0' });
    }, SLOW_MS);

    it('counts what is there', async () => {
      const counts = await sandbox.counts();
      const actual = await one('select (select count(*) from orders) as orders, (select count(*) from order_items) as items');
      expect({ orders: String(counts.orders), items: String(counts.orderItems) }).toEqual(actual);
      expect(MICROS_PER_HOUR).toBe(HOUR_MS * 1000);
    }, SLOW_MS);
  });
}
