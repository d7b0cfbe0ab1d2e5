// `npm run bench -- partner-files [--mb 1024]`: the partner-file reader's MB/s
// and rows/s on a generated CSV of about that size (UTF-8 as northfreight
// sends it, cp1252 as parcelwave does; plain and gzip), its peak RSS, and
// DuckDB's read_csv of the same file on one thread as the ceiling.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
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
  readonly seconds: number;
  readonly mbPerSecond: number;
  readonly rowsPerSecond: number;
  readonly peakRssMb: number;
  readonly duckdbSeconds: number;
  readonly shareOfDuckDb: number;
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

export async function benchPartnerFiles(mb: number): Promise<PartnerFilesBenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'partner-bench-'));
  const rows: PartnerFilesBenchRow[] = [];
  try {
    for (const [name, partner, gzip] of [['utf-8', 'northfreight', false], ['utf-8 gzip', 'northfreight', true], ['cp1252', 'parcelwave', false], ['cp1252 gzip', 'parcelwave', true]] as const) {
      const file = path.join(dir, `${partner}.csv${gzip ? '.gz' : ''}`);
      const textBytes = await writeCsv(file, partner, mb, gzip);
      const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'partner-files-case.ts'), file, partner], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
      const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { rows: number; seconds: number; peakRssMb: number };
      const duckdb = await duckDbSeconds(file, partner);
      // MB/s of CSV text, also for gzip objects.
      const fileMb = textBytes / 1024 / 1024;
      rows.push({
        case: name, fileMb: Math.round(fileMb), gzipMb: gzip ? Math.round(statSync(file).size / 1024 / 1024) : undefined, rows: result.rows, seconds: Number(result.seconds.toFixed(1)),
        mbPerSecond: Number((fileMb / result.seconds).toFixed(1)), rowsPerSecond: Math.round(result.rows / result.seconds), peakRssMb: result.peakRssMb,
        duckdbSeconds: Number(duckdb.toFixed(1)), shareOfDuckDb: Number((duckdb / result.seconds).toFixed(2)),
      });
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
