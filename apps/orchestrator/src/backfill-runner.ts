import * as path from 'node:path';
import type { Logger, RunParameters } from '@northstar/core';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import type { Warehouse } from '@northstar/warehouse';
import type { BackfillProgress } from './backfill-progress';

const chunkStateSql = sqlTemplatesIn(path.join(__dirname, '../sql'))('backfill_chunk_state');

export interface ChunkState {
  readonly committed: boolean;
  readonly rows: number;
}

export interface ChunkRun {
  readonly succeeded: boolean;
  readonly exitCode?: number;
  readonly message?: string;
}

export interface BackfillDeps {
  /** Whether a chunk's run committed, and the rows its loads recorded. */
  readonly chunkState: (runId: string) => Promise<ChunkState>;
  /** Runs one chunk's job graph (extract and load per source, quality) under its own run id. */
  readonly runChunk: (run: RunParameters) => Promise<ChunkRun>;
  readonly progress: BackfillProgress;
  readonly logger: Logger;
  /** A chunk that ends transient (exit 75: a lock, the warehouse file held) is run again, as Batch's retry strategy would. */
  readonly transientRetries?: { readonly attempts: number; readonly delayMs: number; readonly sleep: (ms: number) => Promise<void> };
}

const TRANSIENT = 75;

export interface BackfillOutcome {
  readonly runId: string;
  readonly status: 'skipped' | 'succeeded' | 'failed';
  readonly rows: number;
  readonly exitCode?: number;
  readonly message?: string;
}

/**
 * Runs the chunks in order, skipping those that committed, and stops at the
 * first that fails (later days would load past a gap). A killed backfill is
 * rerun as it was asked: the chunk it was in reruns under the same run id,
 * whose extractor finds its committed manifests and whose loader's ledger
 * (ops.file_loads) loads no file twice, so nothing is lost or doubled.
 */
export async function runBackfill(chunks: readonly RunParameters[], deps: BackfillDeps): Promise<BackfillOutcome[]> {
  const outcomes: BackfillOutcome[] = [];
  for (const chunk of chunks) {
    const before = await deps.chunkState(chunk.runId);
    if (before.committed) {
      outcomes.push({ runId: chunk.runId, status: 'skipped', rows: before.rows });
      deps.progress.chunkDone(outcomes.length, before.rows, false, chunk.runId);
      continue;
    }
    const ran = await runChunkWithRetries(chunk, deps);
    const after = await deps.chunkState(chunk.runId);
    if (!ran.succeeded) {
      deps.logger.error({ runId: chunk.runId, exitCode: ran.exitCode }, `backfill chunk failed: ${ran.message ?? ''}; rerun the same backfill to resume here`);
      outcomes.push({ runId: chunk.runId, status: 'failed', rows: after.rows, exitCode: ran.exitCode, message: ran.message });
      return outcomes;
    }
    outcomes.push({ runId: chunk.runId, status: 'succeeded', rows: after.rows });
    deps.progress.chunkDone(outcomes.length, after.rows, true, chunk.runId);
  }
  return outcomes;
}

/** One run (a chunk, or the backfill's publish), run again while it ends transient, up to the retries' attempts. */
export async function runChunkWithRetries(chunk: RunParameters, deps: Pick<BackfillDeps, 'runChunk' | 'transientRetries' | 'logger'>): Promise<ChunkRun> {
  const retries = deps.transientRetries;
  for (let attempt = 1; ; attempt++) {
    const ran = await deps.runChunk(chunk);
    if (ran.succeeded || ran.exitCode !== TRANSIENT || !retries || attempt >= retries.attempts) return ran;
    deps.logger.warn({ runId: chunk.runId, attempt, exitCode: ran.exitCode }, `backfill chunk ended transient (${ran.message ?? ''}); running it again in ${retries.delayMs / 1000} s`);
    await retries.sleep(retries.delayMs);
  }
}

/** ChunkState from ops: the chunk's pipeline step and its loads. */
export async function readChunkState(warehouse: Warehouse, runId: string): Promise<ChunkState> {
  const rows = await warehouse.query<{ committed: number | string; rows_loaded: number | string }>(renderSql(chunkStateSql, warehouse.dialect, { params: { run_id: runId } }));
  return { committed: Number(rows[0]?.committed ?? 0) > 0, rows: Number(rows[0]?.rows_loaded ?? 0) };
}
