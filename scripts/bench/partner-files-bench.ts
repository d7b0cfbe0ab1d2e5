// `npm run bench -- partner-files [--mb 1024]`: on a generated CSV of about
// that size (UTF-8 as northfreight sends it, cp1252 as parcelwave does; plain
// and gzip), the reader's pass (MB/s, rows/s, peak RSS) and the whole
// extractor's run (both passes, Parquet parts, manifest), against DuckDB's
// read_csv of the same file on one thread as the ceiling.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { partnerFormatNamed } from '@northstar/contracts';
import { partnerFileBytes, type PartnerShipmentEvent } from '@northstar/sandbox';
import { DuckDbWarehouse } from '@northstar/warehouse';

const root = path.resolve(__dirname, '../..');

export interface PartnerFilesBenchRow {
  readonly case: string;
  /** The CSV text's size; gzipMb the compressed object's. */
  readonly fileMb: number;
  readonly gzipMb: number | undefined;
  readonly rows: number;
  /** The reader's first pass. */
  readonly seconds: number;
  readonly mbPerSecond: number;
  readonly rowsPerSecond: number;
  readonly peakRssMb: number;
  /** The whole extractor: both passes, parts -> Parquet, manifest. */
  readonly extractSeconds: number;
  readonly extractRowsPerSecond: number;
  readonly extractPeakRssMb: number;
  readonly duckdbSeconds: number;
  readonly shareOfDuckDb: number;
  readonly extractShareOfDuckDb: number;
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
async function writeCsv(file: string, partner: PartnerShipmentEvent['partner'], mb: number, gzip: boolean): Promise<number> {
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

async function duckDbSeconds(file: string, partner: string): Promise<number> {
  const warehouse = await DuckDbWarehouse.open(':memory:');
  try {
    await warehouse.run({ sql: 'set threads = 1', binds: [] });
    const options = partner === 'parcelwave' ? "delim = ';', skip = 1, encoding = 'latin-1', decimal_separator = ','" : "delim = ','";
    const started = process.hrtime.bigint();
    await warehouse.query({ sql: `select count(*) as n from read_csv('${file.replace(/'/g, "''")}', header = true, ${options})`, binds: [] });
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await warehouse.close();
  }
}

function runCase(mode: 'read' | 'extract', rawDir: string, key: string, partner: string): { rows: number; outcome: string; seconds: number; peakRssMb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'partner-files-case.ts'), mode, rawDir, key, partner], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
  const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { rows: number; outcome: string; seconds: number; peakRssMb: number };
  if (result.outcome !== 'taken') throw new Error(`partner-files bench: ${mode} of ${key} was ${result.outcome}`);
  return result;
}

export async function benchPartnerFiles(mb: number): Promise<PartnerFilesBenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'partner-bench-'));
  const rows: PartnerFilesBenchRow[] = [];
  try {
    for (const [name, partner, gzip] of [['utf-8', 'northfreight', false], ['utf-8 gzip', 'northfreight', true], ['cp1252', 'parcelwave', false], ['cp1252 gzip', 'parcelwave', true]] as const) {
      const rawDir = path.join(dir, 'raw');
      const key = `partners/${partner}/2026/11/02/drop.csv${gzip ? '.gz' : ''}`;
      const file = path.join(rawDir, key);
      mkdirSync(path.dirname(file), { recursive: true });
      const textBytes = await writeCsv(file, partner, mb, gzip);
      const read = runCase('read', rawDir, key, partner);
      const extract = runCase('extract', rawDir, key, partner);
      const duckdb = await duckDbSeconds(file, partner);
      // MB/s of CSV text, also for gzip objects.
      const fileMb = textBytes / 1024 / 1024;
      rows.push({
        case: name, fileMb: Math.round(fileMb), gzipMb: gzip ? Math.round(statSync(file).size / 1024 / 1024) : undefined, rows: read.rows, seconds: Number(read.seconds.toFixed(1)),
        mbPerSecond: Number((fileMb / read.seconds).toFixed(1)), rowsPerSecond: Math.round(read.rows / read.seconds), peakRssMb: read.peakRssMb,
        extractSeconds: Number(extract.seconds.toFixed(1)), extractRowsPerSecond: Math.round(extract.rows / extract.seconds), extractPeakRssMb: extract.peakRssMb,
        duckdbSeconds: Number(duckdb.toFixed(1)), shareOfDuckDb: Number((duckdb / read.seconds).toFixed(2)), extractShareOfDuckDb: Number((duckdb / extract.seconds).toFixed(2)),
      });
      rmSync(rawDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
