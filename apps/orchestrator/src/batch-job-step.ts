import { spawn } from 'node:child_process';
import { runRecordInLog, type Logger, type NorthstarConfig, type RunMode } from '@northstar/core';
import { ensureWarehouseSchemas, openWarehouse, type Warehouse } from '@northstar/warehouse';
import { exitCodeOf } from './app-process';
import { argValue, PIPELINE_STEP_VARIABLE } from './batch-job-plan';
import { jobFailureMessage } from './job-failure-message';
import { PipelineRunLog } from './pipeline-run-log';

/** Of a job's stderr, the tail kept for its failure message. */
const KEPT_LOG_BYTES = 64 * 1024;

export interface JobStepDeps {
  readonly env: NodeJS.ProcessEnv;
  /** Undefined when the configuration is invalid: the app then runs unrecorded and says so itself (exit 2). */
  readonly config: NorthstarConfig | undefined;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Runs the app to its end; its exit code and the tail of its log. */
  readonly runChild?: (command: readonly string[]) => Promise<{ exitCode: number; log: string }>;
}

/**
 * A job of a run graph on Batch, recorded in ops.pipeline_runs as the local
 * executor records each job: the app (`command`, the image's own main)
 * runs as a child; its row is opened before it starts and closed with its
 * exit code and failure message, one row per attempt. Without
 * NORTHSTAR_PIPELINE_STEP (a job submitted by hand, the launcher itself) the
 * app just runs. A warehouse that cannot take the row costs the row, never
 * the job: the failure is logged and the app runs.
 */
export async function runJobStep(command: readonly string[], deps: JobStepDeps): Promise<number> {
  const runChild = deps.runChild ?? runTeed;
  const step = stepOf(deps.env);
  const runId = argValue(command, '--run-id');
  const mode = argValue(command, '--mode') as RunMode | undefined;
  const config = deps.config;
  if (!step || !runId || !mode || !config) return (await runChild(command)).exitCode;
  const withWarehouse = async <T>(fn: (warehouse: Warehouse) => Promise<T>): Promise<T> => {
    const warehouse = await openWarehouse(config.warehouse, deps.logger);
    try {
      return await fn(warehouse);
    } finally {
      await warehouse.close();
    }
  };
  const log = new PipelineRunLog({ mode, runId, scheduledAt: argValue(command, '--at') ?? '', nodes: [] }, withWarehouse, deps.clock);
  const recorded = await attempt(deps.logger, 'open', async () => {
    await withWarehouse(ensureWarehouseSchemas);
    await log.started(step);
  });
  const { exitCode, log: output } = await runChild(command);
  if (recorded) {
    await attempt(deps.logger, 'close', () => log.finished(step, { status: exitCode === 0 ? 'succeeded' : 'failed', exitCode, message: exitCode === 0 ? undefined : jobFailureMessage(output), runRecord: runRecordInLog(output) }));
  }
  return exitCode;
}

/**
 * The job's step; a child of an array job (an extract's shards) is its own,
 * `<step>#<index>`: the shards run at once, and as one step they would each
 * open attempt 1 and each close every shard's row with its own outcome.
 */
export function stepOf(env: NodeJS.ProcessEnv): string | undefined {
  const step = env[PIPELINE_STEP_VARIABLE];
  const index = env['AWS_BATCH_JOB_ARRAY_INDEX'];
  return step && index !== undefined && index !== '' ? `${step}#${index}` : step;
}

async function attempt(logger: Logger, what: string, work: () => Promise<void>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    logger.warn({ err: error }, `could not ${what} this job's ops.pipeline_runs row; the job's outcome is in Batch and its log`);
    return false;
  }
}

/** The app as a child: its stdout and stderr pass through to the job's log, the last of stderr kept. */
function runTeed(command: readonly string[]): Promise<{ exitCode: number; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['inherit', 'inherit', 'pipe'] });
    let kept = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      kept = (kept + chunk.toString('utf8')).slice(-KEPT_LOG_BYTES);
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => child.kill(signal));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ exitCode: exitCodeOf(code, signal), log: kept }));
  });
}

