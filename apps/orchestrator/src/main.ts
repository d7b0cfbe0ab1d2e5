import * as path from 'node:path';
import { ConfigError, DataContractError, ExitCode, NorthstarError, createLogger, loadAppConfig, parseRunArgs, runMain, runModes } from '@northstar/core';
import { releaseQuarantine } from '@northstar/extract';
import { openWarehouse } from '@northstar/warehouse';
import { backfillLocally } from './backfill-command';
import { repairNightly } from './nightly-repair';
import { defineExecutorFlags, graphOfSources, launchRunOnBatch, repairStepOnBatch, type ExecutorFlags } from './batch-launch-run';
import { runSummaryLine } from './job-lines';
import { runPipeline } from './run-pipeline';
import { configNeeds } from './config-needs';

const APP = 'orchestrator';
const workspaceRoot = path.resolve(__dirname, '../../..');

/** `npm run pipeline -- hourly [--at <ISO hour>] [--sources orders_db,partner_files]`: the mode may be given as the first word. */
void runMain(APP, async (setLogger) => {
  const argv = process.argv.slice(2);
  if (argv[0] === 'release-quarantine') return releaseQuarantineCommand(argv.slice(1), setLogger);
  const positional = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
  if (positional && !(runModes as readonly string[]).includes(positional)) {
    throw new ConfigError(`unknown mode "${positional}": expected ${runModes.join(', ')}`);
  }
  const { run, options } = parseRunArgs<ExecutorFlags>(APP, positional ? ['--mode', positional, ...argv.slice(1)] : argv, process.env, new Date(), defineExecutorFlags);
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId: run.runId } });
  setLogger(logger);
  if (options.repair && options.executor !== 'batch') throw new ConfigError('--repair: only with --executor batch (a local nightly repairs after its graph)');
  if (options.executor === 'batch') {
    if (options.repair) return repairStepOnBatch(run, options, { config, logger });
    const launch = await launchRunOnBatch(run, options, { config, logger });
    process.stdout.write(launch.outcome === 'held' ? `run ${run.runId} is held by launcher ${launch.by.holder} since ${launch.by.claimedAt}: nothing submitted\n` : `run ${run.runId}: ${launch.submitted.length} jobs submitted, ${launch.kept.length} already there\n`);
    return;
  }
  const deps = { config, logger, env: process.env, workspaceRoot, clock: () => new Date(), console: process.stdout };
  if (run.mode === 'backfill' && run.window) {
    const { chunks, publish } = await backfillLocally(run, { ...deps, graphOf: (chunk) => graphOfSources(chunk, options.sources) }, process.stdout);
    const failedChunk = chunks.find((c) => c.status === 'failed');
    if (failedChunk) throw new JobFailedError(`backfill chunk ${failedChunk.runId} failed (exit ${failedChunk.exitCode}): ${failedChunk.message ?? ''}`, failedChunk.exitCode);
    process.stdout.write(`backfill: ${chunks.filter((c) => c.status === 'succeeded').length} chunks run, ${chunks.filter((c) => c.status === 'skipped').length} already committed\n`);
    if (publish?.status === 'failed') throw new JobFailedError(`backfill publish ${run.runId}-publish failed, nothing published, the rows stay held (exit ${publish.exitCode}): ${publish.message ?? ''}`, publish.exitCode);
    process.stdout.write(publish?.status === 'skipped' ? `backfill: published before\n` : `backfill: published\n`);
    return;
  }
  const result = await runPipeline(run, { ...deps, graphOf: (r) => graphOfSources(r, options.sources) });
  if (process.stdout.isTTY) process.stdout.write(runSummaryLine(run.runId, result.outcomes, path.join(config.home, 'logs', run.runId), true));
  else for (const o of result.outcomes) process.stdout.write(`${o.status.padEnd(9)} ${o.id.padEnd(20)} ${o.seconds.toFixed(1).padStart(6)}s${o.exitCode ? `  exit ${o.exitCode}` : ''}\n`);
  const failed = result.outcomes.find((o) => o.status === 'failed');
  if (failed) throw new JobFailedError(`job ${failed.id} failed (exit ${failed.exitCode}): ${failed.message ?? ''}`, failed.exitCode);
  if (run.mode === 'nightly') {
    const unrepaired = (await repairNightly(run, deps, options.sources)).filter((r) => r.result === 'still_differs');
    if (unrepaired.length) throw new DataContractError(`nightly repair: ${unrepaired.map((r) => `${r.entity} ${r.created_day} still differs (keys ${r.differingKeys.join(', ') || 'unknown'})`).join('; ')}`);
  }
});

/** `npm run pipeline -- release-quarantine <id>`: re-queues a quarantined partner file (the load app's --release-quarantine on AWS). */
async function releaseQuarantineCommand(args: readonly string[], setLogger: (logger: ReturnType<typeof createLogger>) => void): Promise<void> {
  const id = args[0];
  if (!id || args.length > 1) throw new ConfigError('usage: npm run pipeline -- release-quarantine <id> (the id is in the extract\'s error and in quarantine/<file>/<id>/reason.json)');
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP } });
  setLogger(logger);
  const warehouse = await openWarehouse(config.warehouse, logger);
  try {
    const release = await releaseQuarantine(warehouse, id, process.env['USER'] ?? 'operator', new Date());
    process.stdout.write(release.released ? `released ${release.objectKey} (partner ${release.partner}): the next run reads it again\n` : `${release.objectKey} was released before; nothing changed\n`);
  } finally {
    await warehouse.close();
  }
}

/** The pipeline exits as its first failed job did, so a retry policy sees the same code. */
class JobFailedError extends NorthstarError {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: number | undefined) {
    super(message);
    this.exitCode = (Object.values(ExitCode) as number[]).includes(exitCode ?? -1) ? (exitCode as ExitCode) : ExitCode.unexpected;
  }
}
