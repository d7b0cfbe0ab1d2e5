import type { RunParameters } from '@northstar/core';
import { duckdbDialect } from '@northstar/sql';
import type { WarehouseSession } from '@northstar/warehouse';
import { scheduledBound, windowFor, type WindowDeps } from './window-for';

const entity = { source: 'stripe', entity: 'charges' } as const;
const hourly: RunParameters = { mode: 'hourly', scheduledAt: new Date('2026-11-02T07:00:00Z'), runId: 'hourly-1' };
const config = { initialStart: new Date('2026-01-01T00:00:00Z'), lookbackMs: 3_600_000, safetyLagMs: 300_000 };

function depsWith(watermark: string | undefined): WindowDeps {
  const warehouse = { dialect: duckdbDialect, run: jest.fn(), query: jest.fn(async () => (watermark ? [{ watermark }] : [])) } as unknown as WarehouseSession;
  return { warehouse, config };
}

const iso = (w: { start: Date; end: Date }) => [w.start.toISOString(), w.end.toISOString()];

describe('windowFor', () => {
  it('reads from the watermark minus the lookback up to the scheduled hour minus the safety lag', async () => {
    expect(iso(await windowFor(entity, hourly, depsWith('2026-11-02T05:55:00Z')))).toEqual(['2026-11-02T04:55:00.000Z', '2026-11-02T06:55:00.000Z']);
  });

  it('starts at the initial start when the entity has no watermark yet', async () => {
    expect(iso(await windowFor(entity, hourly, depsWith(undefined)))).toEqual(['2026-01-01T00:00:00.000Z', '2026-11-02T06:55:00.000Z']);
  });

  it('keeps an explicit window, without reading the watermark, but stops it at an earlier end the source sets', async () => {
    const backfill: RunParameters = { ...hourly, mode: 'backfill', window: { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-10-02T00:00:00Z') } };
    const deps = depsWith('2026-11-02T05:55:00Z');
    expect(scheduledBound(backfill, config).toISOString()).toBe('2026-10-02T00:00:00.000Z');
    expect(iso(await windowFor(entity, backfill, deps))).toEqual(['2026-10-01T00:00:00.000Z', '2026-10-02T00:00:00.000Z']);
    expect(iso(await windowFor(entity, backfill, deps, new Date('2026-09-30T00:00:00Z')))).toEqual(['2026-09-30T00:00:00.000Z', '2026-09-30T00:00:00.000Z']);
    expect(deps.warehouse.query).not.toHaveBeenCalled();
  });
});
