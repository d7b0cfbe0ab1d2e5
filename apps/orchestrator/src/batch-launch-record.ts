import { exitCodeFor, type Logger, type NorthstarConfig } from '@northstar/core';
import { ensureWarehouseSchemas, openWarehouse, type Warehouse } from '@northstar/warehouse';
import type { BatchLaunchResult } from './batch-launcher';
import type { JobGraph } from './job-graph';
import { PipelineRunLog } from './pipeline-run-log';

/** The launcher's own row in ops.pipeline_runs: the step the local run calls 'pipeline' is 'launch' on Batch. */
export const LAUNCH_STEP = 'launch';

/**
 * Runs `launch` as the run's 'launch' step in ops.pipeline_runs, as the
 * local executor records each job: a row opened before submitting, closed
 * with what was submitted (or that another launcher holds the run), or
 * failed with the error's exit code and message. Each attempt of the
 * launcher gets its own row.
 */
export async function recordedLaunch(
  graph: JobGraph,
  deps: { config: NorthstarConfig; logger: Logger; clock: () => Date },
  launch: () => Promise<BatchLaunchResult>,
): Promise<BatchLaunchResult> {
  const withWarehouse = async <T>(fn: (warehouse: Warehouse) => Promise<T>): Promise<T> => {
    const warehouse = await openWarehouse(deps.config.warehouse, deps.logger);
    try {
      return await fn(warehouse);
    } finally {
      await warehouse.close();
    }
  };
  await withWarehouse(ensureWarehouseSchemas);
  const log = new PipelineRunLog(graph, withWarehouse, deps.clock);
  await log.started(LAUNCH_STEP);
  let result: BatchLaunchResult;
  try {
    result = await launch();
  } catch (error) {
    await log.finished(LAUNCH_STEP, { status: 'failed', exitCode: exitCodeFor(error), message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  await log.finished(LAUNCH_STEP, { status: 'succeeded', exitCode: 0, message: describeLaunch(result) });
  return result;
}

export function describeLaunch(result: BatchLaunchResult): string {
  return result.outcome === 'held'
    ? `held by launcher ${result.by.holder} since ${result.by.claimedAt}: nothing submitted`
    : `${result.submitted.length} jobs submitted, ${result.kept.length} already there`;
}
