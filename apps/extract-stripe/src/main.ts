import * as path from 'node:path';
import { ConfigError, createLogger, loadAppConfig, parseRunArgs, runMain, stripeApiKey } from '@northstar/core';
import { rowsPerPartOf, stripeSource } from '@northstar/contracts';
import { withSpoolDirectory } from '@northstar/extract';
import { openObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { openWarehouse } from '@northstar/warehouse';
import { extractStripe } from './extract-stripe';
import { extractStripeKeySets } from './stripe-key-sets';
import { StripeClient } from './stripe-client';
import { stripeEntities } from './streams';
import { configNeeds } from './config-needs';

const APP = 'extract-stripe';

void runMain(APP, async (setLogger, figures) => {
  figures.source = 'stripe';
  const { run, options } = parseRunArgs<{ entities?: string }>(APP, process.argv.slice(2), process.env, new Date(), (command) => {
    command.option('--entities <list>', 'comma-separated entities (default: all)', process.env['NORTHSTAR_ENTITIES']);
  });
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId: run.runId } });
  setLogger(logger);
  const entities = selectEntities(options.entities);
  const client = new StripeClient({
    apiKey: stripeApiKey(config),
    apiBase: config.stripe.apiBase,
    maxRequestsPerSecond: config.stripe.maxRequestsPerSecond,
    logger,
    onRetry: () => void figures.retries++,
  });
  await withSpoolDirectory(path.join(config.home, 'tmp'), logger, async (tempDir) => {
    const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
    const warehouse = await openWarehouse(config.warehouse, logger, { readOnly: true });
    const parquet = await ParquetWriter.open({ tempDir });
    try {
      const deps = {
        config, warehouse, store, parquet, logger, tempDir, client,
        maskKey: config.maskKey,
        rowsPerPart: rowsPerPartOf(stripeSource, config.rowsPerPart),
        clock: () => new Date(),
        figures,
      };
      await (run.mode === 'nightly' ? extractStripeKeySets(run, entities, deps) : extractStripe(run, entities, deps));
    } finally {
      await Promise.allSettled([parquet.close(), warehouse.close()]);
    }
  });
}, { runRecord: true });

function selectEntities(entities: string | undefined) {
  if (!entities) return stripeEntities;
  const wanted = entities.split(',').map((e) => e.trim()).filter(Boolean);
  const unknown = wanted.filter((name) => !stripeEntities.some((s) => s.contract.entity === name));
  if (unknown.length > 0) {
    throw new ConfigError(`--entities: unknown ${unknown.join(', ')}; expected some of ${stripeEntities.map((s) => s.contract.entity).join(', ')}`);
  }
  return stripeEntities.filter((s) => wanted.includes(s.contract.entity));
}
