// `npm run bench -- partner-files [--mb 1024] [--repeat 3]`: on a generated CSV
// of about that size (UTF-8 as northfreight sends it, cp1252 as parcelwave
// does; plain and gzip), the reader's pass (MB/s, rows/s, peak RSS) and the
// whole extractor's run (one pass, spooled rows, Parquet parts, manifest),
// against DuckDB's read_csv of the same file on one thread: counting its
// rows (the ceiling) and writing them to Parquet (the same work's floor).
// Every case is its own process on one CPU (taskset, as the other suites
// pin), repeated with the kinds interleaved, medians reported. The machine
// is shared, so the shares are taken on CPU seconds (the process's, DuckDB's
// threads included) as well as on wall seconds.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { partnerFormatNamed } from '@northstar/contracts';
import { partnerFileBytes, type PartnerShipmentEvent } from '@northstar/sandbox';
import { pinnedCommand, type CpuPlan } from './cpu-pinning';
import { jobProcess } from './job-process';

const root = path.resolve(__dirname, '../..');

/** One case's medians; seconds are wall, cpuSeconds the process's CPU time. */
export interface PartnerFilesBenchRow {
  readonly case: string;
  /** The CSV text's size; gzipMb the compressed object's. */
  readonly fileMb: number;
  readonly gzipMb: number | undefined;
  readonly rows: number;
  readonly runs: number;
  /** The reader's pass. */
  readonly readSeconds: number;
  readonly readCpuSeconds: number;
  readonly readMbPerSecond: number;
  readonly readRowsPerSecond: number;
  readonly readPeakRssMb: number;
  /** The whole extractor: one pass, spool, parts -> Parquet, manifest. MB/s and rows/s on its CPU seconds (one core's worth). */
  readonly extractSeconds: number;
  readonly extractCpuSeconds: number;
  readonly extractMbPerCpuSecond: number;
  readonly extractRowsPerCpuSecond: number;
  readonly extractPeakRssMb: number;
  readonly duckdbCountSeconds: number;
  readonly duckdbCountCpuSeconds: number;
  readonly duckdbParquetSeconds: number;
  readonly duckdbParquetCpuSeconds: number;
  /** DuckDB count CPU / extract CPU: the "share of the ceiling". */
  readonly extractShareOfDuckDbCount: number;
  /** The same on wall seconds. */
  readonly extractWallShareOfDuckDbCount: number;
  /** DuckDB read_csv -> Parquet CPU / extract CPU. */
  readonly extractShareOfDuckDbParquet: number;
  readonly readShareOfDuckDbCount: number;
}

const BLOCK_EVENTS = 5_000;

function event(i: number, partner: PartnerShipmentEvent['partner']): PartnerShipmentEvent {
  const at = new Date(Date.UTC(2026, 10, 2) + (i % 86_400) * 1000).toISOString().replace('Z', '000Z');
  return {
    partner, shipment_id: `SHP-${i}`, order_id: 1_000_000 + i, carrier: partner === 'northfreight' ? 'UPS' : 'Royal Mail', tracking_number: i % 7 ? `1Z${i}` : null,
    status: i % 3 ? 'in_transit' : 'delivered', status_at: at, ship_to_postcode: String(10_000 + (i % 89_999)), weight_kg: `${i % 40}.${String(i % 1000).padStart(3, '0')}`,
  };
}

/** Header once, then blocks of rows in the partner's format until the file reaches `mb`. */
export async function writeCsv(file: string, partner: PartnerShipmentEvent['partner'], mb: number, gzip: boolean): Promise<number> {
  const format = partnerFormatNamed(partner);
  const target = mb * 1024 * 1024;
  let written = 0;
  async function* blocks() {
    for (let block = 0; written < target; block++) {
      const events = Array.from({ length: BLOCK_EVENTS }, (_, i) => event(block * BLOCK_EVENTS + i, partner));
      let bytes = partnerFileBytes(format, events);
      // Every block carries the title and header rows; only the first keeps them.
      if (block > 0) bytes = bytes.subarray(bytes.indexOf('\n', partner === 'parcelwave' ? bytes.indexOf('\n') + 1 : 0) + 1);
      written += bytes.length;
      yield bytes;
    }
  }
  await (gzip ? pipeline(Readable.from(blocks()), createGzip(), createWriteStream(file)) : pipeline(Readable.from(blocks()), createWriteStream(file)));
  return written;
}

interface CaseRun { rows: number; outcome: string; seconds: number; cpuSeconds: number; peakRssMb: number }

function runCase(plan: CpuPlan, mode: 'read' | 'extract' | 'duckdb-count' | 'duckdb-parquet', rawDir: string, key: string, partner: string): CaseRun {
  // DuckDB's own cases run as the extractor's job would too, so neither side has more memory to work with.
  const job = jobProcess('extract-partner-files');
  const [command, args] = pinnedCommand(plan, process.execPath, [...job.nodeFlags, '--import', 'tsx', path.join(__dirname, 'partner-files-case.ts'), mode, rawDir, key, partner]);
  const out = execFileSync(command, args, { cwd: root, env: { ...process.env, ...job.env }, encoding: 'utf8', maxBuffer: 1 << 20 });
  const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as CaseRun;
  if (result.outcome !== 'taken') throw new Error(`partner-files bench: ${mode} of ${key} was ${result.outcome}`);
  // Each run as it ends, so a long bench shows where it is.
  process.stderr.write(`${path.basename(rawDir)} ${mode}: ${JSON.stringify(result)}\n`);
  return result;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

const KINDS = [['utf-8', 'northfreight', false], ['utf-8 gzip', 'northfreight', true], ['cp1252', 'parcelwave', false], ['cp1252 gzip', 'parcelwave', true]] as const;
const MODES = ['duckdb-count', 'duckdb-parquet', 'read', 'extract'] as const;

/** Writes the four files, then runs every mode on every file `repeat` times, kinds and modes interleaved, so the machine's drift falls on all of them. */
export async function benchPartnerFiles(mb: number, repeat: number, plan: CpuPlan, onRow: (row: PartnerFilesBenchRow) => void = () => undefined): Promise<PartnerFilesBenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'partner-bench-'));
  try {
    const files = [];
    for (const [name, partner, gzip] of KINDS) {
      const rawDir = path.join(dir, name.replace(/\W+/g, '-'));
      const key = `partners/${partner}/2026/11/02/drop.csv${gzip ? '.gz' : ''}`;
      const file = path.join(rawDir, key);
      mkdirSync(path.dirname(file), { recursive: true });
      const textBytes = await writeCsv(file, partner, mb, gzip);
      files.push({ name, partner, gzip, rawDir, key, file, textBytes, runs: new Map<string, CaseRun[]>(MODES.map((m) => [m, []])) });
    }
    for (let run = 0; run < repeat; run++) {
      for (const f of files) for (const mode of MODES) f.runs.get(mode)?.push(runCase(plan, mode, f.rawDir, f.key, f.partner));
    }
    return files.map((f) => {
      const fileMb = f.textBytes / 1024 / 1024;
      const m = (mode: string, field: 'seconds' | 'cpuSeconds' | 'peakRssMb') => median((f.runs.get(mode) ?? []).map((r) => r[field]));
      const rows = f.runs.get('extract')?.[0]?.rows ?? 0;
      const row: PartnerFilesBenchRow = {
        case: f.name, fileMb: Math.round(fileMb), gzipMb: f.gzip ? Math.round(statSync(f.file).size / 1024 / 1024) : undefined, rows, runs: repeat,
        readSeconds: round(m('read', 'seconds')), readCpuSeconds: round(m('read', 'cpuSeconds')), readMbPerSecond: round(fileMb / m('read', 'cpuSeconds')),
        readRowsPerSecond: Math.round(rows / m('read', 'cpuSeconds')), readPeakRssMb: m('read', 'peakRssMb'),
        extractSeconds: round(m('extract', 'seconds')), extractCpuSeconds: round(m('extract', 'cpuSeconds')), extractMbPerCpuSecond: round(fileMb / m('extract', 'cpuSeconds')),
        extractRowsPerCpuSecond: Math.round(rows / m('extract', 'cpuSeconds')), extractPeakRssMb: m('extract', 'peakRssMb'),
        duckdbCountSeconds: round(m('duckdb-count', 'seconds')), duckdbCountCpuSeconds: round(m('duckdb-count', 'cpuSeconds')),
        duckdbParquetSeconds: round(m('duckdb-parquet', 'seconds')), duckdbParquetCpuSeconds: round(m('duckdb-parquet', 'cpuSeconds')),
        extractShareOfDuckDbCount: round(m('duckdb-count', 'cpuSeconds') / m('extract', 'cpuSeconds'), 3),
        extractWallShareOfDuckDbCount: round(m('duckdb-count', 'seconds') / m('extract', 'seconds'), 3),
        extractShareOfDuckDbParquet: round(m('duckdb-parquet', 'cpuSeconds') / m('extract', 'cpuSeconds'), 3),
        readShareOfDuckDbCount: round(m('duckdb-count', 'cpuSeconds') / m('read', 'cpuSeconds'), 3),
      };
      onRow(row);
      return row;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
