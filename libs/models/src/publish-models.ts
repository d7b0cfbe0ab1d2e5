import { DataContractError, type RunMode } from '@northstar/core';
import { tableExists, type WarehouseSession } from '@northstar/warehouse';
import { checkScopesFor } from './check-scope';
import type { Model } from './model-catalog';
import { applyModel, prepareModel, type ModelRunDeps, type ModelRunResult } from './model-runner';
import { tagNewPiiColumns } from './pii-column-targets';
import { qualityResultOf, recordQualityResult, renderQualityCheck, type QualityCheck, type QualityCheckRow, type QualityResult } from './quality-checks';

export interface PublishDeps extends ModelRunDeps {
  /** The run's mode: which check scopes gate the publish (checkScopesFor). */
  readonly mode: RunMode;
  /** Every check (loadQualityChecks); those of severity error over these models' tables gate the publish. */
  readonly checks: readonly QualityCheck[];
  /** DML in the same transaction, before the models: a backfill's publish moves its held raw rows to raw here, so a refused publish keeps them held. */
  readonly beforeModels?: (session: WarehouseSession) => Promise<void>;
  /** PII columns as schema.table.column (piiColumnTargets): a refused check's sample of such keys is recorded masked, as the quality job's. Required, as there. */
  readonly piiColumns: ReadonlySet<string>;
}

/** An error check failed on the models' new state: nothing of it was committed. */
export class PublishRefusedError extends DataContractError {
  constructor(readonly failed: readonly QualityResult[]) {
    super(
      `publish refused, nothing committed (BI keeps the last good state; the next run retries the same batch): ` +
        failed.map((r) => `${r.check} failed with ${r.failingRows} rows in ${r.table}${r.details ? ` (${r.details})` : ''}`).join('; '),
    );
  }
}

/**
 * A load's models and the `error` checks over their tables, in one
 * transaction: every model's MERGE and saved progress, then the checks,
 * which read the uncommitted new state; a failing check rolls it all back,
 * so BI (the analytics views over curated) never sees it, and its result is
 * recorded in ops.dq_results after the rollback to say why. DDL goes first,
 * outside the transaction (Snowflake commits on DDL). docs/backfills.md
 * says why this and not a shadow schema swapped in.
 */
export async function publishModels(models: readonly Model[], deps: PublishDeps): Promise<ModelRunResult[]> {
  const prepared = new Map<string, Awaited<ReturnType<typeof prepareModel>>>();
  for (const model of models) prepared.set(model.name, await prepareModel(model, deps));
  const gate = gatingChecks(models, deps);
  const results = await deps.warehouse
    .transaction(async (session) => {
      const ran: ModelRunResult[] = [];
      await deps.beforeModels?.(session);
      for (const model of models) {
        const started = Date.now();
        const readiness = prepared.get(model.name) ?? 'up-to-date';
        const status = readiness === 'batch' ? await applyModel(model, session, deps) : readiness;
        ran.push({ model: model.name, status, seconds: (Date.now() - started) / 1000 });
        deps.logger.info(ran.at(-1), 'model');
      }
      const failed = (await evaluate(gate, session, deps)).filter((r) => r.status === 'fail');
      if (failed.length > 0) throw new PublishRefusedError(failed);
      return ran;
    })
    .catch(async (error: unknown) => {
      if (error instanceof PublishRefusedError) await recordRefusal(error.failed, deps);
      throw error;
    });
  await tagNewPiiColumns(deps.warehouse, models, deps.logger);
  return results;
}

/** The run's error checks whose table one of these models writes. */
export function gatingChecks(models: readonly Model[], deps: Pick<PublishDeps, 'mode' | 'checks'>): QualityCheck[] {
  const targets = new Set(models.map((m) => m.target));
  const scopes = checkScopesFor(deps.mode);
  return deps.checks.filter((c) => c.severity === 'error' && scopes.includes(c.scope) && targets.has(c.table));
}

/** A check whose table is not there yet is left to the quality job, which tells not built from dropped. */
async function evaluate(checks: readonly QualityCheck[], session: WarehouseSession, deps: PublishDeps): Promise<QualityResult[]> {
  const results: QualityResult[] = [];
  for (const check of checks) {
    if (!(await tableExists(session, check.table))) continue;
    const rows = await session.query<QualityCheckRow>(renderQualityCheck(check, session.dialect, { runId: deps.runId, asOf: deps.clock() }));
    results.push(qualityResultOf(check, rows, deps.piiColumns));
  }
  return results;
}

/** The refusal first (it is why BI did not move), then the failing keys, so the row reads like the quality job's. */
async function recordRefusal(failed: readonly QualityResult[], deps: PublishDeps): Promise<void> {
  const refused = 'publish refused: the load rolled back its models, nothing of this batch reached curated';
  for (const r of failed) await recordQualityResult({ ...r, details: r.details ? `${refused}; ${r.details}` : refused }, deps);
}
