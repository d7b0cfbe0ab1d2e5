import { type CustomerRow, customerEmail, changedPhone, customerProfile, customerRow } from './customer-profile';
import { MICROS_PER_HOUR, microsToIso } from './microseconds';
import { type OrderPlan, planOrder } from './order-plan';
import { type OrderLifecycle, lifecycleAt, orderEvents, orderTimeline } from './order-timeline';
import { Prng } from './prng';
import type { CatalogueProduct } from './product-catalogue';
import type { SandboxShape } from './sandbox-shape';

export interface NextIds {
  readonly customer: number;
  readonly order: number;
  readonly orderItem: number;
}

export interface HourInput {
  readonly shape: SandboxShape;
  readonly products: readonly CatalogueProduct[];
  readonly hourStartUs: number;
  /** What the orders DB's sequences would hand out next. */
  readonly nextIds: NextIds;
  /** Customers 1..existingCustomers signed up before the hour; they place its orders and change details. */
  readonly existingCustomers: number;
}

/** A customer's new contact details (the customers table has no address: email and phone change). */
export interface CustomerContactChange {
  readonly customer_id: number;
  readonly email: string;
  readonly phone: string | null;
  readonly updated_at: string;
}

export interface HourBatch {
  readonly customers: readonly CustomerRow[];
  /** New orders; their rows are written as they stand at the end of the hour. */
  readonly orders: readonly OrderPlan[];
  readonly contactChanges: readonly CustomerContactChange[];
}

/** Pure: the same input gives the same hour, every row stamped inside [hourStart, hourStart + 1h). */
export function generateHour(input: HourInput): HourBatch {
  const { shape, hourStartUs } = input;
  if (input.existingCustomers < 1) throw new Error('an hour needs at least one existing customer to place orders');
  const rng = Prng.derive(shape.seed, 'hour', hourStartUs);
  const customerCount = Math.max(1, Math.floor(shape.customersPerHour * (0.5 + rng.next()) + rng.next()));
  const customers = instantsInHour(rng, hourStartUs, customerCount).map((createdUs, i) => customerRow(shape.seed, input.nextIds.customer + i, createdUs));
  const orderCount = Math.max(1, Math.round(shape.ordersPerHour * (0.7 + 0.6 * rng.next())));
  const orders: OrderPlan[] = [];
  let nextItemId = input.nextIds.orderItem;
  for (const [i, orderedUs] of instantsInHour(rng, hourStartUs, orderCount).entries()) {
    const customerId = 1 + Math.floor(rng.next() * input.existingCustomers);
    const plan = planOrder({ seed: shape.seed, orderId: input.nextIds.order + i, customerId, orderedUs, firstItemId: nextItemId, products: input.products });
    nextItemId += plan.items.length;
    orders.push(plan);
  }
  return { customers, orders, contactChanges: contactChanges(rng, input) };
}

function contactChanges(rng: Prng, input: HourInput): CustomerContactChange[] {
  const { shape, hourStartUs } = input;
  const count = Math.max(1, Math.round(shape.customerChangesPerHour * (0.5 + rng.next())));
  const ids = new Set<number>();
  for (let i = 0; i < count; i++) ids.add(1 + Math.floor(rng.next() * input.existingCustomers));
  // Each hour is a new version, so a customer who changes twice gets two distinct emails.
  const version = Math.floor(hourStartUs / MICROS_PER_HOUR);
  const times = instantsInHour(rng, hourStartUs, ids.size);
  return [...ids].map((customerId, i) => {
    const profile = customerProfile(shape.seed, customerId);
    return {
      customer_id: customerId,
      email: customerEmail(shape.seed, profile, version),
      phone: changedPhone(shape.seed, profile, version),
      updated_at: microsToIso(times[i]),
    };
  });
}

/** An order already in the DB, as the hour's status transitions need it. */
export interface OpenOrder {
  readonly orderId: number;
  readonly orderedUs: number;
}

export interface OrderTransition extends OrderLifecycle {
  readonly order_id: number;
}

/**
 * The status changes the orders' plans schedule inside the hour. Each order
 * changes once at most: to its state at the end of the hour, stamped with its
 * last event in the hour.
 */
export function transitionsInHour(seed: number, open: readonly OpenOrder[], hourStartUs: number): OrderTransition[] {
  const endUs = hourStartUs + MICROS_PER_HOUR;
  const transitions: OrderTransition[] = [];
  for (const order of open) {
    const timeline = orderTimeline(seed, order.orderId, order.orderedUs);
    if (!orderEvents(timeline).some((e) => e.atUs >= hourStartUs && e.atUs < endUs)) continue;
    transitions.push({ order_id: order.orderId, ...lifecycleAt(timeline, endUs) });
  }
  return transitions;
}

/** `count` sorted instants spread at random inside the hour. */
function instantsInHour(rng: Prng, hourStartUs: number, count: number): number[] {
  const instants: number[] = [];
  for (let i = 0; i < count; i++) instants.push(hourStartUs + Math.floor(rng.next() * MICROS_PER_HOUR));
  return instants.sort((a, b) => a - b);
}
