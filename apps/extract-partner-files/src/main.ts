import * as path from 'node:path';
import { ConfigError, createLogger, loadAppConfig, parseRunArgs, runMain } from '@northstar/core';
import { checkedPartnerFormats, partnerFilesSource, partnerFormats, rowsPerPartOf, shipmentsContract, type PartnerFormat } from '@northstar/contracts';
import { addShardOptions, countExtracted, parseShard, withSpoolDirectory, type ShardFlags } from '@northstar/extract';
import { openObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { openWarehouse } from '@northstar/warehouse';
import { extractPartnerFiles } from './extract-partner-files';
import { reportQuarantinedFiles } from './partner-quarantine-report';
import { configNeeds } from './config-needs';

const APP = 'extract-partner-files';

void runMain(APP, async (setLogger, figures) => {
  figures.source = 'partner_files';
  const { run, options } = parseRunArgs<ShardFlags & { reportQuarantine?: boolean }>(APP, process.argv.slice(2), process.env, new Date(), (command) => {
    addShardOptions(command);
    command.option('--report-quarantine', "instead of extracting, after the run's load: exit 3 naming the files the run quarantined (the chain's last job)");
  });
  const shard = parseShard(options, run.mode);
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId: run.runId, ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}) } });
  setLogger(logger);
  if (options.reportQuarantine) {
    const warehouse = await openWarehouse(config.warehouse, logger, { readOnly: true });
    try {
      return await reportQuarantinedFiles(shipmentsContract, run.runId, { warehouse, logger });
    } finally {
      await warehouse.close();
    }
  }
  const formats = checkedFormats();
  await withSpoolDirectory(path.join(config.home, 'tmp'), logger, async (tempDir) => {
    // Partners drop their files in the raw zone's bucket, under partners/.
    const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
    const warehouse = await openWarehouse(config.warehouse, logger, { readOnly: true });
    const parquet = await ParquetWriter.open({ tempDir });
    try {
      const result = await extractPartnerFiles(run, {
        config, warehouse, store, parquet, logger, tempDir, formats,
        maskKey: config.maskKey,
        ...(shard ? { shard } : {}),
        rowsPerPart: rowsPerPartOf(partnerFilesSource, config.rowsPerPart),
        clock: () => new Date(),
      });
      countExtracted(figures, [result]);
      if (result.quarantined.length > 0) figures.notes = [`${result.quarantined.length} partner file(s) quarantined: see ops.partner_files`];
    } finally {
      await Promise.allSettled([parquet.close(), warehouse.close()]);
    }
  });
}, { runRecord: true });

function checkedFormats(): readonly PartnerFormat[] {
  try {
    return checkedPartnerFormats(partnerFormats);
  } catch (error) {
    throw new ConfigError((error as Error).message, { cause: error });
  }
}
