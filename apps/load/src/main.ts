import { ConfigError, createLogger, loadConfig, parseRunArgs, runMain } from '@northstar/core';
import { allContracts, reconciliationContracts, sources, type SourceName } from '@northstar/contracts';
import { loadModelCatalog } from '@northstar/models';
import { openObjectStore } from '@northstar/object-store';
import { openWarehouse } from '@northstar/warehouse';
import { loadSource } from './load-source';

const APP = 'load';

void runMain(APP, async (setLogger) => {
  const { run, options } = parseRunArgs<{ source: string; entities?: string; fullRefresh?: string }>(APP, process.argv.slice(2), process.env, new Date(), (command) =>
    command
      .requiredOption('--source <source>', `one of ${sources.join(', ')}`, process.env['NORTHSTAR_SOURCE'])
      .option('--entities <list>', 'comma-separated entities (default: all of the source)', process.env['NORTHSTAR_ENTITIES'])
      .option('--full-refresh <models>', 'comma-separated models to rebuild from raw, with every model downstream of them', process.env['NORTHSTAR_FULL_REFRESH']),
  );
  const config = loadConfig();
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId: run.runId, source: options.source } });
  setLogger(logger);
  const selected = selectContracts(options.source, options.entities);
  // Nightly extracts of the orders DB land key sets and digests beside the entities.
  const contracts = run.mode === 'nightly' && options.source === 'orders_db' ? [...selected, ...reconciliationContracts(selected)] : selected;
  const models = loadModelCatalog();
  const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
  const warehouse = await openWarehouse(config.warehouse, logger);
  try {
    const fullRefresh = options.fullRefresh?.split(',').map((m) => m.trim()).filter(Boolean);
    const rawStage = config.warehouse.kind === 'snowflake' ? config.warehouse.rawStage : undefined;
    await loadSource(contracts, models, { warehouse, store, logger, clock: () => new Date(), runId: run.runId, rawStage, loadLockTtlMs: config.loadLockTtlMs }, { fullRefresh });
  } finally {
    await warehouse.close();
  }
});

function selectContracts(source: string, entities: string | undefined) {
  if (!(sources as readonly string[]).includes(source)) throw new ConfigError(`--source: expected one of ${sources.join(', ')}, got "${source}"`);
  const ofSource = allContracts.filter((c) => c.source === (source as SourceName));
  if (!entities) return ofSource;
  const wanted = entities.split(',').map((e) => e.trim());
  const unknown = wanted.filter((e) => !ofSource.some((c) => c.entity === e));
  if (unknown.length) throw new ConfigError(`--entities: unknown ${unknown.join(', ')} for ${source}; expected some of ${ofSource.map((c) => c.entity).join(', ')}`);
  return ofSource.filter((c) => wanted.includes(c.entity));
}
