import { ConfigError, createLogger, loadConfig, parseRunArgs, runMain } from '@northstar/core';
import { reconciliationContracts, sourceRegistry, type SourceDeclaration } from '@northstar/contracts';
import { loadModelCatalog } from '@northstar/models';
import { openObjectStore } from '@northstar/object-store';
import { openWarehouse } from '@northstar/warehouse';
import { loadSource } from './load-source';

const APP = 'load';

void runMain(APP, async (setLogger) => {
  const { run, options } = parseRunArgs<{ source: string; entities?: string; fullRefresh?: string }>(APP, process.argv.slice(2), process.env, new Date(), (command) =>
    command
      .requiredOption('--source <source>', `one of ${sourceRegistry.map((s) => s.name).join(', ')}`, process.env['NORTHSTAR_SOURCE'])
      .option('--entities <list>', 'comma-separated entities (default: all of the source)', process.env['NORTHSTAR_ENTITIES'])
      .option('--full-refresh <models>', 'comma-separated models to rebuild from raw, with every model downstream of them', process.env['NORTHSTAR_FULL_REFRESH']),
  );
  const config = loadConfig();
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId: run.runId, source: options.source } });
  setLogger(logger);
  const source = registeredSource(options.source);
  const selected = selectContracts(source, options.entities);
  // A source's nightly run lands each entity's key set and digests beside it.
  const contracts = run.mode === 'nightly' && source.modes.includes('nightly-key-sets') ? [...selected, ...reconciliationContracts(selected)] : selected;
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
