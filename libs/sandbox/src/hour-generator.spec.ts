import { generateHistory } from './history-generator';
import { generateHour, transitionsInHour } from './hour-generator';
import { isoToMicros, MICROS_PER_HOUR } from './microseconds';
import { orderInsertRow } from './order-plan';
import { orderEvents } from './order-timeline';

const start = new Date('2024-07-01T00:00:00Z');
const data = generateHistory({ scale: 0.05, seed: 11, start });
const hourUs = data.shape.startUs + 5 * MICROS_PER_HOUR;
const input = {
  shape: data.shape,
  products: data.products,
  hourStartUs: hourUs,
  nextIds: { customer: 751, order: 6_001, orderItem: 20_000 },
  existingCustomers: 750,
};
const inHour = (iso: string) => isoToMicros(iso) >= hourUs && isoToMicros(iso) < hourUs + MICROS_PER_HOUR;

describe('generateHour', () => {
  it('is deterministic for (seed, hourStart) and differs from hour to hour', () => {
    expect(JSON.stringify(generateHour(input))).toBe(JSON.stringify(generateHour(input)));
    expect(JSON.stringify(generateHour({ ...input, hourStartUs: hourUs + MICROS_PER_HOUR }))).not.toBe(JSON.stringify(generateHour(input)));
  });

  it('adds customers, orders and items with the next ids, everything stamped inside the hour', () => {
    const hour = generateHour(input);
    expect(hour.customers.map((c) => c.customer_id)).toEqual(hour.customers.map((_, i) => 751 + i));
    expect(hour.orders.map((o) => o.orderId)).toEqual(hour.orders.map((_, i) => 6_001 + i));
    const items = hour.orders.flatMap((o) => o.items);
    expect(items.map((i) => i.order_item_id)).toEqual(items.map((_, i) => 20_000 + i));
    const rows = hour.orders.map((o) => orderInsertRow(o, hourUs + MICROS_PER_HOUR));
    const stamps = [...hour.customers.map((c) => c.updated_at), ...rows.flatMap((r) => [r.ordered_at, r.updated_at]), ...hour.contactChanges.map((c) => c.updated_at)];
    expect(stamps.filter((s) => !inHour(s))).toEqual([]);
    expect(hour.orders.every((o) => o.customerId >= 1 && o.customerId <= 750)).toBe(true);
  });

  it('changes contact details of existing customers to a new, unique email', () => {
    const { contactChanges } = generateHour(input);
    expect(contactChanges.length).toBeGreaterThan(0);
    const before = new Map(data.customers.map((c) => [c.customer_id, c.email]));
    for (const change of contactChanges) {
      expect(change.customer_id).toBeLessThanOrEqual(750);
      expect(change.email).not.toBe(before.get(change.customer_id));
      expect(change.email).toContain(String(change.customer_id));
    }
  });
});

describe('transitionsInHour', () => {
  const open = data.orders.map((o) => ({ orderId: o.orderId, orderedUs: o.timeline.orderedUs }));

  it('moves exactly the orders whose plans schedule an event inside the hour, stamped with that event', () => {
    const transitions = transitionsInHour(data.shape.seed, open, hourUs);
    const scheduled = data.orders.filter((o) => orderEvents(o.timeline).some((e) => e.atUs >= hourUs && e.atUs < hourUs + MICROS_PER_HOUR));
    expect(transitions.map((t) => t.order_id)).toEqual(scheduled.map((o) => o.orderId));
    expect(transitions.length).toBeGreaterThan(0);
    expect(transitions.filter((t) => !inHour(t.updated_at))).toEqual([]);
    const plans = new Map(data.orders.map((o) => [o.orderId, o]));
    for (const t of transitions) {
      const before = orderInsertRow(plans.get(t.order_id)!, hourUs);
      expect(t.status === before.status && t.updated_at === before.updated_at).toBe(false);
    }
  });

  it('applies what the history left for later: state at hour end equals the plan at hour end', () => {
    const plans = new Map(data.orders.map((o) => [o.orderId, o]));
    for (const t of transitionsInHour(data.shape.seed, open, hourUs)) {
      const { status, updated_at } = orderInsertRow(plans.get(t.order_id)!, hourUs + MICROS_PER_HOUR);
      expect({ status: t.status, updated_at: t.updated_at }).toEqual({ status, updated_at });
    }
  });
});
