import { randomUUID } from 'node:crypto';
import { Option, type Command } from 'commander';
import { ConfigError, DataContractError, type Logger, type NorthstarConfig, type RunParameters } from '@northstar/core';
import { sourceNamed, sourceRegistry, type SourceDeclaration } from '@northstar/contracts';
import { AwsBatchJobs } from '@northstar/batch';
import { openObjectStore } from '@northstar/object-store';
import { chunkedBackfillGraph } from './backfill-plan';
import { parseExtractShards, withExtractShards } from './batch-extract-shards';
import { repairNightlyOnBatch, withNightlyRepair } from './batch-nightly-repair';
import { sourceRepairGraphOf } from './nightly-repair';
import { recordedLaunch } from './batch-launch-record';
import { launchOnBatch, type BatchLaunchResult } from './batch-launcher';
import { buildGraph, type JobGraph } from './job-graph';

export interface ExecutorFlags {
  readonly executor: 'local' | 'batch';
  readonly jobQueue?: string;
  readonly jobDefinitionPrefix: string;
  readonly launcherId?: string;
  /** Comma-separated source names: the graph of only these sources and what reads them. */
  readonly sources?: string;
  /** `<extract app>=<shards>,...`: which extractors run as array jobs, and of how many (terraform/sizing.json). */
  readonly extractShards?: string;
  /** The nightly graph's repair job on Batch (withNightlyRepair submits it). */
  readonly repair?: boolean;
  /** The Snowflake warehouse a backfill's jobs run on (their SNOWFLAKE_WAREHOUSE); unset, they keep the job definitions' (hourly) one. */
  readonly backfillWarehouse?: string;
}

/** A scheduled duplicate arrives within the Scheduler's 15-minute event age: until then a claim counts as live. */
const claimLiveForMs = 15 * 60_000;
/** A backfill job's timeout: the job definitions' are a share of one hour. */
const backfillTimeoutSeconds = 6 * 3600;

/** The orchestrator's own flags: where the graph runs, and on Batch, where it goes. */
export function defineExecutorFlags(command: Command): void {
  command
    .addOption(new Option('--executor <kind>', 'local: run each job here; batch: submit the graph to AWS Batch and exit').choices(['local', 'batch']).default('local'))
    .addOption(new Option('--job-queue <name>', "Batch queue for the run's jobs (default: the launcher's own queue)").env('AWS_BATCH_JQ_NAME'))
    .addOption(new Option('--job-definition-prefix <prefix>', 'job definitions are <prefix><app>').default('northstar-'))
    .addOption(new Option('--launcher-id <id>', 'who claims the run (default: this Batch job id)').env('AWS_BATCH_JOB_ID'))
    .addOption(new Option('--sources <list>', 'only these sources (comma-separated) and what reads them, in any mode, local or on Batch'))
    .addOption(new Option('--extract-shards <list>', 'with --executor batch: <extract app>=<n>,... runs those extractors as array jobs of n shards').env('NORTHSTAR_EXTRACT_SHARDS'))
    .addOption(new Option('--backfill-warehouse <name>', "with --executor batch: the Snowflake warehouse every job of a backfill runs on, so the hourly loads keep theirs").env('NORTHSTAR_BACKFILL_WAREHOUSE'))
    .addOption(new Option('--repair', "with --executor batch, nightly: the nightly's repair step (re-extract the days whose digests differ, as backfills on Batch)"));
}

/** Builds the run's graph and submits it to AWS Batch (the executor `batch`), recording the launch in ops.pipeline_runs. */
export async function launchRunOnBatch(run: RunParameters, flags: ExecutorFlags, deps: { config: NorthstarConfig; logger: Logger }): Promise<BatchLaunchResult> {
  const launcher = batchLauncher(flags, deps);
  const graph = withNightlyRepair(withExtractShards(
    run.mode === 'backfill' ? chunkedBackfillGraph(run, (chunk) => graphOfSources(chunk, flags.sources)) : graphOfSources(run, flags.sources),
    parseExtractShards(flags.extractShards),
  ));
  return recordedLaunch(graph, { ...deps, clock: launcher.clock }, () => launcher.launch(graph));
}

/** The nightly's repair job on Batch: differing days re-read as backfills on Batch; a day still differing exits 3. */
export async function repairStepOnBatch(run: RunParameters, flags: ExecutorFlags, deps: { config: NorthstarConfig; logger: Logger }): Promise<void> {
  if (run.mode !== 'nightly') throw new ConfigError('--repair: only for the nightly run');
  const launcher = batchLauncher(flags, deps);
  const shards = parseExtractShards(flags.extractShards);
  const repairs = await repairNightlyOnBatch(run, {
    ...deps,
    jobs: launcher.jobs,
    plan: launcher.plan,
    graphOf: (day, source) => withExtractShards(sourceRepairGraphOf(day, source, flags.sources), shards),
    launch: launcher.launch,
    clock: launcher.clock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    pollMs: 30_000,
    // Inside the repair job's own timeout (backfillTimeoutSeconds), so it exits 75 rather than being killed.
    timeoutMs: (backfillTimeoutSeconds - 600) * 1000,
  });
  const unrepaired = repairs.filter((r) => r.result === 'still_differs');
  if (unrepaired.length) throw new DataContractError(`nightly repair: ${unrepaired.map((r) => `${r.entity} ${r.created_day} still differs (keys ${r.differingKeys.join(', ') || 'unknown'})`).join('; ')}`);
}

/** Submitting graphs to this job's queue, claimed as the launcher does. */
function batchLauncher(flags: ExecutorFlags, deps: { config: NorthstarConfig; logger: Logger }) {
  if (!flags.jobQueue) throw new ConfigError('--executor batch needs --job-queue (set by AWS Batch as AWS_BATCH_JQ_NAME inside a job)');
  const jobs = new AwsBatchJobs({ region: deps.config.awsRegion });
  const plan = {
    queue: flags.jobQueue,
    definitionPrefix: flags.jobDefinitionPrefix,
    backfillTimeoutSeconds,
    ...(flags.backfillWarehouse ? { backfillEnvironment: { SNOWFLAKE_WAREHOUSE: flags.backfillWarehouse } } : {}),
  };
  const clock = () => new Date();
  const launch = (graph: JobGraph): Promise<BatchLaunchResult> => launchOnBatch(graph, plan, {
    jobs,
    store: openObjectStore(deps.config.rawUrl, { s3Endpoint: deps.config.s3Endpoint, region: deps.config.awsRegion }),
    launcherId: flags.launcherId ?? `local-${randomUUID()}`,
    clock,
    logger: deps.logger,
    staleAfterMs: claimLiveForMs,
  });
  return { jobs, plan, clock, launch };
}

/** The run's graph, of every registered source or of those named. */
export function graphOfSources(run: RunParameters, sources: string | undefined): JobGraph {
  if (sources === undefined) return buildGraph(run);
  const names = sources.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) throw new ConfigError('--sources: expected one or more source names');
  const registry: SourceDeclaration[] = names.map((name) => {
    try {
      return sourceNamed(name, sourceRegistry);
    } catch (error) {
      throw new ConfigError(`--sources: ${(error as Error).message}`);
    }
  });
  return buildGraph(run, registry);
}
