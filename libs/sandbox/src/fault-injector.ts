import { type FaultName, type FaultReport, faultSemantics } from './fault-report';
import { MICROS_PER_DAY, MICROS_PER_MINUTE, microsToIso } from './microseconds';
import type { OrderFactory } from './order-factory';
import { type OrderItemRow, type OrderPlan, orderInsertRow } from './order-plan';
import { type OrderLifecycle, lifecycleOf, orderEvents, orderTimeline } from './order-timeline';
import type { OrdersDbStatements, StoredOrder } from './orders-db-statements';
import { Prng } from './prng';

type Outcome = Omit<FaultReport, 'fault' | 'at' | 'semantics'>;
const nothing = { orderIds: [], orderItemIds: [], stampedAt: [] };
/** How a fault alters the rows of the order it places, before they are written. */
interface RowChange {
  readonly order?: (row: OrderInsertRow) => Record<string, unknown>;
  readonly items?: (items: readonly OrderItemRow[]) => readonly OrderItemRow[];
}
type OrderInsertRow = ReturnType<typeof orderInsertRow>;
/** Far above any id the sandbox allocates (customers and products number in the thousands at scale 1): ids no row of the DB holds. */
const UNHELD_ID_OFFSET = 1_000_000_000;

/**
 * Breaks the orders DB in the ways production does. In short (faultSemantics
 * has the full text, which every FaultReport carries):
 * - late_update: an order's next status, stamped at - 40 min, committed now;
 * - out_of_order_update: version A stamped at - 5 min commits first, then a
 *   stale version B stamped at - 20 min lands as a second row; keep A;
 * - duplicate_rows: a new order row inserted twice, identical;
 * - null_business_key: an orders row with order_id NULL;
 * - new_column / missing_column / type_change: add gift_message, drop
 *   delivered_at, make tax text; each then inserts a new order;
 * - hard_delete: three orders and their items deleted;
 * - late_commit: a new order stamped at - 30 min, committed now;
 * - unknown_status / null_currency / unknown_customer / unknown_product: a
 *   new order with a status outside the defined ones, no currency, a customer
 *   or (on its first line) a product the DB does not hold: data the checks
 *   must catch, made where production makes it, in the source.
 * Choices are deterministic for (seed, fault, at) given the same DB state.
 */
export class FaultInjector {
  constructor(
    private readonly seed: number,
    private readonly statements: OrdersDbStatements,
    private readonly orders: OrderFactory,
  ) {}

  async inject(fault: FaultName, at: Date): Promise<FaultReport> {
    const atUs = at.getTime() * 1000;
    const rng = Prng.derive(this.seed, 'fault', fault, atUs);
    const outcome = await this.apply(fault, atUs, rng);
    return { fault, at, semantics: faultSemantics[fault], ...outcome };
  }

  private apply(fault: FaultName, atUs: number, rng: Prng): Promise<Outcome> {
    switch (fault) {
      case 'late_update': return this.lateUpdate(atUs, rng);
      case 'out_of_order_update': return this.outOfOrderUpdate(atUs, rng);
      case 'duplicate_rows': return this.insertNewOrder(atUs, fault, 2);
      case 'null_business_key': return this.nullBusinessKey(atUs);
      case 'new_column': return this.alterAndInsert(atUs, 'fault_new_column', 'gift_message');
      case 'missing_column': return this.alterAndInsert(atUs, 'fault_missing_column', 'delivered_at');
      case 'type_change': return this.alterAndInsert(atUs, 'fault_type_change', 'tax');
      case 'hard_delete': return this.hardDelete(atUs, rng);
      case 'late_commit': return this.insertNewOrder(atUs - 30 * MICROS_PER_MINUTE, fault, 1);
      case 'unknown_status': return this.insertNewOrder(atUs, fault, 1, { order: (row) => ({ ...row, status: 'on_hold' }) });
      case 'null_currency': return this.insertNewOrder(atUs, fault, 1, { order: (row) => ({ ...row, currency: null }) });
      case 'unknown_customer': return this.insertNewOrder(atUs, fault, 1, { order: (row) => ({ ...row, customer_id: row.customer_id + UNHELD_ID_OFFSET }) });
      case 'unknown_product': return this.insertNewOrder(atUs, fault, 1, { items: ([first, ...rest]) => [{ ...first, product_id: this.unheldProductId() }, ...rest] });
    }
  }

  private async lateUpdate(atUs: number, rng: Prng): Promise<Outcome> {
    const stampUs = atUs - 40 * MICROS_PER_MINUTE;
    const { order, lifecycle } = await this.pickMovableOrder(rng, stampUs, stampUs);
    await this.statements.updateOrderLifecycles([{ order_id: order.orderId, ...lifecycle }], await this.hasDeliveredAt());
    return { ...nothing, orderIds: [order.orderId], stampedAt: [lifecycle.updated_at] };
  }

  private async outOfOrderUpdate(atUs: number, rng: Prng): Promise<Outcome> {
    const [laterUs, earlierUs] = [atUs - 5 * MICROS_PER_MINUTE, atUs - 20 * MICROS_PER_MINUTE];
    const { order, lifecycle } = await this.pickMovableOrder(rng, atUs - 30 * MICROS_PER_MINUTE, laterUs);
    const [before] = await this.statements.orderRows([order.orderId]);
    // Two commits: the newer version first, then the stale one, stamped earlier, as a second row.
    await this.statements.updateOrderLifecycles([{ order_id: order.orderId, ...lifecycle }], await this.hasDeliveredAt());
    const stale = { ...before, updated_at: microsToIso(earlierUs) };
    await this.statements.insertRows('orders', [stale]);
    return {
      ...nothing,
      orderIds: [order.orderId],
      stampedAt: [lifecycle.updated_at, stale.updated_at],
      versions: [
        { commitOrder: 1, status: lifecycle.status, updatedAt: lifecycle.updated_at },
        { commitOrder: 2, status: String(before['status']), updatedAt: stale.updated_at },
      ],
    };
  }

  /** An order whose plan has a next step, last written before `updatedBeforeUs`, moved to that step stamped `stampUs`. */
  private async pickMovableOrder(rng: Prng, updatedBeforeUs: number, stampUs: number): Promise<{ order: StoredOrder; lifecycle: OrderLifecycle }> {
    const candidates = await this.statements.openOrders({
      orderedSince: microsToIso(updatedBeforeUs - 40 * MICROS_PER_DAY),
      orderedBefore: microsToIso(updatedBeforeUs),
      updatedBefore: microsToIso(updatedBeforeUs),
    });
    const movable = candidates.flatMap((order) => {
      const events = orderEvents(orderTimeline(this.seed, order.orderId, order.orderedUs));
      const done = events.filter((e) => e.atUs <= order.updatedUs);
      const next = events.find((e) => e.atUs > order.updatedUs);
      return next && done.length > 0 ? [{ order, lifecycle: lifecycleOf([...done, { ...next, atUs: stampUs }]) }] : [];
    });
    if (movable.length === 0) throw new Error(`no order with a pending status change was last written before ${microsToIso(updatedBeforeUs)}`);
    return rng.pick(movable);
  }

  private async insertNewOrder(atUs: number, label: string, copies: number, change: RowChange = {}): Promise<Outcome> {
    const plan = await this.orders.placeOrder(this.statements, atUs, label);
    const row = orderInsertRow(plan, atUs + 1);
    const written = change.order ? change.order(row) : row;
    for (let i = 0; i < copies; i++) await this.statements.insertRows('orders', [written]);
    await this.statements.insertRows('order_items', change.items ? change.items(plan.items) : plan.items);
    return { orderIds: [plan.orderId], orderItemIds: plan.items.map((i) => i.order_item_id), stampedAt: [row.updated_at] };
  }

  private async nullBusinessKey(atUs: number): Promise<Outcome> {
    const plan = await this.orders.placeOrder(this.statements, atUs, 'null_business_key');
    const row = { ...orderInsertRow(plan, atUs + 1), order_id: null };
    await this.statements.insertRows('orders', [row]);
    return { ...nothing, stampedAt: [row.updated_at] };
  }

  private async alterAndInsert(atUs: number, ddl: string, column: string): Promise<Outcome> {
    await this.statements.run(ddl);
    const plan: OrderPlan = await this.orders.placeOrder(this.statements, atUs, ddl);
    const gifted = { ...plan, giftMessage: plan.giftMessage ?? 'Enjoy!' };
    const row = orderInsertRow(gifted, atUs + 1);
    await this.statements.insertRows('orders', [row]);
    await this.statements.insertRows('order_items', plan.items);
    return { orderIds: [plan.orderId], orderItemIds: plan.items.map((i) => i.order_item_id), stampedAt: [row.updated_at], column };
  }

  private async hardDelete(atUs: number, rng: Prng): Promise<Outcome> {
    const stored = await this.statements.openOrders({ orderedSince: microsToIso(0), orderedBefore: microsToIso(atUs), updatedBefore: microsToIso(atUs) });
    const state = await this.statements.state();
    // Never the highest id: a sequence never hands a deleted id out again, and the sandbox reads max(id).
    const pool = [...new Set(stored.map((o) => o.orderId))].filter((id) => id < state.maxOrderId);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(3, pool.length)) chosen.add(rng.pick(pool));
    if (chosen.size === 0) throw new Error('no orders to delete');
    const gone = await this.statements.deleteOrders([...chosen].sort((a, b) => a - b));
    return { ...nothing, ...gone };
  }

  /** Above every catalogue product, so no product row will ever hold it. */
  private unheldProductId(): number {
    return Math.max(...this.orders.products.map((p) => p.row.product_id)) + UNHELD_ID_OFFSET;
  }

  private async hasDeliveredAt(): Promise<boolean> {
    return (await this.statements.columns('orders')).has('delivered_at');
  }
}
