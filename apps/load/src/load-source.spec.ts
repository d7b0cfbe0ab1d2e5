import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { extractToRawZone } from '@northstar/extract';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { SnowflakeWarehouse } from '@northstar/warehouse';
import { fakeSnowflakeColumn, RecordingSnowflakeConnection } from '@northstar/warehouse/testing';
import { loadSource } from './load-source';

const products = contractFor('orders_db', 'products');

describe('loadSource on Snowflake (a recording connection)', () => {
  let dir: string;
  let parquet: ParquetWriter;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'load-source-'));
    parquet = await ParquetWriter.open({ tempDir: dir });
  });

  afterEach(async () => {
    await parquet.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies raw files from the stage SNOWFLAKE_RAW_STAGE names', async () => {
    const store = new LocalObjectStore(path.join(dir, 'raw'));
    const clock = () => new Date('2026-11-02T07:30:00Z');
    const { manifest } = await extractToRawZone(
      {
        contract: products, runId: 'hourly-1', mode: 'hourly', scheduledAt: new Date('2026-11-02T07:00:00Z'),
        window: { start: new Date('2026-11-02T05:00:00Z'), end: new Date('2026-11-02T06:59:00Z') },
        proposedWatermark: new Date('2026-11-02T06:59:00Z'),
        openCsv: async function* () { yield '1,SKU-1,Widget 1,tools,1.25,EUR,t,2026-11-02 06:00:00+00,2026-11-02 06:30:00+00\n'; },
      },
      { store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock },
    );
    const [file] = manifest.files;
    // Snowflake holds what the COPY loaded: the file's one row.
    const connection = new RecordingSnowflakeConnection((s) =>
      s.sql.includes('count(*) as row_count') ? { columns: [fakeSnowflakeColumn('SOURCE_FILE', 'text'), fakeSnowflakeColumn('ROW_COUNT', 'fixed')], rows: [[file.key, '1']] } : undefined,
    );
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());

    await loadSource([products], [], { warehouse, store, logger: silentLogger(), clock, runId: 'load-1', rawStage: 'ops.northstar_raw' });

    const copies = connection.statements.filter((s) => s.sql.includes('copy into raw.orders_db__products'));
    expect(copies.map((s) => /from @(\S+)/.exec(s.sql)?.[1])).toEqual(['ops.northstar_raw']);
  });
});
