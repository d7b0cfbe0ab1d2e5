// `npm run bench [-- orders-db] [--rows 1000000,5000000] [--repeat 3]`:
// throughput and peak memory of the extraction path against its ceiling.
// `npm run bench -- load [--scales 1,10]`: first load and one fixed hour of
// the whole pipeline at each sandbox scale (scripts/bench/load-bench.ts).
// `npm run bench -- backfill [--scale 0.1]`: 90 days of sandbox history
// backfilled with an hourly run beside it (scripts/bench/backfill-bench.ts).
// `npm run bench -- stripe [--objects 100000,1000000] [--rps 100]`: the Stripe
// extractor against the sandbox API at a rate limit (scripts/bench/stripe-bench.ts).
// `npm run bench -- partner-files [--mb 1024] [--repeat 3]`: the partner-file
// reader and extractor on a generated CSV (UTF-8 and cp1252, plain and gzip)
// against DuckDB's read_csv, on one CPU (scripts/bench/partner-files-bench.ts).
// `npm run bench -- partner-files-chain [--mb 1024]`: the partner-files chain
// (extract, load, models, checks) over one such file (scripts/bench/partner-files-chain.ts).
// `npm run bench -- zendesk [--tickets 10000,100000] [--rpm 60]`: the Zendesk ticket
// export at a request budget (scripts/bench/zendesk-bench.ts).
// Figures, not assertions: these machines are shared, so nothing here fails a build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { Client } from 'pg';
import { formatTextTable, loadConfig } from '@northstar/core';
import { loadSqlTemplate, postgresDialect, renderStatements } from '@northstar/sql';
import { pinnedCommand, planCpus } from './bench/cpu-pinning';
import { benchBackfill } from './bench/backfill-bench';
import { benchLoadAtScale } from './bench/load-bench';
import { benchStripe } from './bench/stripe-bench';
import { benchZendesk } from './bench/zendesk-bench';
import { benchPartnerFiles } from './bench/partner-files-bench';
import { benchPartnerFilesChain } from './bench/partner-files-chain';
import { loadBenchReport } from './bench/load-bench-report';

const root = path.resolve(__dirname, '..');

const opts = new Command('bench')
  .argument('[suite]', 'orders-db | load | stripe | zendesk | backfill | partner-files | partner-files-chain', 'orders-db')
  .option('--scale <n>', 'backfill: the sandbox scale', '0.1')
  .option('--scales <list>', 'load: sandbox scales, smallest first (ratios are against it)', '1,10')
  .option('--rows <list>', 'table sizes', '1000000,5000000')
  .option('--objects <list>', 'stripe: objects listed per run', '100000,1000000')
  .option('--rps <n>', "stripe: requests per second, the sandbox's limit and the client's (STRIPE_MAX_RPS)", '100')
  .option('--tickets <list>', 'zendesk: tickets exported per run', '10000,100000')
  .option('--rpm <n>', "zendesk: the export budget, requests per minute (the sandbox's and ZENDESK_REQUESTS_PER_MINUTE)", '60')
  .option('--mb <n>', 'partner-files: size of each generated CSV, in MB', '1024')
  .option('--repeat <n>', 'runs per case (the median is reported)', '3')
  .option('--rows-per-part <n>', 'Parquet part size (default: the extractors\' own, NORTHSTAR_ROWS_PER_PART)', String(loadConfig(process.env, false).rowsPerPart))
  .option('--url <url>', 'PostgreSQL server to use', 'postgres://postgres@127.0.0.1:5432/postgres')
  .option('--no-pin', 'let the cases and the server share every CPU')
  .parse(process.argv)
  .opts<{ rows: string; objects: string; rps: string; repeat: string; rowsPerPart: string; url: string; pin: boolean; scales: string; scale: string; mb: string; tickets: string; rpm: string }>();
const suite = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? 'orders-db';

interface CaseResult { kind: string; rows: number; seconds: number; rowsPerSecond: number; peakRssMb: number; serverPinned: boolean; batchScheduled: boolean | string }

const cpus = planCpus(opts.pin);

async function prepareDatabase(adminUrl: string, rows: number): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', ['northstar_bench']);
  if (exists.rowCount === 0) await admin.query('create database northstar_bench');
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/northstar_bench';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  for (const statement of renderStatements(loadSqlTemplate(path.join(__dirname, 'bench/orders-db-bench.sql')), postgresDialect, { params: { rows } })) {
    await client.query(statement.sql, statement.binds as unknown[]);
  }
  await client.end();
  quiesceDisk();
  return url.toString();
}

/**
 * Seeding leaves gigabytes of dirty pages that PostgreSQL's checkpointer and
 * the kernel write out over the next minutes, under the first cases' part
 * writes and fsyncs: CHECKPOINT (in the seed script) and sync first.
 */
function quiesceDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    process.stderr.write('  (sync unavailable: the first cases may meet a busy disk)\n');
  }
}

function runCase(kind: string, url: string): CaseResult {
  const [command, args] = pinnedCommand(cpus, process.execPath, ['--import', 'tsx', path.join(__dirname, 'bench/orders-db-case.ts'), kind, url, opts.rowsPerPart, String(cpus.serverCpu ?? '')]);
  const out = execFileSync(command, args, { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as CaseResult;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  process.stderr.write(`CPUs: ${cpus.description}; parts of ${opts.rowsPerPart} rows\n`);
  const table = [];
  for (const rows of opts.rows.split(',').map(Number)) {
    process.stderr.write(`seeding ${rows} orders...\n`);
    const url = await prepareDatabase(opts.url, rows);
    const results: Record<string, CaseResult[]> = { ceiling: [], extract: [] };
    for (let i = 0; i < Number(opts.repeat); i++) {
      for (const kind of ['ceiling', 'extract']) {
        const r = runCase(kind, url);
        if (r.rows !== rows) throw new Error(`${kind} read ${r.rows} rows, expected ${rows}`);
        results[kind].push(r);
        const unpinned = cpus.serverCpu !== undefined && !r.serverPinned ? ' (its PostgreSQL backend could not be pinned)' : '';
        // Only the extract asks for SCHED_BATCH; say so when it did not get it.
        const unbatched = typeof r.batchScheduled === 'string' ? ` (default CPU scheduling: ${r.batchScheduled})` : '';
        process.stderr.write(`  ${kind}: ${Math.round(r.rowsPerSecond)} rows/s, ${Math.round(r.peakRssMb)} MB${unpinned}${unbatched}\n`);
      }
    }
    // Each extract is compared with the ceiling measured just before it: on a
    // shared machine the speed drifts over minutes, which a ratio of two
    // separate medians would take for the extractor's.
    const ratios = results.extract.map((r, i) => r.rowsPerSecond / results.ceiling[i].rowsPerSecond);
    for (const kind of ['ceiling', 'extract']) {
      const rate = median(results[kind].map((r) => r.rowsPerSecond));
      const ofCeiling = kind === 'ceiling' ? 1 : median(ratios);
      table.push({ rows, path: kind === 'ceiling' ? 'COPY TO STDOUT csv, bytes only' : `extract: COPY csv -> parts of ${opts.rowsPerPart} -> DuckDB -> Parquet -> raw zone`, 'rows/s': Math.round(rate), 'peak RSS MB': Math.round(median(results[kind].map((r) => r.peakRssMb))), 'of ceiling': `${Math.round(ofCeiling * 100)}%` });
    }
    process.stderr.write(`  extract / ceiling, run by run: ${ratios.map((x) => `${Math.round(x * 100)}%`).join(', ')}\n`);
  }
  const report = formatTextTable(table);
  process.stdout.write(`CPUs: ${cpus.description}; parts of ${opts.rowsPerPart} rows\n${report}\n`);
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  writeFileSync(path.join(root, 'tmp', 'bench-orders-db.json'), JSON.stringify(table, null, 2));
}

async function stripeSuite() {
  const rows = [];
  for (const objects of opts.objects.split(',').map(Number)) {
    const load = execFileSync('uptime', { encoding: 'utf8' }).trim();
    const f = await benchStripe(objects, Number(opts.rps), Number(opts.rowsPerPart));
    rows.push({
      objects: f.objects, 'req/s limit': f.requestsPerSecond, 'rows/part': f.rowsPerPart, 'objects/s': f.objectsPerSecond, ceiling: f.ceiling,
      'of ceiling': `${Math.round(f.share * 100)}%`, requests: f.requests, '429s': f.rateLimited, 'peak RSS MB': f.peakRssMb, 'load before': load.replace(/^.*load average: /, ''),
    });
  }
  process.stdout.write(`${formatTextTable(rows)}\n`);
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  writeFileSync(path.join(root, 'tmp', 'bench-stripe.json'), JSON.stringify(rows, null, 2));
}

async function zendeskSuite() {
  const rows = [];
  for (const tickets of opts.tickets.split(',').map(Number)) {
    const load = execFileSync('uptime', { encoding: 'utf8' }).trim();
    const f = await benchZendesk(tickets, Number(opts.rpm), Number(opts.rowsPerPart));
    rows.push({
      tickets: f.tickets, 'req/min budget': f.requestsPerMinute, seconds: Math.round(f.seconds), 'tickets/min': f.ticketsPerMinute, 'budget x 1000': f.requestsPerMinute * 1000,
      'limiter pace': f.paceShare === undefined ? 'one burst' : `${(f.paceShare * 100).toFixed(1)}%`, requests: f.requests, '429s': f.rateLimited, 'peak RSS MB': f.peakRssMb,
      'load before': load.replace(/^.*load average: /, ''),
    });
  }
  process.stdout.write(`${formatTextTable(rows)}\n`);
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  writeFileSync(path.join(root, 'tmp', 'bench-zendesk.json'), JSON.stringify(rows, null, 2));
}

async function loadSuite() {
  const results = [];
  const loads: string[] = [];
  // The machine is shared: the load average beside each scale says how far to trust the figures.
  for (const scale of opts.scales.split(',').map(Number)) {
    loads.push(`scale ${scale}: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
    process.stderr.write(`load: ${loads.at(-1)}\n`);
    results.push(await benchLoadAtScale(opts.url, scale));
  }
  loads.push(`end: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
  process.stdout.write(`${loads.join('\n')}\n${loadBenchReport(results)}\n`);
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  writeFileSync(path.join(root, 'tmp', 'bench-load.json'), JSON.stringify(results, null, 2));
}

async function partnerFilesSuite() {
  const loads = [`CPUs: ${cpus.description}`, `start: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`];
  const rows = await benchPartnerFiles(Number(opts.mb), Number(opts.repeat), cpus);
  loads.push(`end: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
  process.stdout.write(`${loads.join('\n')}\n${formatTextTable(rows.map((r) => ({
    case: r.case, 'CSV MB': r.fileMb, 'gzip MB': r.gzipMb ?? '', rows: r.rows, runs: r.runs,
    'read cpu s': r.readCpuSeconds, 'read MB/s': r.readMbPerSecond, 'read RSS MB': r.readPeakRssMb,
    'extract s': r.extractSeconds, 'extract cpu s': r.extractCpuSeconds, 'extract MB/s': r.extractMbPerCpuSecond, 'extract rows/s': r.extractRowsPerCpuSecond, 'extract RSS MB': r.extractPeakRssMb,
    'duckdb count cpu s': r.duckdbCountCpuSeconds, 'duckdb parquet cpu s': r.duckdbParquetCpuSeconds,
    'extract of count': r.extractShareOfDuckDbCount, 'extract of count (wall)': r.extractWallShareOfDuckDbCount, 'extract of parquet': r.extractShareOfDuckDbParquet, 'read of count': r.readShareOfDuckDbCount,
  })))}\n`);
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  writeFileSync(path.join(root, 'tmp', 'bench-partner-files.json'), JSON.stringify(rows, null, 2));
}

async function partnerFilesChainSuite() {
  const before = execFileSync('uptime', { encoding: 'utf8' }).trim();
  const f = await benchPartnerFilesChain(Number(opts.mb));
  const row = { 'CSV MB': f.fileMb, 'chain s': Math.round(f.seconds), ...Object.fromEntries(Object.entries(f.jobs).map(([job, s]) => [`${job} s`, s])), 'peak RSS MB': f.peakRssMb };
  const models = Object.entries(f.models).filter(([, s]) => s >= 0.1).map(([model, s]) => ({ model, seconds: s }));
  process.stdout.write(`start: ${before}\nend: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}\n${formatTextTable([row])}\n${formatTextTable(models)}\n`);
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  writeFileSync(path.join(root, 'tmp', 'bench-partner-files-chain.json'), JSON.stringify(f, null, 2));
}

async function backfillSuite() {
  const before = execFileSync('uptime', { encoding: 'utf8' }).trim();
  const f = await benchBackfill(opts.url, Number(opts.scale));
  const row = {
    scale: f.scale, orders: f.orders, days: f.days, 'backfill s': Math.round(f.seconds), 'rows loaded': f.rowsLoaded, 'rows/s': Math.round(f.rowsPerSecond), 'peak RSS MB': f.peakRssMb,
    'hourly attempts': f.hourly.attempts, 'hourly waited s': Math.round(f.hourly.waitedSeconds), 'hourly own s': Math.round(f.hourly.ownSeconds),
  };
  process.stdout.write(`start: ${before}\nend: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}\n${formatTextTable([row])}\n`);
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  writeFileSync(path.join(root, 'tmp', 'bench-backfill.json'), JSON.stringify(f, null, 2));
}

(suite === 'zendesk' ? zendeskSuite() : suite === 'partner-files' ? partnerFilesSuite() : suite === 'partner-files-chain' ? partnerFilesChainSuite() : suite === 'stripe' ? stripeSuite() : suite === 'load' ? loadSuite() : suite === 'backfill' ? backfillSuite() : main()).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
