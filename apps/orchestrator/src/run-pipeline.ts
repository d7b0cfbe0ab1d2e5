import * as path from 'node:path';
import type { Logger, NorthstarConfig, RunParameters } from '@northstar/core';
import { ensureWarehouseSchemas, openWarehouse, type Warehouse } from '@northstar/warehouse';
import { runAppProcess, type AppProcessOptions, type AppProcessResult } from './app-process';
import { jobEnvironment } from './job-environment';
import { buildGraph, type JobGraph, type JobNode } from './job-graph';
import { jobLine, type JobLineOutput } from './job-lines';
import { executeLocally, type JobOutcome } from './local-executor';
import { PipelineRunLog } from './pipeline-run-log';

export interface PipelineDeps {
  readonly config: NorthstarConfig;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly workspaceRoot: string;
  readonly clock: () => Date;
  /** The run's job graph; by default every registered source's (a backfill's --sources names some). */
  readonly graphOf?: (run: RunParameters) => JobGraph;
  /** Runs one job to its end; by default as a process of its own. */
  readonly runJob?: (node: JobNode, options: AppProcessOptions) => Promise<AppProcessResult>;
  /** A terminal (isTTY): one coloured line per finished job there instead of log records; the jobs' JSON logs stay in their files. */
  readonly console?: JobLineOutput;
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
  const graph = deps.graphOf ? deps.graphOf(run) : buildGraph(run);
  const log = new PipelineRunLog(graph, withWarehouse, deps.clock);
  // Rows an earlier attempt left running (it was killed, or lost the warehouse
  // between jobs) are closed by the attempt that replaces it. A duplicate
  // orchestrator still running would overwrite them as its jobs end.
  await log.closeRunning('abandoned: the orchestrator stopped before recording how this ended; a later attempt of the run replaced it');
  await log.started('pipeline');
  try {
    const outcomes = await executeGraph(graph, log, deps);
    const succeeded = outcomes.every((o) => o.status === 'succeeded');
    const firstFailure = outcomes.find((o) => o.status === 'failed');
    await log.finished('pipeline', { status: succeeded ? 'succeeded' : 'failed', exitCode: firstFailure?.exitCode ?? 0, message: firstFailure?.message });
    return { graph, outcomes, succeeded };
  } catch (error) {
    await closeAfterFailure(log, error, deps.logger);
    throw error;
  }
}

function executeGraph(graph: JobGraph, log: PipelineRunLog, deps: PipelineDeps): Promise<JobOutcome[]> {
  const runJob = deps.runJob ?? runAppProcess;
  const options: AppProcessOptions = {
    workspaceRoot: deps.workspaceRoot,
    logDir: path.join(deps.config.home, 'logs', graph.runId),
    env: jobEnvironment(deps.env, deps.config),
  };
  const terminal = deps.console?.isTTY ? deps.console : undefined;
  return executeLocally(graph, {
    runJob: (node) => {
      if (!terminal) deps.logger.info({ job: node.id }, 'job started');
      return runJob(node, options);
    },
    onStart: log.onStart,
    onFinish: async (node, outcome) => {
      await log.onFinish(node, outcome);
      if (terminal) {
        terminal.write(jobLine(node, outcome, true));
        return;
      }
      const level = outcome.status === 'succeeded' ? 'info' : 'error';
      deps.logger[level]({ job: node.id, status: outcome.status, exitCode: outcome.exitCode, seconds: outcome.seconds }, outcome.message ?? 'job finished');
    },
  });
}

/**
 * The run stopped outside any job (the run log's warehouse could not be
 * opened, a job could not be started): its rows must not read as running for
 * ever. The same trouble may keep this write out too; the next attempt of the
 * run closes them then.
 */
async function closeAfterFailure(log: PipelineRunLog, error: unknown, logger: Logger): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  try {
    await log.closeRunning(`the orchestrator stopped before recording how this ended: ${reason}`);
  } catch (closeError) {
    logger.warn({ err: closeError }, "could not mark the run's unfinished rows as failed; the run's next attempt will");
  }
}
