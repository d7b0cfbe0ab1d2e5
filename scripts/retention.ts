// `npm run retention -- [--dry-run] [--now <ISO>] [--hot-years 3]`: removes raw
// and fact rows older than the hot period from the warehouse, month by month,
// each only after the raw-zone files holding it pass the archive check
// (docs/retention.md). Exit 3 when a month was kept for a failed check.
import { Command } from 'commander';
import { ConfigError, createLogger, loadAppConfig, runMain } from '@northstar/core';
import { openObjectStore } from '@northstar/object-store';
import { openWarehouse } from '@northstar/warehouse';
import { configNeeds } from '../apps/load/src/config-needs';
import { runRetention } from '../apps/load/src/retention/retention-job';

const APP = 'retention';

void runMain(APP, async (setLogger) => {
  const opts = new Command(APP)
    .option('--dry-run', 'print what would go, per table and month; delete nothing')
    .option('--now <iso>', 'the instant the hot period ends at (default: now)')
    .option('--hot-years <n>', 'years kept in the warehouse', '3')
    .parse(process.argv)
    .opts<{ dryRun?: boolean; now?: string; hotYears: string }>();
  const now = opts.now ? new Date(opts.now) : new Date();
  const hotYears = Number(opts.hotYears);
  if (Number.isNaN(now.getTime()) || !Number.isInteger(hotYears) || hotYears < 1) throw new ConfigError('--now must be an ISO instant and --hot-years a whole number of at least 1');
  // The load app's needs: on AWS the same code runs as its monthly --retention job.
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP } });
  setLogger(logger);
  const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
  const warehouse = await openWarehouse(config.warehouse, logger);
  try {
    await runRetention({ now, hotYears, dryRun: Boolean(opts.dryRun) }, { warehouse, store, logger, out: (text) => process.stdout.write(text) });
  } finally {
    await warehouse.close();
  }
});
