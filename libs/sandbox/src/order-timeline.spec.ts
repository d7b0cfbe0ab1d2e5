import { MICROS_PER_DAY } from './microseconds';
import { lifecycleAt, orderEvents, orderTimeline } from './order-timeline';

describe('order timelines', () => {
  const orderedUs = Date.UTC(2024, 5, 1) * 1000 + 123_456;
  const timelines = Array.from({ length: 2_000 }, (_, i) => orderTimeline(3, i + 1, orderedUs));

  it('follow pending -> paid -> shipped -> delivered, or end cancelled or refunded', () => {
    const paths = new Set(timelines.map((t) => orderEvents(t).map((e) => e.status).join('>')));
    expect([...paths].sort()).toEqual([
      'pending>cancelled',
      'pending>paid>cancelled',
      'pending>paid>shipped>delivered',
      'pending>paid>shipped>delivered>refunded',
    ]);
  });

  it('shows a reader only the events strictly before the instant', () => {
    const t = timelines.find((x) => x.deliveredUs !== undefined)!;
    expect(lifecycleAt(t, t.paidUs!).status).toBe('pending');
    expect(lifecycleAt(t, t.paidUs! + 1)).toMatchObject({ status: 'paid', shipped_at: null });
    expect(lifecycleAt(t, t.deliveredUs! + 1)).toMatchObject({ status: 'delivered', delivered_at: lifecycleAt(t, t.deliveredUs! + 1).updated_at });
    expect(() => lifecycleAt(t, orderedUs)).toThrow(/does not exist yet/);
  });

  it('keeps every order-row event within the longest order life', () => {
    const late = timelines.filter((t) => orderEvents(t).some((e) => e.atUs - orderedUs > 30 * MICROS_PER_DAY));
    expect(late).toEqual([]);
  });
});
