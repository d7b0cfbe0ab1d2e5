import { repairGraphOf, repairRunFor, sourceRepairGraphOf } from './nightly-repair';

describe('repairGraphOf: the graph of a nightly repair re-read', () => {
  const nightly = { mode: 'nightly' as const, scheduledAt: new Date('2026-11-03T02:00:00Z'), runId: 'nightly-20261103' };
  const run = repairRunFor(nightly, '2026-11-02', 'stripe')!;
  const extracts = (ids: readonly { id: string }[]) => ids.map((n) => n.id).filter((id) => id.startsWith('extract-'));

  it('holds the sources the nightly compares (those the registry gives key sets), not the partner files', () => {
    const ids = repairGraphOf(run).nodes.map((n) => n.id);
    expect(extracts(repairGraphOf(run).nodes)).toEqual(['extract-orders-db', 'extract-stripe', 'extract-zendesk']);
    expect(ids.filter((id) => /partner/.test(id))).toEqual([]);
  });

  it("re-reads only the source whose day differs, unless the run's --sources leaves it out", () => {
    expect(extracts(sourceRepairGraphOf(run, 'stripe').nodes)).toEqual(['extract-stripe']);
    expect(extracts(sourceRepairGraphOf(run, 'stripe', 'orders_db,stripe').nodes)).toEqual(['extract-stripe']);
    expect(extracts(sourceRepairGraphOf(run, 'zendesk', 'orders_db').nodes)).toEqual([]);
    expect(repairGraphOf(run, 'partner_files').nodes.filter((n) => n.id.startsWith('extract-'))).toEqual([]);
  });
});
