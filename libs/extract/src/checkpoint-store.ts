import * as path from 'node:path';
import { DataContractError } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import type { WarehouseSession } from '@northstar/warehouse';
import type { RunManifest } from './run-manifest';

const sqlDir = path.join(__dirname, '../sql');
const readCheckpointSql = sqlTemplatesIn(sqlDir)('read_checkpoint');
const advanceCheckpointSql = sqlTemplatesIn(path.join(sqlDir, 'load'))('advance_checkpoint');

type Entity = Pick<Contract, 'source' | 'entity'>;

/** The entity's last committed checkpoint (an API cursor, an event id, a listing position); only the loader moves it. */
export async function readCheckpoint(warehouse: WarehouseSession, contract: Entity): Promise<string | undefined> {
  const rows = await warehouse.query<{ checkpoint: string | null }>(
    renderSql(readCheckpointSql, warehouse.dialect, { params: { source: contract.source, entity: contract.entity } }),
  );
  return rows[0]?.checkpoint ?? undefined;
}

export interface ProposedCheckpoint {
  readonly checkpoint: string;
  /** The proposing run's window end: orders runs, since checkpoints cannot be compared. */
  readonly windowEnd: Date;
  readonly runId: string;
}

/** Called by the raw loader inside a run's load transaction, so the checkpoint commits with the rows read up to it. */
export async function advanceCheckpoint(session: WarehouseSession, contract: Entity, proposed: ProposedCheckpoint, now: Date): Promise<void> {
  await session.run(renderSql(advanceCheckpointSql, session.dialect, {
    params: { source: contract.source, entity: contract.entity, checkpoint: proposed.checkpoint, window_end: proposed.windowEnd, run_id: proposed.runId, now },
  }));
}

/**
 * The checkpoint a run's manifests propose, if any. Shards read disjoint
 * slices of one window, and an opaque checkpoint cannot be merged, so a
 * sharded run that proposes one is refused rather than half-committed.
 */
export function proposedCheckpointOf(manifests: readonly RunManifest[]): ProposedCheckpoint | undefined {
  const first = manifests.find((m) => m.proposedCheckpoint !== undefined);
  if (first?.proposedCheckpoint === undefined) return undefined;
  if (manifests.length > 1) throw new DataContractError(`${first.source}/${first.entity} run ${first.runId}: a sharded run proposes a checkpoint, which cannot be merged across shards; nothing of the run is loaded`);
  return { checkpoint: first.proposedCheckpoint, windowEnd: new Date(first.window.end), runId: first.runId };
}
