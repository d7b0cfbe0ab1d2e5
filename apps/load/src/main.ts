import { ConfigError, createLogger, deriveRunId, loadAppConfig, parseRunArgs, runMain } from '@northstar/core';
import { allContracts, domainJobs, reconciliationContracts, sourceRegistry, type SourceDeclaration } from '@northstar/contracts';
import { releaseQuarantine } from '@northstar/extract';
import { loadModelCatalog, piiColumnTargets, type Model } from '@northstar/models';
import { openObjectStore } from '@northstar/object-store';
import { openWarehouse, type Warehouse } from '@northstar/warehouse';
import { domainJobNamed, loadDomain } from './load-domain';
import { loadSource } from './load-source';
import { runRetention, type RetentionRun } from './retention/retention-job';
import { configNeeds } from './config-needs';

const APP = 'load';
/** Years the warehouse keeps (docs/retention.md); the raw zone keeps 7, by its lifecycle rule. */
const RETENTION_HOT_YEARS = 3;

type LoadOptions = { source?: string; domain?: string; entities?: string; fullRefresh?: string; releaseQuarantine?: string; retention?: boolean; retentionDryRun?: boolean; hold?: boolean; publishHeld?: boolean };

void runMain(APP, async (setLogger, figures) => {
  const { run, options } = parseRunArgs<LoadOptions>(APP, process.argv.slice(2), process.env, new Date(), (command) =>
    command
      .option('--source <source>', `load its raw tables, then the models reading it alone: one of ${sourceRegistry.map((s) => s.name).join(', ')}`, process.env['NORTHSTAR_SOURCE'])
      .option('--domain <domain>', `instead of --source, run the models of a domain that read several sources: one of ${domainJobs().map((d) => d.name).join(', ')}`, process.env['NORTHSTAR_DOMAIN'])
      .option('--entities <list>', 'comma-separated entities (default: all of the source)', process.env['NORTHSTAR_ENTITIES'])
      .option('--full-refresh <models>', 'comma-separated models to rebuild from raw, with every model downstream of them', process.env['NORTHSTAR_FULL_REFRESH'])
      .option('--hold', "a backfill chunk's load: its own run's files into raw_backfill, held from the models until the backfill's --publish-held")
      .option('--publish-held', "a backfill's publish: instead of loading files, move the rows the chunks held to raw and run the models and their checks in one transaction")
      .option('--release-quarantine <id>', 'instead of loading: re-queue a quarantined partner file (ops.partner_files), so the next extraction reads it again', process.env['NORTHSTAR_RELEASE_QUARANTINE'])
      .option('--retention', 'instead of loading: the monthly retention job (npm run retention), its hot period ending at --at, 3 years')
      .option('--retention-dry-run', 'with --retention: print what would go, delete nothing'),
  );
  if (options.releaseQuarantine) return releaseQuarantineJob(options.releaseQuarantine, run.runId, setLogger);
  if (options.retention) {
    // Not the hourly run of the same hour: a retention run has an id of its own unless given one.
    const runId = run.runId === deriveRunId(run.mode, run.scheduledAt) ? `retention-${run.scheduledAt.toISOString().slice(0, 10).replace(/-/g, '')}` : run.runId;
    return retentionJob({ now: run.scheduledAt, hotYears: RETENTION_HOT_YEARS, dryRun: Boolean(options.retentionDryRun) }, runId, setLogger);
  }
  if (!options.source === !options.domain) throw new ConfigError('give one of --source and --domain');
  if (options.domain && options.fullRefresh) throw new ConfigError('--full-refresh goes with --source: the models rebuild from raw after its loads');
  if (options.hold || options.publishHeld) {
    if (!options.source || options.fullRefresh || (options.hold && options.publishHeld)) throw new ConfigError('--hold and --publish-held: one of them, with --source and without --full-refresh');
    if (run.mode !== 'backfill') throw new ConfigError('--hold and --publish-held: only in a backfill (--mode backfill)');
  }
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId: run.runId, ...(options.source ? { source: options.source } : { domain: options.domain }) } });
  setLogger(logger);
  const models = loadModelCatalog();
  const retry = { onRetry: () => void figures.retries++ };
  const deps = { logger, clock: () => new Date(), runId: run.runId, mode: run.mode, loadLockTtlMs: config.loadLockTtlMs, hold: options.hold === true, retry };
  if (options.domain) {
    const domain = domainJobNamed(options.domain);
    const warehouse = await openWarehouse(config.warehouse, logger);
    const { rowsOut } = await loadDomain(domain, models, { ...deps, warehouse, piiColumns: piiColumnsOf(warehouse, models) }).finally(() => warehouse.close());
    figures.rowsOut = rowsOut;
    return;
  }
  const source = registeredSource(options.source ?? '');
  const selected = selectContracts(source, options.entities);
  // A source's nightly run lands each entity's key set and digests beside it.
  const contracts = run.mode === 'nightly' && source.modes.includes('nightly-key-sets') ? [...selected, ...reconciliationContracts(selected)] : selected;
  const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
  const warehouse = await openWarehouse(config.warehouse, logger);
  try {
    const fullRefresh = options.fullRefresh?.split(',').map((m) => m.trim()).filter(Boolean);
    const rawStage = config.warehouse.kind === 'snowflake' ? config.warehouse.rawStage : undefined;
    figures.source = source.name;
    const piiColumns = piiColumnsOf(warehouse, models);
    const { raw, rowsOut } = await loadSource(contracts, models, { ...deps, warehouse, store, rawStage, piiColumns }, { fullRefresh, publishHeld: options.publishHeld === true });
    figures.rowsIn = raw.reduce((sum, r) => sum + r.rowsLoaded, 0);
    figures.rowsOut = rowsOut;
  } finally {
    await warehouse.close();
  }
}, { runRecord: true });

/** The AWS way to run `npm run pipeline -- release-quarantine <id>`: a one-off load job with this flag. */
async function releaseQuarantineJob(id: string, runId: string, setLogger: (logger: ReturnType<typeof createLogger>) => void): Promise<void> {
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId } });
  setLogger(logger);
  const warehouse = await openWarehouse(config.warehouse, logger);
  try {
    logger.info(await releaseQuarantine(warehouse, id, `load ${runId}`, new Date()), 'quarantine release');
  } finally {
    await warehouse.close();
  }
}

/** The AWS way to run `npm run retention`: the monthly schedule submits a load job with --retention. */
async function retentionJob(retention: RetentionRun, runId: string, setLogger: (logger: ReturnType<typeof createLogger>) => void): Promise<void> {
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId, job: 'retention' } });
  setLogger(logger);
  const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
  const warehouse = await openWarehouse(config.warehouse, logger);
  try {
    await runRetention(retention, { warehouse, store, logger, out: (text) => process.stdout.write(text) });
  } finally {
    await warehouse.close();
  }
}

/** As the quality job masks a failing check's sample keys, so does the publish gate refusing a batch. */
function piiColumnsOf(warehouse: Warehouse, models: readonly Model[]): ReadonlySet<string> {
  return new Set(piiColumnTargets(allContracts, models, warehouse.dialect).map((t) => `${t.table}.${t.column}`));
}

function registeredSource(name: string): SourceDeclaration {
  const source = sourceRegistry.find((s) => s.name === name);
  if (!source) throw new ConfigError(`--source: expected one of ${sourceRegistry.map((s) => s.name).join(', ')}, got "${name}"`);
  return source;
}

function selectContracts(source: SourceDeclaration, entities: string | undefined) {
  const ofSource = source.contracts;
  if (!entities) return ofSource;
  const wanted = entities.split(',').map((e) => e.trim());
  const unknown = wanted.filter((e) => !ofSource.some((c) => c.entity === e));
  if (unknown.length) throw new ConfigError(`--entities: unknown ${unknown.join(', ')} for ${source.name}; expected some of ${ofSource.map((c) => c.entity).join(', ')}`);
  return ofSource.filter((c) => wanted.includes(c.entity));
}
