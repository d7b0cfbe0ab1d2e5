import { generateHistory, orderRowsAt } from './history-generator';
import { MICROS_PER_DAY, microsToDate } from './microseconds';
import { generateStripe } from './stripe-generator';

const data = generateHistory({ scale: 0.03, seed: 5, start: new Date('2024-07-01T00:00:00Z') });
const window = { start: microsToDate(data.shape.ordersFromUs - MICROS_PER_DAY), end: microsToDate(data.shape.startUs) };
const input = { seed: data.shape.seed, orders: data.orders, customers: data.customers, window };
const stripe = generateStripe(input);
const rows = new Map(orderRowsAt(data.orders, data.shape.startUs).map((r) => [String(r.order_id), r]));

describe('generateStripe', () => {
  it('makes one succeeded charge per order paid before the window end, tagged with metadata.order_id', () => {
    const succeeded = stripe.charges.filter((c) => c.status === 'succeeded');
    const paid = [...rows.values()].filter((r) => r.paid_at !== null).map((r) => String(r.order_id));
    expect(succeeded.map((c) => c.metadata.order_id).sort()).toEqual(paid.sort());
    expect(new Set(stripe.charges.map((c) => c.id)).size).toBe(stripe.charges.length);
    expect(stripe.charges.some((c) => c.status === 'failed')).toBe(true);
    expect(stripe.charges.filter((c) => !rows.has(c.metadata.order_id))).toEqual([]);
  });

  it('charges the order total in minor units: whole yen for JPY, fils for KWD, cents otherwise', () => {
    const majorToMinor = { jpy: 1, kwd: 1_000 } as Record<string, number>;
    const wrong = stripe.charges.filter((c) => c.amount !== Math.round(Number(rows.get(c.metadata.order_id)!.total) * (majorToMinor[c.currency] ?? 100)));
    expect(wrong).toEqual([]);
    const jpy = stripe.charges.find((c) => c.currency === 'jpy')!;
    expect(`${jpy.amount}.00`).toBe(rows.get(jpy.metadata.order_id)!.total);
    const kwd = stripe.charges.find((c) => c.currency === 'kwd')!;
    expect(kwd.amount / 1000).toBe(Number(rows.get(kwd.metadata.order_id)!.total));
    expect(kwd.amount % 10).toBe(0);
  });

  it('stamps a charge at the second the orders DB records the payment', () => {
    const charge = stripe.charges.find((c) => c.status === 'succeeded')!;
    expect(charge.created).toBe(Math.floor(Date.parse(rows.get(charge.metadata.order_id)!.paid_at!) / 1000));
  });

  it('refunds in full exactly the paid orders that were cancelled or returned, against their charge', () => {
    const refundable = [...rows.values()].filter((r) => r.status === 'refunded' || (r.status === 'cancelled' && r.paid_at !== null));
    expect(stripe.refunds.map((r) => r.metadata.order_id).sort()).toEqual(refundable.map((r) => String(r.order_id)).sort());
    const charges = new Map(stripe.charges.map((c) => [c.id, c]));
    for (const refund of stripe.refunds) {
      const charge = charges.get(refund.charge)!;
      expect({ order: charge.metadata.order_id, amount: charge.amount, refunded: charge.refunded }).toEqual({ order: refund.metadata.order_id, amount: refund.amount, refunded: true });
    }
  });

  it('opens disputes only against succeeded charges of the same order', () => {
    expect(stripe.disputes.length).toBeGreaterThan(0);
    const charges = new Map(stripe.charges.map((c) => [c.id, c]));
    for (const dispute of stripe.disputes) {
      expect(charges.get(dispute.charge)).toMatchObject({ status: 'succeeded', disputed: true, metadata: { order_id: dispute.metadata.order_id } });
    }
  });

  it('splits into windows without losing or repeating an object', () => {
    const middle = microsToDate(data.shape.startUs - 20 * MICROS_PER_DAY);
    const first = generateStripe({ ...input, window: { start: window.start, end: middle } });
    const second = generateStripe({ ...input, window: { start: middle, end: window.end } });
    const ids = (o: typeof stripe) => [...o.charges, ...o.refunds, ...o.disputes].map((x) => x.id).sort();
    expect([...ids(first), ...ids(second)].sort()).toEqual(ids(stripe));
  });
});
