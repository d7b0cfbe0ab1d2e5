import { Client } from 'pg';
import type { CustomerRow } from './customer-profile';
import { FaultInjector } from './fault-injector';
import type { FaultName, FaultReport } from './fault-report';
import { generateHistory, orderItemRows } from './history-generator';
import { generateHour, transitionsInHour } from './hour-generator';
import { IdAllocator } from './id-allocator';
import { beginLateCommit, type LateCommit } from './late-commit';
import { dateToMicros, MICROS_PER_HOUR, microsToDate, microsToIso } from './microseconds';
import { OrderFactory } from './order-factory';
import { orderInsertRow, type OrderPlan, planOrder } from './order-plan';
import { LONGEST_ORDER_LIFE_US } from './order-timeline';
import { OrdersDbStatements, type SeedCounts } from './orders-db-statements';
import { generateProducts } from './product-catalogue';
import { type SandboxOptions, type SandboxShape, sandboxShape } from './sandbox-shape';

export interface HourChanges {
  readonly hourStart: Date;
  readonly hourEnd: Date;
  readonly newCustomerIds: readonly number[];
  readonly newOrderIds: readonly number[];
  readonly newOrderItemIds: readonly number[];
  /** Existing orders whose status changed in the hour. */
  readonly updatedOrderIds: readonly number[];
  /** Existing customers whose email or phone changed in the hour. */
  readonly updatedCustomerIds: readonly number[];
}

/**
 * The orders DB played by a real PostgreSQL server (or the embedded one):
 * seeded from generateHistory, moved forward an hour at a time, and broken
 * on request. All times come from the caller; nothing reads the clock.
 */
export class OrdersDbSandbox {
  private readonly ids = new IdAllocator();
  private readonly statements: OrdersDbStatements;
  private readonly orders: OrderFactory;

  private constructor(
    private readonly url: string,
    private readonly client: Client,
    private readonly options: SandboxOptions,
    private readonly shape: SandboxShape,
    private readonly embedded: boolean,
  ) {
    this.statements = new OrdersDbStatements(client);
    this.orders = new OrderFactory(shape, generateProducts(shape), this.ids);
  }

  static async connect(url: string, options: SandboxOptions): Promise<OrdersDbSandbox> {
    const shape = sandboxShape(options);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const [row] = await new OrdersDbStatements(client).run('select_server_version');
      return new OrdersDbSandbox(url, client, options, shape, /PGlite/i.test(String(row['version'])));
    } catch (error) {
      await client.end();
      throw error;
    }
  }

  /** Drops and creates the four tables. */
  async createSchema(): Promise<void> {
    await this.statements.createSchema();
  }

  /** True when the tables exist and hold orders, so a persistent server need not be seeded again. */
  async isSeeded(): Promise<boolean> {
    const columns = await this.statements.columns('orders');
    return columns.size > 0 && (await this.statements.state()).counts.orders > 0;
  }

  /** The history up to options.start, in one transaction. */
  async seed(): Promise<SeedCounts> {
    const data = generateHistory(this.options);
    await this.statements.transaction(async () => {
      await this.statements.insertRows('customers', data.customers);
      await this.statements.insertRows('products', data.products.map((p) => p.row));
      await this.statements.insertRows('orders', data.orders.map((p) => orderInsertRow(p, this.shape.startUs)));
      await this.statements.insertRows('order_items', orderItemRows(data.orders));
    });
    return this.counts();
  }

  /** New customers, orders and items, and the hour's status and contact changes, all stamped inside it. */
  async advanceHour(hourStart: Date): Promise<HourChanges> {
    const startUs = dateToMicros(hourStart);
    const endUs = startUs + MICROS_PER_HOUR;
    const state = await this.statements.state();
    const nextIds = this.ids.next(state);
    const batch = generateHour({ shape: this.shape, products: this.orders.products, hourStartUs: startUs, nextIds, existingCustomers: state.maxCustomerId });
    const open = await this.statements.openOrders({
      orderedSince: microsToIso(startUs - LONGEST_ORDER_LIFE_US),
      orderedBefore: microsToIso(startUs),
      updatedBefore: microsToIso(endUs),
    });
    const transitions = transitionsInHour(this.shape.seed, uniqueOrders(open), startUs);
    const items = orderItemRows(batch.orders);
    const withDeliveredAt = (await this.statements.columns('orders')).has('delivered_at');
    await this.statements.transaction(async () => {
      await this.statements.insertRows('customers', batch.customers);
      await this.statements.insertRows('orders', batch.orders.map((p) => orderInsertRow(p, endUs)));
      await this.statements.insertRows('order_items', items);
      await this.statements.updateOrderLifecycles(transitions, withDeliveredAt);
      await this.statements.updateCustomerContacts(batch.contactChanges);
    });
    return {
      hourStart: microsToDate(startUs),
      hourEnd: microsToDate(endUs),
      newCustomerIds: batch.customers.map((c) => c.customer_id),
      newOrderIds: batch.orders.map((o) => o.orderId),
      newOrderItemIds: items.map((i) => i.order_item_id),
      updatedOrderIds: transitions.map((t) => t.order_id),
      updatedCustomerIds: batch.contactChanges.map((c) => c.customer_id),
    };
  }

  async injectFault(fault: FaultName, at: Date): Promise<FaultReport> {
    return new FaultInjector(this.shape.seed, this.statements, this.orders).inject(fault, at);
  }

  /** A new order stamped `at`, inserted on a connection of its own inside a transaction held open until commit(). */
  async beginLateCommit(at: Date): Promise<LateCommit> {
    const plan = await this.orders.placeOrder(this.statements, dateToMicros(at), 'late-commit');
    return beginLateCommit(this.url, plan, this.embedded);
  }

  /**
   * The plans of every order now in the DB (history, hours and faults), the
   * input the Stripe, Zendesk and partner generators need to agree with it.
   */
  async orderPlans(): Promise<OrderPlan[]> {
    const inputs = await this.statements.planInputs();
    return inputs.map((i) => planOrder({ seed: this.shape.seed, orderId: i.orderId, customerId: i.customerId, orderedUs: i.orderedUs, firstItemId: i.firstItemId ?? 0, products: this.orders.products }));
  }

  /** Customers as they stand now, with their current emails. */
  async customers(): Promise<CustomerRow[]> {
    return this.statements.customers();
  }

  async counts(): Promise<SeedCounts> {
    return (await this.statements.state()).counts;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Duplicate rows of one order (a fault) must move once, not twice. */
function uniqueOrders<T extends { orderId: number }>(rows: readonly T[]): T[] {
  const seen = new Map<number, T>();
  for (const row of rows) if (!seen.has(row.orderId)) seen.set(row.orderId, row);
  return [...seen.values()];
}
