// `npm run demo`: the main job on the embedded defaults. Seeds the sandbox
// orders DB (PGlite on a loopback port), serves the Stripe and Zendesk API
// sandboxes fed from it, runs several consecutive hourly pipelines of all four
// sources (later hours update earlier orders) and prints a short report.
// Everything lands under NORTHSTAR_HOME (default .northstar/), reset first.
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Command } from 'commander';
import { createLogger, deriveRunId, loadConfig, runMain, type NorthstarConfig } from '@northstar/core';
import { openObjectStore } from '@northstar/object-store';
import { OrdersDbSandbox, SourceApiSandboxes, startEmbeddedOrdersDb, writePartnerDrops } from '@northstar/sandbox';
import { runSummaryLine } from '../apps/orchestrator/src/job-lines';
import { runPipeline } from '../apps/orchestrator/src/run-pipeline';
import { demoReport } from './demo-report';
import { writeDemoRunReport } from './run-report-file';

const HOUR = 3_600_000;
const workspaceRoot = path.resolve(__dirname, '..');

void runMain('demo', async (setLogger) => {
  const opts = new Command('demo')
    .option('--hours <n>', 'hourly runs after the initial load', (v) => Number.parseInt(v, 10), 3)
    .option('--scale <x>', 'sandbox scale (1 = 120k orders)', Number.parseFloat, 0.02)
    .option('--start <iso>', 'the first scheduled hour', '2026-11-02T06:00:00Z')
    .exitOverride()
    .parse(process.argv)
    .opts<{ hours: number; scale: number; start: string }>();
  const probe = loadConfig();
  await resetOutputs(probe);
  const db = await startEmbeddedOrdersDb({ port: 0 });
  const first = new Date(opts.start);
  const sandbox = await OrdersDbSandbox.connect(db.url, { scale: opts.scale, start: first });
  const apis = await SourceApiSandboxes.start(sandbox);
  const env = { ...process.env, ORDERS_DB_URL: db.url, NORTHSTAR_INITIAL_START: '2000-01-01T00:00:00Z', ...apis.env() };
  const config = loadConfig(env);
  const logger = createLogger({ ...config.log, bindings: { app: 'demo' } });
  setLogger(logger);
  const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
  try {
    await sandbox.createSchema();
    const seeded = await sandbox.seed();
    logger.info(seeded, 'sandbox seeded');
    for (let i = 0; i <= opts.hours; i++) {
      const at = new Date(first.getTime() + i * HOUR);
      if (i > 0) {
        const changes = await sandbox.advanceHour(new Date(at.getTime() - HOUR));
        logger.info({ hour: changes.hourStart, newOrders: changes.newOrderIds.length, updatedOrders: changes.updatedOrderIds.length, newCustomers: changes.newCustomerIds.length, updatedCustomers: changes.updatedCustomerIds.length }, 'sandbox advanced one hour');
      }
      // Partners drop the hour's shipment statuses (the whole history before the first run) into the raw zone's bucket.
      const window = { start: i === 0 ? new Date(0) : new Date(at.getTime() - HOUR), end: at };
      const drops = await writePartnerDrops(store, { seed: 42, orders: await sandbox.orderPlans(), window });
      logger.info({ drops: drops.map((d) => `${d.key} (${d.rows} rows)`) }, 'partner files dropped');
      logger.info(await apis.syncTo(at), 'Stripe and Zendesk sandboxes synced to the orders DB');
      const run = { mode: 'hourly' as const, scheduledAt: at, runId: deriveRunId('hourly', at) };
      const result = await runPipeline(run, { config, logger, env, workspaceRoot, clock: () => new Date(), console: process.stdout });
      if (process.stdout.isTTY) process.stdout.write(runSummaryLine(run.runId, result.outcomes, path.join(config.home, 'logs', run.runId), true));
      if (!result.succeeded) throw new Error(`pipeline ${run.runId} failed: ${result.outcomes.find((o) => o.status === 'failed')?.message}`);
    }
  } finally {
    await apis.close();
    await sandbox.close();
    await db.stop();
  }
  process.stdout.write(await demoReport(config));
  process.stdout.write(`Run report (npm run report writes it again): ${await writeDemoRunReport(config, path.join(config.home, 'report.html'))}\n`);
});

async function resetOutputs(config: NorthstarConfig): Promise<void> {
  if (config.warehouse.kind === 'duckdb') await rm(config.warehouse.path, { force: true });
  if (config.rawUrl.startsWith('file://')) await rm(config.rawUrl.slice('file://'.length), { recursive: true, force: true });
  await rm(path.join(config.home, 'logs'), { recursive: true, force: true });
}
