import { repairGraphOf, repairRunFor } from './nightly-repair';

describe('repairGraphOf: the graph of a nightly repair re-read', () => {
  const nightly = { mode: 'nightly' as const, scheduledAt: new Date('2026-11-03T02:00:00Z'), runId: 'nightly-20261103' };
  const run = repairRunFor(nightly, '2026-11-02')!;

  it('holds only the sources the nightly compares, not the API sources with nothing to repair', () => {
    const ids = repairGraphOf(run).nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['extract-orders-db', 'load-orders-db']));
    expect(ids.filter((id) => /stripe|zendesk|partner|payments|support/.test(id))).toEqual([]);
  });

  it('is narrowed by the run\'s --sources, and empty of extracts when they name no compared source', () => {
    expect(repairGraphOf(run, 'orders_db,stripe').nodes.map((n) => n.id)).toEqual(repairGraphOf(run).nodes.map((n) => n.id));
    expect(repairGraphOf(run, 'partner_files').nodes.filter((n) => n.id.startsWith('extract-'))).toEqual([]);
  });
});
