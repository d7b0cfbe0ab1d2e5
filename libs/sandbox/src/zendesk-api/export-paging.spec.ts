import { Prng } from '../prng';
import { ExportOrder, type ExportPosition } from './export-paging';

interface Change {
  readonly id: number;
  readonly seconds: number;
}

const positionOf = (c: Change): ExportPosition => ({ seconds: c.seconds, id: c.id });

describe('ExportOrder', () => {
  // Many changes share a second, so the id decides; some fall in the excluded last minute.
  const prng = new Prng(7);
  const changes: Change[] = Array.from({ length: 2_500 }, (_, i) => ({ id: 1 + ((i * 7919) % 2_500), seconds: prng.int(1_000, 1_399) }));
  const until = 1_360;
  const expected = [...changes].filter((c) => c.seconds < until).sort((a, b) => a.seconds - b.seconds || a.id - b.id);

  it('pages through every change before the cut-off once, in (time, id) order, ending the stream on the last page', () => {
    const order = new ExportOrder(changes, positionOf);
    const pages = [];
    let from: ExportPosition = { seconds: 0, id: 0 };
    for (let page = order.page(from, until, 1000); ; page = order.page(from, until, 1000)) {
      pages.push(page);
      from = page.after;
      if (page.endOfStream) break;
    }
    expect(pages.map((p) => p.records.length)).toEqual([1000, 1000, expected.length - 2000]);
    expect(pages.flatMap((p) => p.records)).toEqual(expected);
    expect(pages.at(-1)!.after).toEqual(positionOf(expected.at(-1)!));
  });

  it('starts strictly after a position inside a second, keeps `from` on an empty page, and ends a page that fills exactly', () => {
    const order = new ExportOrder(changes, positionOf);
    const mid = expected[1234];
    expect(order.page(positionOf(mid), until, 5).records).toEqual(expected.slice(1235, 1240));
    const last = positionOf(expected.at(-1)!);
    expect(order.page(last, until, 10)).toEqual({ records: [], after: last, endOfStream: true });
    expect(order.page(positionOf(expected.at(-4)!), until, 3)).toMatchObject({ records: expected.slice(-3), endOfStream: true });
  });
});
