import { DataContractError } from '@northstar/core';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { advanceCheckpoint, proposedCheckpointOf, readCheckpoint } from './checkpoint-store';
import type { RunManifest } from './run-manifest';

const entity = { source: 'zendesk', entity: 'tickets' } as const;
const now = new Date('2026-11-02T08:00:00Z');

describe('checkpoint store', () => {
  let db: TempDuckDb;

  beforeEach(async () => {
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
  });

  afterEach(async () => db.dispose());

  it('moves the checkpoint with each later run, never back for a run whose window ended earlier', async () => {
    expect(await readCheckpoint(db.warehouse, entity)).toBeUndefined();
    await advanceCheckpoint(db.warehouse, entity, { checkpoint: 'c1', windowEnd: new Date('2026-11-02T06:55:00Z'), runId: 'hourly-7' }, now);
    await advanceCheckpoint(db.warehouse, entity, { checkpoint: 'c2', windowEnd: new Date('2026-11-02T07:55:00Z'), runId: 'hourly-8' }, now);
    expect(await readCheckpoint(db.warehouse, entity)).toBe('c2');
    await advanceCheckpoint(db.warehouse, entity, { checkpoint: 'old', windowEnd: new Date('2026-11-02T05:55:00Z'), runId: 'hourly-6' }, now);
    expect(await readCheckpoint(db.warehouse, entity)).toBe('c2');
    expect(await readCheckpoint(db.warehouse, { ...entity, entity: 'users' })).toBeUndefined();
  });

  it('takes the checkpoint a run proposes, and refuses one from a sharded run, which cannot be merged', () => {
    const manifest = { source: 'zendesk', entity: 'tickets', runId: 'hourly-8', window: { start: '2026-11-02T06:55:00.000Z', end: '2026-11-02T07:55:00.000Z' } } as RunManifest;
    expect(proposedCheckpointOf([manifest])).toBeUndefined();
    const proposing = { ...manifest, proposedCheckpoint: 'cursor-9' };
    expect(proposedCheckpointOf([proposing])).toEqual({ checkpoint: 'cursor-9', windowEnd: new Date('2026-11-02T07:55:00Z'), runId: 'hourly-8' });
    expect(() => proposedCheckpointOf([proposing, manifest])).toThrow(DataContractError);
  });
});
