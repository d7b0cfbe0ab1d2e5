import * as path from 'node:path';
import { ConfigError, createLogger, loadAppConfig, parseRunArgs, runMain, zendeskAccount } from '@northstar/core';
import { countExtracted, withSpoolDirectory } from '@northstar/extract';
import { hasNightlyKeySet, rowsPerPartOf, zendeskSource } from '@northstar/contracts';
import { openObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { openWarehouse } from '@northstar/warehouse';
import { extractZendesk } from './extract-zendesk';
import { extractZendeskKeySets } from './zendesk-key-sets';
import { zendeskStreams } from './streams';
import { ZendeskClient } from './zendesk-client';
import { configNeeds } from './config-needs';
import { ZENDESK_ALLOCATOR_FLUSH_THRESHOLD } from './parquet-memory';

const APP = 'extract-zendesk';

void runMain(APP, async (setLogger, figures) => {
  figures.source = 'zendesk';
  const { run, options } = parseRunArgs<{ entities?: string }>(APP, process.argv.slice(2), process.env, new Date(), (command) => {
    command.option('--entities <list>', 'comma-separated entities (default: all)', process.env['NORTHSTAR_ENTITIES']);
  });
  const config = loadAppConfig(configNeeds);
  const account = zendeskAccount(config);
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId: run.runId } });
  setLogger(logger);
  const client = new ZendeskClient(account, { requestsPerMinute: config.zendesk.requestsPerMinute, logger, onRetry: () => void figures.retries++ });
  // Nightly, the entities with key sets, each read as a window (from its lookback), not from the saved cursor.
  const nightly = run.mode === 'nightly';
  const all = zendeskStreams(client, { backfill: nightly || run.window !== undefined, ...(config.zendesk.orderFieldId ? { orderFieldId: config.zendesk.orderFieldId } : {}) });
  const streams = selectStreams(nightly ? all.filter((s) => hasNightlyKeySet(s.contract)) : all, options.entities);
  await withSpoolDirectory(path.join(config.home, 'tmp'), logger, async (tempDir) => {
    const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
    const warehouse = await openWarehouse(config.warehouse, logger, { readOnly: true });
    const parquet = await ParquetWriter.open({ tempDir, allocatorFlushThreshold: ZENDESK_ALLOCATOR_FLUSH_THRESHOLD });
    try {
      logger.info({ zendesk: new URL(account.url).host, requestsPerMinute: config.zendesk.requestsPerMinute, entities: streams.map((s) => s.contract.entity) }, 'extracting Zendesk');
      const deps = { config, warehouse, store, parquet, logger, tempDir, maskKey: config.maskKey, rowsPerPart: rowsPerPartOf(zendeskSource, config.rowsPerPart), clock: () => new Date() };
      countExtracted(figures, await (nightly ? extractZendeskKeySets(run, streams, deps) : extractZendesk(run, streams, deps)));
    } finally {
      await Promise.allSettled([parquet.close(), warehouse.close()]);
    }
  });
}, { runRecord: true });

function selectStreams<T extends { contract: { entity: string } }>(all: readonly T[], entities: string | undefined): T[] {
  if (!entities) return [...all];
  const wanted = entities.split(',').map((e) => e.trim()).filter(Boolean);
  const unknown = wanted.filter((name) => !all.some((s) => s.contract.entity === name));
  if (unknown.length > 0) throw new ConfigError(`--entities: unknown ${unknown.join(', ')}; expected some of ${all.map((s) => s.contract.entity).join(', ')}`);
  return all.filter((s) => wanted.includes(s.contract.entity));
}
