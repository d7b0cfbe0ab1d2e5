import * as path from 'node:path';
import { ConfigError, createLogger, loadAppConfig, parseRunArgs, runMain, scheduleAsBatchWork } from '@northstar/core';
import { addShardOptions, countExtracted, parseShard, withSpoolDirectory, type ShardFlags } from '@northstar/extract';
import { openObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { openWarehouse } from '@northstar/warehouse';
import { extractOrdersDb } from './extract-orders-db';
import { extractReconciliation } from './extract-reconciliation';
import { OrdersDbSource } from './orders-db-source';
import { ordersDbStreams } from './streams';
import { configNeeds } from './config-needs';

const APP = 'extract-orders-db';

void runMain(APP, async (setLogger, figures) => {
  const { run, options } = parseRunArgs<{ entities?: string } & ShardFlags>(APP, process.argv.slice(2), process.env, new Date(), (command) => {
    command.option('--entities <list>', 'comma-separated entities (default: all)', process.env['NORTHSTAR_ENTITIES']);
    addShardOptions(command);
  });
  const shard = parseShard(options, run.mode);
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId: run.runId, ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}) } });
  setLogger(logger);
  const scheduling = await scheduleAsBatchWork();
  // Production runs on Linux, where a missing chrt costs throughput; elsewhere (a laptop) it is only a fact.
  if (!scheduling.applied) logger[process.platform === 'linux' ? 'warn' : 'info']({ reason: scheduling.reason }, 'running under the default CPU scheduling, not SCHED_BATCH: a one-core extract is slower');
  const streams = selectStreams(options.entities);
  await withSpoolDirectory(path.join(config.home, 'tmp'), logger, async (tempDir) => {
    const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
    const warehouse = await openWarehouse(config.warehouse, logger, { readOnly: true });
    const parquet = await ParquetWriter.open({ tempDir });
    const source = await OrdersDbSource.connect(config.ordersDbUrl, `northstar-${APP}`);
    try {
      const deps = {
        config, warehouse, source, store, parquet, logger, tempDir, shard,
        maskKey: config.maskKey,
        rowsPerPart: config.rowsPerPart,
        clock: () => new Date(),
      };
      figures.source = 'orders_db';
      countExtracted(figures, await (run.mode === 'nightly' ? extractReconciliation(run, streams, deps) : extractOrdersDb(run, streams, deps)));
    } finally {
      await Promise.allSettled([source.close(), parquet.close(), warehouse.close()]);
    }
  });
}, { runRecord: true });

function selectStreams(entities: string | undefined) {
  if (!entities) return ordersDbStreams;
  const wanted = entities.split(',').map((e) => e.trim()).filter(Boolean);
  const unknown = wanted.filter((name) => !ordersDbStreams.some((s) => s.contract.entity === name));
  if (unknown.length > 0) {
    throw new ConfigError(`--entities: unknown ${unknown.join(', ')}; expected some of ${ordersDbStreams.map((s) => s.contract.entity).join(', ')}`);
  }
  return ordersDbStreams.filter((s) => wanted.includes(s.contract.entity));
}
