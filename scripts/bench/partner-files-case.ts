// One case of `npm run bench -- partner-files`, in its own process so its peak
// RSS is its own, printed as JSON. `read`: the reader's first pass over one
// partner file (bytes -> gunzip -> decode -> CSV records -> mapped and typed
// rows). `extract`: the whole extractor over the raw zone holding that file
// (both passes, parts, Parquet, manifest), as extract-partner-files runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { partnerFormatNamed, partnerFormats } from '@northstar/contracts';
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
  const tempDir = mkdtempSync(path.join(rawDir, '..', 'extract-'));
  const warehouse = await DuckDbWarehouse.open(path.join(tempDir, 'warehouse.duckdb'));
  const parquet = await ParquetWriter.open({ tempDir, threads: 1 });
  try {
    await ensureWarehouseSchemas(warehouse);
    const clock = () => new Date('2026-11-02T12:00:00Z');
    const result = await extractPartnerFiles({ mode: 'hourly', scheduledAt: clock(), runId: 'bench' }, {
      store, warehouse, parquet, formats: partnerFormats, maskKey: 'bench-key', logger: silentLogger(), clock, tempDir,
      rowsPerPart: 250_000, config: { initialStart: new Date('2026-11-01T00:00:00Z'), lookbackMs: 3_600_000, safetyLagMs: 300_000 },
    });
    return { rows: result.manifest.rowCount, outcome: result.quarantined.length > 0 ? 'quarantined' : 'taken' };
  } finally {
    await parquet.close();
    await warehouse.close();
    rmSync(tempDir, { recursive: true, force: true });
    rmSync(path.join(rawDir, 'partner_files'), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [mode, rawDir, key, partner] = process.argv.slice(2);
  const started = process.hrtime.bigint();
  const { rows, outcome } = await measure(mode, rawDir, key, partner);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${JSON.stringify({ rows, outcome, seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

void main();
