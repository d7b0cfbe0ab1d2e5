import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND, microsToIso } from './microseconds';
import { Prng } from './prng';

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';
export type LifecycleColumn = 'paid_at' | 'shipped_at' | 'delivered_at' | 'cancelled_at';

/**
 * When each thing happens to one order, fixed at the moment it is placed:
 * pending -> paid -> shipped -> delivered, or cancelled (before or after
 * payment), or refunded after delivery. Events beyond the sandbox start are
 * part of the plan too; advanceHour applies them when their hour comes.
 */
export interface OrderTimeline {
  readonly orderedUs: number;
  readonly paidUs?: number;
  readonly shippedUs?: number;
  readonly deliveredUs?: number;
  readonly cancelledUs?: number;
  readonly refundedUs?: number;
  /** Stripe only: a chargeback against the payment; the order row does not change. */
  readonly disputedUs?: number;
}

export interface OrderEvent {
  readonly status: OrderStatus;
  readonly atUs: number;
  /** The timestamp column the event fills; a refund has none. */
  readonly column?: LifecycleColumn;
}

/** The lifecycle columns of an order row at some instant. */
export interface OrderLifecycle {
  readonly status: OrderStatus;
  readonly paid_at: string | null;
  readonly shipped_at: string | null;
  readonly delivered_at: string | null;
  readonly cancelled_at: string | null;
  readonly updated_at: string;
}

/** Longest plan from order to its last order-row event (refund); older orders never change. */
export const LONGEST_ORDER_LIFE_US = 30 * MICROS_PER_DAY;

export function orderTimeline(seed: number, orderId: number, orderedUs: number): OrderTimeline {
  const rng = Prng.derive(seed, 'order-timeline', orderId);
  if (rng.chance(0.05)) return { orderedUs, cancelledUs: orderedUs + rng.int(5 * MICROS_PER_MINUTE, 3 * MICROS_PER_HOUR) };
  const paidUs = orderedUs + rng.int(5 * MICROS_PER_SECOND, 30 * MICROS_PER_MINUTE);
  const disputedUs = rng.chance(0.006) ? paidUs + rng.int(3 * MICROS_PER_DAY, 30 * MICROS_PER_DAY) : undefined;
  if (rng.chance(0.02)) return { orderedUs, paidUs, cancelledUs: paidUs + rng.int(10 * MICROS_PER_MINUTE, 12 * MICROS_PER_HOUR), disputedUs };
  const shippedUs = paidUs + rng.int(2 * MICROS_PER_HOUR, 48 * MICROS_PER_HOUR);
  const deliveredUs = shippedUs + rng.int(MICROS_PER_DAY, 6 * MICROS_PER_DAY);
  const refundedUs = rng.chance(0.04) ? deliveredUs + rng.int(MICROS_PER_DAY, 14 * MICROS_PER_DAY) : undefined;
  return { orderedUs, paidUs, shippedUs, deliveredUs, refundedUs, disputedUs };
}

/** The events that change the order row, in time order (the first is the order being placed). */
export function orderEvents(timeline: OrderTimeline): OrderEvent[] {
  const events: OrderEvent[] = [{ status: 'pending', atUs: timeline.orderedUs }];
  if (timeline.paidUs !== undefined) events.push({ status: 'paid', atUs: timeline.paidUs, column: 'paid_at' });
  if (timeline.shippedUs !== undefined) events.push({ status: 'shipped', atUs: timeline.shippedUs, column: 'shipped_at' });
  if (timeline.deliveredUs !== undefined) events.push({ status: 'delivered', atUs: timeline.deliveredUs, column: 'delivered_at' });
  if (timeline.cancelledUs !== undefined) events.push({ status: 'cancelled', atUs: timeline.cancelledUs, column: 'cancelled_at' });
  if (timeline.refundedUs !== undefined) events.push({ status: 'refunded', atUs: timeline.refundedUs });
  return events.sort((a, b) => a.atUs - b.atUs);
}

/** The row's lifecycle as a reader sees it at `atUs`: every event strictly before it has happened. */
export function lifecycleAt(timeline: OrderTimeline, atUs: number): OrderLifecycle {
  const happened = orderEvents(timeline).filter((e) => e.atUs < atUs);
  if (happened.length === 0) throw new Error(`order placed at ${microsToIso(timeline.orderedUs)} does not exist yet at ${microsToIso(atUs)}`);
  return lifecycleOf(happened);
}

/** The lifecycle after exactly these events (in order), the last one stamping updated_at. */
export function lifecycleOf(events: readonly OrderEvent[]): OrderLifecycle {
  const stamp = (column: LifecycleColumn) => {
    const event = events.find((e) => e.column === column);
    return event ? microsToIso(event.atUs) : null;
  };
  const last = events[events.length - 1];
  return {
    status: last.status,
    paid_at: stamp('paid_at'),
    shipped_at: stamp('shipped_at'),
    delivered_at: stamp('delivered_at'),
    cancelled_at: stamp('cancelled_at'),
    updated_at: microsToIso(last.atUs),
  };
}
