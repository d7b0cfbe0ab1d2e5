import { withRetry, type Logger, type RetryOptions, type RunMode } from '@northstar/core';
import { rawTableName, type Contract } from '@northstar/contracts';
import { loadCommittedRuns, type RawLoadResult } from '@northstar/extract';
import { loadQualityChecks, modelsOfSource, publishModels, PublishRefusedError, refreshClosure, resetModels, rowsWrittenSince, type Model, type ModelRunResult, type PublishDeps } from '@northstar/models';
import type { ObjectStore } from '@northstar/object-store';
import { ensureWarehouseSchemas, type Warehouse } from '@northstar/warehouse';
import { lockWaitFor, takeLoadLockWaiting, type LockWaitOptions } from './load-lock-wait';
import { heldRowsOf, moveHeldRows } from './publish-held';

export interface LoadSourceDeps {
  readonly warehouse: Warehouse;
  readonly store: ObjectStore;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly runId: string;
  /** The run's mode: which of the error checks gate the models' publish (docs/backfills.md). */
  readonly mode: RunMode;
  /** Snowflake stage over the raw zone (SNOWFLAKE_RAW_STAGE), for the raw loads' COPY. */
  readonly rawStage?: string;
  /** NORTHSTAR_LOAD_LOCK_TTL_MINUTES, in ms. */
  readonly loadLockTtlMs: number;
  /** How this load waits for the source's lock (default by mode: lockWaitFor). */
  readonly lockWait?: LockWaitOptions & { readonly yieldToWaiters: boolean };
  /** A backfill chunk's load (`--hold`): its own run's files into raw_backfill, no models (docs/backfills.md). */
  readonly hold?: boolean;
  /** How a transient failure of one raw load or of the publish is retried in place (default loadRetry); onRetry counts the run record's retries. */
  readonly retry?: Partial<RetryOptions>;
  /** PII columns as schema.table.column (piiColumnTargets): a check refusing the publish records its sample of such keys masked. Required, as publishModels'. */
  readonly piiColumns: ReadonlySet<string>;
}

/**
 * A raw load and the publish each commit in one transaction and are
 * idempotent (the file ledger, the models' saved progress), so a transient
 * failure (a DuckDB file lock, Snowflake's statement queue, the network) is
 * retried in place before the job gives up with exit 75 and Batch starts a
 * new container. A few seconds: a lock held longer is the load lock's wait.
 */
export const loadRetry: RetryOptions = { attempts: 3, baseDelayMs: 2_000, maxDelayMs: 10_000 };

/** What a load wrote: raw rows per entity, the models it ran, and the rows those models wrote (the run record's rows out). */
export interface LoadOutcome {
  readonly raw: RawLoadResult[];
  readonly models: ModelRunResult[];
  readonly rowsOut: number;
}

/** The one retry helper, with the load's options. */
export function retried<T>(deps: Pick<LoadSourceDeps, 'retry'>, operation: () => Promise<T>): Promise<T> {
  return withRetry(operation, { ...loadRetry, ...deps.retry });
}

export interface LoadSourceOptions {
  /** Models to rebuild from raw, with everything downstream of them (--full-refresh). */
  readonly fullRefresh?: readonly string[];
  /** A backfill's publish (`--publish-held`): no raw loads; the held rows to raw, the models and their checks, in one transaction. */
  readonly publishHeld?: boolean;
}

/**
 * Raw loads for each contract, then the staging and curated models downstream
 * of them that read this source alone (the others run in their domain's job).
 * Models to fully refresh are reset after the raw loads, so this one run
 * rebuilds them, and a raw load that fails leaves them as they were
 * instead of dropped until the failure is fixed.
 */
export async function loadSource(
  contracts: readonly Contract[],
  models: readonly Model[],
  deps: LoadSourceDeps,
  options: LoadSourceOptions = {},
): Promise<LoadOutcome> {
  const refreshed = refreshClosure(models, options.fullRefresh ?? []);
  await ensureWarehouseSchemas(deps.warehouse);
  const lock = await takeLoadLockWaiting(deps.warehouse, sourceOf(contracts), deps.runId, { ttlMs: deps.loadLockTtlMs, logger: deps.logger }, deps.lockWait ?? lockWaitFor(deps.mode));
  try {
    if (options.publishHeld) return await publishHeldUnderLock(contracts, models, deps);
    return await loadUnderLock(contracts, models, refreshed, deps);
  } finally {
    // A lock left behind holds the source's loads until NORTHSTAR_LOAD_LOCK_TTL_MINUTES, but must not hide why this load ended.
    await lock.release().catch((error: unknown) => deps.logger.error({ err: error, source: contracts[0]?.source }, 'could not release the load lock; the next loads wait until it is older than NORTHSTAR_LOAD_LOCK_TTL_MINUTES'));
  }
}

async function loadUnderLock(contracts: readonly Contract[], models: readonly Model[], refreshed: readonly Model[], deps: LoadSourceDeps): Promise<LoadOutcome> {
  const raw: RawLoadResult[] = [];
  for (const contract of contracts) raw.push(await retried(deps, () => loadCommittedRuns(contract, deps)));
  // Held rows wait for the backfill's publish: no model reads raw_backfill.
  if (deps.hold) return { raw, models: [], rowsOut: 0 };
  if (refreshed.length > 0) {
    deps.logger.warn({ models: refreshed.map((m) => m.name) }, 'full refresh: dropping these models\' tables and state; this run rebuilds them from raw');
    await resetModels(deps.warehouse, refreshed);
  }
  const roots = [...contracts.map((c) => `raw.${rawTableName(c)}`), ...refreshed.map((m) => m.name)];
  const affected = modelsOfSource(models, { name: sourceOf(contracts) }, roots);
  // The models and the error checks over their tables commit together or not at all: BI never sees a batch that fails one.
  return { raw, ...(await publishCounted(affected, deps)) };
}

/** publishModels, retried when transient, and the rows its models wrote (stamped from the publish's start on the load's clock). */
export async function publishCounted(models: readonly Model[], deps: Omit<LoadSourceDeps, 'store' | 'rawStage'>, options: Pick<PublishDeps, 'beforeModels'> = {}): Promise<{ models: ModelRunResult[]; rowsOut: number }> {
  const since = deps.clock();
  const ran = await retried(deps, () => publishModels(models, { ...deps, ...options, checks: loadQualityChecks() }));
  return { models: ran, rowsOut: await rowsWrittenSince(deps.warehouse, models, since) };
}

/**
 * A backfill's publish: every row its chunks hold for the source moves to
 * raw, then the source's models and the error checks over their tables run,
 * all in one transaction. A failing check rolls the move back too, so the
 * rows stay held and a rerun of the backfill publishes them once the cause
 * is fixed. Under the source's load lock, like any load: an hourly load
 * that landed meanwhile is in raw already and goes through the same models.
 */
async function publishHeldUnderLock(contracts: readonly Contract[], models: readonly Model[], deps: LoadSourceDeps): Promise<LoadOutcome> {
  const held = await heldRowsOf(deps.warehouse, contracts);
  const heldRows = held.reduce((n, h) => n + h.rows, 0);
  deps.logger.info({ held, heldRows }, 'backfill publish: rows held by the backfill\'s chunks');
  const affected = modelsOfSource(models, { name: sourceOf(contracts) }, contracts.map((c) => `raw.${rawTableName(c)}`));
  const published = await publishCounted(affected, deps, { beforeModels: moveHeldRows(contracts, { at: deps.clock(), runId: deps.runId }, deps.logger) }).catch((error: unknown) => {
    if (error instanceof PublishRefusedError) deps.logger.error({ heldRows }, `backfill publish refused: the ${heldRows} held rows stay in raw_backfill; fix the cause and rerun the same backfill to publish them`);
    throw error;
  });
  return { raw: held.map((h) => ({ entity: h.entity, manifests: 0, filesLoaded: 0, filesSkipped: 0, rowsLoaded: h.rows })), ...published };
}

/** The lock is per source: the load app loads one source's entities (and their key sets) per run. */
function sourceOf(contracts: readonly Contract[]): string {
  const sources = [...new Set(contracts.map((c) => c.source))];
  if (sources.length !== 1) throw new Error(`loadSource loads one source at a time, got ${sources.join(', ') || 'none'}`);
  return sources[0];
}
