import { generateHistory, orderRowsAt } from './history-generator';
import { isoToMicros, MICROS_PER_DAY, microsToDate } from './microseconds';
import { generatePartnerShipments } from './partner-shipment-generator';

const data = generateHistory({ scale: 0.03, seed: 5, start: new Date('2024-07-01T00:00:00Z') });
const window = { start: microsToDate(data.shape.ordersFromUs), end: microsToDate(data.shape.startUs) };
const events = generatePartnerShipments({ seed: data.shape.seed, orders: data.orders, window });
const rows = new Map(orderRowsAt(data.orders, data.shape.startUs).map((r) => [r.order_id!, r]));

describe('generatePartnerShipments', () => {
  it('reports only orders the orders DB has shipped, no earlier than shipped_at', () => {
    expect(events.length).toBeGreaterThan(100);
    const wrong = events.filter((e) => {
      const row = rows.get(e.order_id);
      return !row || row.shipped_at === null || isoToMicros(e.status_at) < isoToMicros(row.shipped_at);
    });
    expect(wrong).toEqual([]);
  });

  it('delivers at the order\'s delivered_at, and every delivered order has its delivery event', () => {
    const delivered = events.filter((e) => e.status === 'delivered');
    expect(delivered.filter((e) => e.status_at !== rows.get(e.order_id)!.delivered_at)).toEqual([]);
    const deliveredOrders = [...rows.values()].filter((r) => r.delivered_at !== null).map((r) => r.order_id);
    expect(delivered.map((e) => e.order_id).sort((a, b) => a - b)).toEqual(deliveredOrders.sort((a, b) => a! - b!));
  });

  it('keeps one shipment per order, labelled before it moves, with a tracking number once collected', () => {
    const perOrder = new Map<number, typeof events>();
    for (const e of events) perOrder.set(e.order_id, [...(perOrder.get(e.order_id) ?? []), e]);
    for (const list of perOrder.values()) {
      expect(new Set(list.map((e) => e.shipment_id)).size).toBe(1);
      expect(list[0].status).toBe('label_created');
      expect(list[0].tracking_number).toBeNull();
      expect(list.slice(1).every((e) => e.tracking_number !== null)).toBe(true);
    }
  });

  it('returns the events inside the window, oldest first', () => {
    const middle = microsToDate(data.shape.startUs - 10 * MICROS_PER_DAY);
    const later = generatePartnerShipments({ seed: data.shape.seed, orders: data.orders, window: { start: middle, end: window.end } });
    expect(later).toEqual(events.filter((e) => isoToMicros(e.status_at) >= isoToMicros(middle.toISOString())));
    const times = events.map((e) => isoToMicros(e.status_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
