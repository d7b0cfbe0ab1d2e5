// One case of `npm run bench -- partner-files`, in its own process so its peak
// RSS and CPU time are its own (DuckDB's threads included), printed as JSON.
// `read`: the reader's pass over one partner file without keeping rows
// (bytes -> gunzip -> decode -> CSV records -> mapped and typed rows).
// `extract`: the whole extractor over the raw zone holding that file (one
// pass, spooled rows, parts, Parquet, manifest), as extract-partner-files
// runs it (parts capped as its main caps them). `duckdb-count` and `duckdb-parquet`: DuckDB's read_csv of the same
// file on one thread, counting its rows (the ceiling) or writing them to one
// Parquet file with the project's Parquet settings (the same work's floor).
import { mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { partnerFilesSource, partnerFormatNamed, partnerFormats, rowsPerPartOf } from '@northstar/contracts';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { DuckDbWarehouse, ensureWarehouseSchemas } from '@northstar/warehouse';
import { extractPartnerFiles } from '../../apps/extract-partner-files/src/extract-partner-files';
import { readPartnerFile } from '../../apps/extract-partner-files/src/partner-file-reader';

/** `rawDir` holds the file at `key` (partners/<partner>/...). */
async function measure(mode: string, rawDir: string, key: string, partner: string): Promise<{ rows: number; outcome: string }> {
  const store = new LocalObjectStore(rawDir);
  if (mode === 'read') {
    const verdict = await readPartnerFile(() => store.openRead(key), key, partnerFormatNamed(partner), 'bench-key');
    return { rows: verdict.rowsTaken + verdict.rowsRejected, outcome: verdict.outcome };
  }
  if (mode === 'duckdb-count' || mode === 'duckdb-parquet') return { rows: await duckDbReadCsv(path.join(rawDir, key), partner, mode), outcome: 'taken' };
  const tempDir = mkdtempSync(path.join(rawDir, '..', 'extract-'));
  const warehouse = await DuckDbWarehouse.open(path.join(tempDir, 'warehouse.duckdb'));
  const parquet = await ParquetWriter.open({ tempDir, threads: 1 });
  try {
    await ensureWarehouseSchemas(warehouse);
    const clock = () => new Date('2026-11-02T12:00:00Z');
    const result = await extractPartnerFiles({ mode: 'hourly', scheduledAt: clock(), runId: 'bench' }, {
      store, warehouse, parquet, formats: partnerFormats, maskKey: 'bench-key', logger: silentLogger(), clock, tempDir,
      rowsPerPart: rowsPerPartOf(partnerFilesSource, 250_000), config: { initialStart: new Date('2026-11-01T00:00:00Z'), lookbackMs: 3_600_000, safetyLagMs: 300_000 },
    });
    return { rows: result.manifest.rowCount, outcome: result.quarantined.length > 0 ? 'quarantined' : 'taken' };
  } finally {
    await parquet.close();
    await warehouse.close();
    rmSync(tempDir, { recursive: true, force: true });
    rmSync(path.join(rawDir, 'partner_files'), { recursive: true, force: true });
  }
}

async function duckDbReadCsv(file: string, partner: string, mode: string): Promise<number> {
  const warehouse = await DuckDbWarehouse.open(':memory:');
  const parquetPath = `${file}.duckdb.parquet`;
  try {
    await warehouse.run({ sql: 'set threads = 1', binds: [] });
    const options = partner === 'parcelwave' ? "delim = ';', skip = 1, encoding = 'latin-1', decimal_separator = ','" : "delim = ','";
    const read = `read_csv('${file.replace(/'/g, "''")}', header = true, ${options})`;
    if (mode === 'duckdb-count') return Number((await warehouse.query({ sql: `select count(*) as n from ${read}`, binds: [] }))[0]?.['n']);
    const copied = await warehouse.query({
      sql: `copy (select * from ${read}) to '${parquetPath}' (format parquet, compression zstd, row_group_size 122880, parquet_version v1, dictionary_size_limit 2048, return_stats)`,
      binds: [],
    });
    return copied.reduce((sum, row) => sum + Number(row['count']), 0);
  } finally {
    await warehouse.close();
    rmSync(parquetPath, { force: true });
  }
}

async function main(): Promise<void> {
  const [mode, rawDir, key, partner] = process.argv.slice(2);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const { rows, outcome } = await measure(mode, rawDir, key, partner);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(`${JSON.stringify({ rows, outcome, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

void main();
