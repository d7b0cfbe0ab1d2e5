import * as path from 'node:path';
import type { Logger, NorthstarConfig, RunParameters } from '@northstar/core';
import { ensureWarehouseSchemas, openWarehouse, type Warehouse } from '@northstar/warehouse';
import { runAppProcess } from './app-process';
import { buildGraph, type JobGraph } from './job-graph';
import { executeLocally, type JobOutcome } from './local-executor';
import { PipelineRunLog } from './pipeline-run-log';

export interface PipelineDeps {
  readonly config: NorthstarConfig;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly workspaceRoot: string;
  readonly clock: () => Date;
}

export interface PipelineResult {
  readonly graph: JobGraph;
  readonly outcomes: readonly JobOutcome[];
  readonly succeeded: boolean;
}

/** Builds the run's job graph and executes it locally, each job a process of its own. */
export async function runPipeline(run: RunParameters, deps: PipelineDeps): Promise<PipelineResult> {
  const withWarehouse = async <T>(fn: (warehouse: Warehouse) => Promise<T>): Promise<T> => {
    const warehouse = await openWarehouse(deps.config.warehouse, deps.logger);
    try {
      return await fn(warehouse);
    } finally {
      await warehouse.close();
    }
  };
  await withWarehouse(ensureWarehouseSchemas);
  const graph = buildGraph(run);
  const log = new PipelineRunLog(graph, withWarehouse, deps.clock);
  const logDir = path.join(deps.config.home, 'logs', run.runId);
  await log.started('pipeline');
  const outcomes = await executeLocally(graph, {
    runJob: (node) => {
      deps.logger.info({ job: node.id }, 'job started');
      return runAppProcess(node, { workspaceRoot: deps.workspaceRoot, logDir, env: deps.env });
    },
    onStart: log.onStart,
    onFinish: async (node, outcome) => {
      await log.onFinish(node, outcome);
      const level = outcome.status === 'succeeded' ? 'info' : 'error';
      deps.logger[level]({ job: node.id, status: outcome.status, exitCode: outcome.exitCode, seconds: outcome.seconds }, outcome.message ?? 'job finished');
    },
  });
  const succeeded = outcomes.every((o) => o.status === 'succeeded');
  const firstFailure = outcomes.find((o) => o.status === 'failed');
  await log.finished('pipeline', { status: succeeded ? 'succeeded' : 'failed', exitCode: firstFailure?.exitCode ?? 0, message: firstFailure?.message });
  return { graph, outcomes, succeeded };
}
