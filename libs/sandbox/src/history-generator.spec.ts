import { createHash } from 'node:crypto';
import { generateHistory, orderItemRows, orderRowsAt } from './history-generator';
import { isoToMicros } from './microseconds';

const start = new Date('2024-07-01T00:00:00Z');
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const cents = (text: string) => Math.round(Number(text) * 100);

describe('generateHistory', () => {
  const data = generateHistory({ scale: 0.05, seed: 7, start });
  const rows = orderRowsAt(data.orders, data.shape.startUs);
  const items = orderItemRows(data.orders);

  it('gives byte-identical data for the same seed and scale, and different data for another seed', () => {
    const again = generateHistory({ scale: 0.05, seed: 7, start });
    expect(digest(again)).toBe(digest(data));
    const other = generateHistory({ scale: 0.05, seed: 8, start });
    expect(digest(other.customers)).not.toBe(digest(data.customers));
    expect(digest(other.orders)).not.toBe(digest(data.orders));
  });

  it('defaults the seed to 42', () => {
    expect(digest(generateHistory({ scale: 0.01, start }))).toBe(digest(generateHistory({ scale: 0.01, seed: 42, start })));
  });

  it('sizes the data from the scale: 1/1000 of production at scale 1', () => {
    expect(data.customers).toHaveLength(750);
    expect(data.orders).toHaveLength(6_000);
    expect(data.products).toHaveLength(100);
    expect(items.length / data.orders.length).toBeGreaterThan(2.3);
    expect(items.length / data.orders.length).toBeLessThan(2.7);
  });

  it('keeps total = subtotal + tax + shipping and line_total = quantity * unit_price - discount, exactly', () => {
    const lines = new Map<number, number>();
    for (const item of items) lines.set(item.order_id, (lines.get(item.order_id) ?? 0) + cents(item.line_total));
    const badItems = items.filter((i) => cents(i.line_total) !== i.quantity * cents(i.unit_price) - cents(i.discount));
    const badTotals = rows.filter((r) => cents(r.total) !== cents(r.subtotal) + cents(r.tax) + cents(r.shipping));
    const badSubtotals = rows.filter((r) => cents(r.subtotal) !== lines.get(r.order_id!));
    expect({ badItems, badTotals, badSubtotals }).toEqual({ badItems: [], badTotals: [], badSubtotals: [] });
  });

  it('sells in zero-decimal JPY (whole yen) and three-decimal KWD as well as two-decimal currencies', () => {
    const byCurrency = new Map<string, number>();
    for (const row of rows) byCurrency.set(row.currency, (byCurrency.get(row.currency) ?? 0) + 1);
    expect(byCurrency.get('JPY')).toBeGreaterThan(50);
    expect(byCurrency.get('KWD')).toBeGreaterThan(50);
    expect(byCurrency.get('USD')).toBeGreaterThan(1_000);
    for (const row of rows.filter((r) => r.currency === 'JPY')) {
      for (const amount of [row.subtotal, row.tax, row.shipping, row.total]) expect(amount).toMatch(/\.00$/);
    }
  });

  it('ends the history before start, with microsecond timestamps that are not rounded to milliseconds', () => {
    const stamps = [...data.customers, ...data.products.map((p) => p.row), ...rows, ...items].map((r) => r.updated_at);
    expect(stamps.every((s) => isoToMicros(s) < data.shape.startUs)).toBe(true);
    const subMillisecond = rows.filter((r) => isoToMicros(r.ordered_at) % 1000 !== 0).length;
    expect(subMillisecond / rows.length).toBeGreaterThan(0.9);
  });

  it('has every order placed by a customer who had already signed up', () => {
    const signedUp = new Map(data.customers.map((c) => [c.customer_id, isoToMicros(c.created_at)]));
    expect(rows.filter((r) => !(signedUp.get(r.customer_id)! < isoToMicros(r.ordered_at)))).toEqual([]);
  });

  it('fills lifecycle timestamps to match the status', () => {
    expect([...new Set(rows.map((r) => r.status))].sort()).toEqual(['cancelled', 'delivered', 'paid', 'pending', 'refunded', 'shipped']);
    const wrong = rows.filter((r) =>
      (r.status !== 'cancelled' && (r.paid_at !== null) !== (r.status !== 'pending')) ||
      (r.shipped_at !== null) !== ['shipped', 'delivered', 'refunded'].includes(r.status) ||
      (r.delivered_at !== null) !== ['delivered', 'refunded'].includes(r.status) ||
      (r.cancelled_at !== null) !== (r.status === 'cancelled') ||
      r.updated_at < r.ordered_at);
    expect(wrong).toEqual([]);
  });

  it('rejects a scale it cannot honour', () => {
    expect(() => generateHistory({ scale: 0, start })).toThrow(/scale/);
    expect(() => generateHistory({ scale: Number.NaN, start })).toThrow(/scale/);
  });
});
