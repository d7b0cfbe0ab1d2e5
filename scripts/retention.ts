// `npm run retention -- [--dry-run] [--now <ISO>] [--hot-years 3]`: removes raw
// and fact rows older than the hot period from the warehouse, month by month,
// each only after the raw-zone files holding it pass the archive check
// (docs/retention.md). Exit 3 when a month was kept for a failed check.
import { Command } from 'commander';
import { ConfigError, createLogger, DataContractError, loadConfig, runMain } from '@northstar/core';
import { allContracts } from '@northstar/contracts';
import { loadModelCatalog } from '@northstar/models';
import { openObjectStore } from '@northstar/object-store';
import { openWarehouse } from '@northstar/warehouse';
import { applyRetention, planRetention } from '../apps/load/src/retention/retention-plan';
import { formatRetentionPlan } from '../apps/load/src/retention/retention-report';

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
  const config = loadConfig();
  const logger = createLogger({ ...config.log, bindings: { app: APP } });
  setLogger(logger);
  const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
  const warehouse = await openWarehouse(config.warehouse, logger);
  try {
    const plan = await planRetention({ warehouse, store }, allContracts, loadModelCatalog(), now, hotYears);
    process.stdout.write(`${formatRetentionPlan(plan, Boolean(opts.dryRun))}\n`);
    if (!opts.dryRun) logger.info({ months: (await applyRetention(warehouse, plan)).map((i) => `${i.table} ${i.month.label}`) }, 'retention: deleted');
    const kept = plan.filter((i) => i.problems.length > 0);
    if (kept.length > 0) throw new DataContractError(`${kept.length} table months kept: their raw-zone files failed the archive check (see above)`);
  } finally {
    await warehouse.close();
  }
});
