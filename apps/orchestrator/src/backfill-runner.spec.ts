import { silentLogger, type RunParameters } from '@northstar/core';
import { renderSql } from '@northstar/sql';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb } from '@northstar/warehouse/testing';
import { planBackfill } from './backfill-plan';
import { BackfillProgress } from './backfill-progress';
import { readChunkState, runBackfill, type ChunkState } from './backfill-runner';

const chunks = planBackfill({ start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-04T00:00:00Z') });

/** Stands in for ops: a chunk commits when its run succeeds, loading 10 rows. */
function fakeOps() {
  const committed = new Set<string>();
  const ran: string[] = [];
  const state = async (runId: string): Promise<ChunkState> => ({ committed: committed.has(runId), rows: committed.has(runId) ? 10 : 0 });
  const deps = (runChunk: (run: RunParameters) => Promise<{ succeeded: boolean; exitCode?: number; message?: string }>) => ({
    chunkState: state,
    runChunk: async (run: RunParameters) => {
      ran.push(run.runId);
      const result = await runChunk(run);
      if (result.succeeded) committed.add(run.runId);
      return result;
    },
    progress: new BackfillProgress(chunks.length, { isTTY: false, write: () => undefined }, silentLogger(), () => new Date()),
    logger: silentLogger(),
  });
  return { deps, ran };
}

describe('runBackfill', () => {
  it('resumes a killed backfill at the chunk it was in, under the same run id, skipping the chunks that committed', async () => {
    const ops = fakeOps();
    const killedIn = chunks[1].runId;
    await expect(runBackfill(chunks, ops.deps(async (run) => {
      if (run.runId === killedIn) throw new Error('SIGKILL');
      return { succeeded: true };
    }))).rejects.toThrow('SIGKILL');
    const resumed = await runBackfill(chunks, ops.deps(async () => ({ succeeded: true })));
    expect(resumed.map((o) => [o.runId, o.status, o.rows])).toEqual([
      [chunks[0].runId, 'skipped', 10],
      [chunks[1].runId, 'succeeded', 10],
      [chunks[2].runId, 'succeeded', 10],
    ]);
    expect(ops.ran).toEqual([chunks[0].runId, killedIn, killedIn, chunks[2].runId]);
  });

  it('stops at the first failed chunk, so no later day loads past a gap', async () => {
    const ops = fakeOps();
    const outcomes = await runBackfill(chunks, ops.deps(async (run) => (run.runId === chunks[0].runId ? { succeeded: false, exitCode: 3, message: 'check failed' } : { succeeded: true })));
    expect(outcomes).toEqual([{ runId: chunks[0].runId, status: 'failed', rows: 0, exitCode: 3, message: 'check failed' }]);
    expect(ops.ran).toEqual([chunks[0].runId]);
  });

  it('runs a chunk that ended transient (exit 75) again, as Batch would, and stops on one that keeps failing', async () => {
    const ops = fakeOps();
    let attempts = 0;
    const slept: number[] = [];
    const outcomes = await runBackfill(chunks, {
      ...ops.deps(async (run) => (run.runId === chunks[1].runId && ++attempts < 3 ? { succeeded: false, exitCode: 75, message: 'warehouse file held' } : { succeeded: true })),
      transientRetries: { attempts: 5, delayMs: 10_000, sleep: async (ms) => void slept.push(ms) },
    });
    expect(outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(ops.ran).toEqual([chunks[0].runId, chunks[1].runId, chunks[1].runId, chunks[1].runId, chunks[2].runId]);
    expect(slept).toEqual([10_000, 10_000]);

    const stuck = fakeOps();
    const failed = await runBackfill(chunks, { ...stuck.deps(async () => ({ succeeded: false, exitCode: 75 })), transientRetries: { attempts: 2, delayMs: 1, sleep: async () => undefined } });
    expect(failed).toEqual([{ runId: chunks[0].runId, status: 'failed', rows: 0, exitCode: 75, message: undefined }]);
    expect(stuck.ran).toEqual([chunks[0].runId, chunks[0].runId]);
  });
});

describe('readChunkState', () => {
  it('reads a chunk as committed once its pipeline step succeeded, with the rows its loads recorded', async () => {
    const db = await openTempDuckDb();
    try {
      await ensureWarehouseSchemas(db.warehouse);
      const run = (sql: string) => db.warehouse.run(renderSql(sql, db.warehouse.dialect));
      expect(await readChunkState(db.warehouse, 'b1')).toEqual({ committed: false, rows: 0 });
      await run("insert into ops.run_loads values ('k1', 'orders_db', 'orders', 'b1', 7, current_timestamp), ('k2', 'orders_db', 'customers', 'b1', 5, current_timestamp)");
      await run("insert into ops.pipeline_runs (run_id, step, mode, status, attempt, started_at) values ('b1', 'pipeline', 'backfill', 'running', 1, current_timestamp)");
      expect(await readChunkState(db.warehouse, 'b1')).toEqual({ committed: false, rows: 12 });
      await run("update ops.pipeline_runs set status = 'succeeded' where run_id = 'b1'");
      expect(await readChunkState(db.warehouse, 'b1')).toEqual({ committed: true, rows: 12 });
    } finally {
      await db.dispose();
    }
  });
});
