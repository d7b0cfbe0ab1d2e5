// One measured case of the orders-DB benchmark, in a process of its own so
// its peak RSS is its own. Prints one JSON line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { scheduleAsBatchWork, silentLogger } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { extractToRawZone } from '@northstar/extract';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { columnList, postgresDialect, renderSql } from '@northstar/sql';
import { OrdersDbSource } from '../../apps/extract-orders-db/src/orders-db-source';
import { pinServerBackends } from './cpu-pinning';

const [kind, url, rowsPerPart, serverCpu] = process.argv.slice(2);
const APPLICATION_NAME = 'northstar-bench';
const contract = contractFor('orders_db', 'orders');
const everything = { start: new Date('1970-01-01T00:00:00Z'), end: new Date('2100-01-01T00:00:00Z') };

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 25);

async function ceiling(): Promise<number> {
  const client = new Client({ connectionString: url, application_name: APPLICATION_NAME });
  await client.connect();
  await pinServer();
  const select = renderSql('copy (select {{ columns }} from orders) to stdout with (format csv)', postgresDialect, {
    fragments: { columns: columnList(contract.columns.map((c) => c.name), postgresDialect) },
  });
  let records = 0;
  // Read by pg-copy-streams, not the extractor's CopyOutStream: a reader that
  // is not the extractor's own cannot move the bar it is measured against,
  // and this one measured the higher ceiling (docs/performance.md, decision D10).
  for await (const chunk of client.query(copyTo(select.sql)) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) records++;
  }
  await client.end();
  return records;
}

async function extract(): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-orders-'));
  const source = await OrdersDbSource.connect(url, APPLICATION_NAME);
  await pinServer();
  const parquet = await ParquetWriter.open({ tempDir: dir, threads: 1 });
  try {
    const result = await extractToRawZone(
      {
        contract, runId: 'bench', mode: 'backfill', scheduledAt: everything.start, window: everything, proposedWatermark: everything.end,
        openCsv: () => source.copyWindow('orders', contract, everything),
      },
      { store: new LocalObjectStore(path.join(dir, 'raw')), parquet, maskKey: undefined, rowsPerPart: Number(rowsPerPart), tempDir: dir, logger: silentLogger(), clock: () => new Date() },
    );
    return result.manifest.rowCount;
  } finally {
    await parquet.close();
    await source.close();
    await rm(dir, { recursive: true, force: true });
  }
}

let serverPinned = false;

async function pinServer(): Promise<void> {
  if (serverCpu !== undefined && serverCpu !== '') serverPinned = await pinServerBackends(url, APPLICATION_NAME, Number(serverCpu));
}

async function main() {
  // The extract runs as batch work, as the extractor's main makes it. The
  // ceiling does not: under the default policy it measured as high or higher
  // (docs/performance.md, decision D11), so the bar is not lowered.
  const scheduling = kind === 'extract' ? await scheduleAsBatchWork() : undefined;
  const started = process.hrtime.bigint();
  const rows = kind === 'ceiling' ? await ceiling() : await extract();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const batchScheduled = scheduling === undefined ? false : scheduling.applied || scheduling.reason;
  process.stdout.write(`${JSON.stringify({ kind, rows, seconds, rowsPerSecond: rows / seconds, peakRssMb: peakRss / 2 ** 20, serverPinned, batchScheduled })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
