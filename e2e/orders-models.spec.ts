import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { extractToRawZone, loadCommittedRuns } from '@northstar/extract';
import { loadModelCatalog, runModels } from '@northstar/models';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';

const orders = contractFor('orders_db', 'orders');

/** One orders CSV line in contract column order. */
function order(id: number | null, status: string, total: string, updatedAt: string): string {
  return [id ?? '', 7, status, 'EUR', total, '0.00', '0.00', total, '2026-11-02 05:00:00.000001+00', '', '', '', '', '2026-11-02 05:00:00.000001+00', updatedAt].join(',') + '\n';
}

describe('orders slice: raw load, staging and fct_orders on DuckDB', () => {
  let dir: string;
  let db: TempDuckDb;
  let store: LocalObjectStore;
  let parquet: ParquetWriter;
  let tick = 0;
  const clock = () => new Date(Date.UTC(2026, 10, 2, 8, 0, 0, ++tick));
  const models = loadModelCatalog();

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'slice-'));
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    store = new LocalObjectStore(path.join(dir, 'raw'));
    parquet = await ParquetWriter.open({ tempDir: dir });
  });

  afterEach(async () => {
    await parquet.close();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function land(runId: string, hour: string, csv: string) {
    const at = new Date(`2026-11-02T${hour}:00:00Z`);
    await extractToRawZone(
      { contract: orders, runId, mode: 'hourly', scheduledAt: at, window: { start: new Date(at.getTime() - 7_200_000), end: at }, proposedWatermark: at, openCsv: async function* () { yield csv; } },
      { store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock },
    );
  }

  async function loadAndModel(runId: string) {
    const deps = { warehouse: db.warehouse, store, logger: silentLogger(), clock, runId };
    const raw = await loadCommittedRuns(orders, deps);
    const ran = await runModels(models, deps);
    return { raw, ran };
  }

  const query = <T extends Record<string, unknown>>(sql: string) => db.warehouse.query<T>({ sql, binds: [] });
  const curated = () => query<{ order_id: number; order_status: string; total_amount: string; _merged_at: string }>('select order_id, order_status, total_amount, _merged_at from curated.fct_orders order by order_id');

  it('keeps the latest version per order, whatever order the versions arrive in, and counts duplicates once', async () => {
    await land('r1', '07',
      order(1, 'paid', '10.00', '2026-11-02 06:10:00.000002+00') +
      order(1, 'pending', '10.00', '2026-11-02 06:00:00.000001+00') + // an older version, later in the file
      order(2, 'paid', '20.50', '2026-11-02 06:20:00+00') +
      order(2, 'paid', '20.50', '2026-11-02 06:20:00+00') + // an exact duplicate row
      order(null, 'paid', '99.00', '2026-11-02 06:30:00+00'));
    const { raw } = await loadAndModel('r1');
    expect(raw.rowsLoaded).toBe(5);
    expect(await curated()).toEqual([
      expect.objectContaining({ order_id: 1, order_status: 'paid', total_amount: '10.00' }),
      expect.objectContaining({ order_id: 2, order_status: 'paid', total_amount: '20.50' }),
    ]);
    const [quarantined] = await query<{ n: number }>("select count(*) as n from ops.quarantine where reason like 'order_id is null%'");
    expect(quarantined.n).toBe(1);
  });

  it('never lets an older version that arrives later overwrite a newer one', async () => {
    await land('r1', '07', order(1, 'shipped', '10.00', '2026-11-02 06:50:00+00'));
    await loadAndModel('r1');
    await land('r2', '08', order(1, 'paid', '10.00', '2026-11-02 06:10:00+00'));
    await loadAndModel('r2');
    expect((await curated())[0]).toMatchObject({ order_id: 1, order_status: 'shipped' });
  });

  it('replaying a run changes nothing: files load once, curated rows stay byte for byte', async () => {
    await land('r1', '07', order(1, 'paid', '10.00', '2026-11-02 06:10:00+00') + order(2, 'paid', '5.00', '2026-11-02 06:11:00+00'));
    await loadAndModel('r1');
    const before = await curated();
    const again = await loadAndModel('r1');
    expect(again.raw.filesLoaded).toBe(0);
    expect(again.ran.filter((r) => r.status !== 'up-to-date')).toEqual([]);
    expect(await curated()).toEqual(before);
    const [raw] = await query<{ n: number }>('select count(*) as n from raw.orders_db__orders');
    expect(raw.n).toBe(2);
  });

  it('a later hour rewrites exactly the orders that changed', async () => {
    await land('r1', '07', order(1, 'paid', '10.00', '2026-11-02 06:10:00+00') + order(2, 'paid', '5.00', '2026-11-02 06:11:00+00') + order(3, 'paid', '7.00', '2026-11-02 06:12:00+00'));
    await loadAndModel('r1');
    const before = new Map((await curated()).map((r) => [r.order_id, r]));
    // the overlap re-reads order 2 unchanged; order 3 moves on; order 4 is new
    await land('r2', '08', order(2, 'paid', '5.00', '2026-11-02 06:11:00+00') + order(3, 'shipped', '7.00', '2026-11-02 07:05:00+00') + order(4, 'pending', '1.00', '2026-11-02 07:06:00+00'));
    await loadAndModel('r2');
    const after = await curated();
    const changed = after.filter((r) => JSON.stringify(r) !== JSON.stringify(before.get(r.order_id))).map((r) => r.order_id);
    expect(changed).toEqual([3, 4]);
  });

  it('moves the watermark with the load, never backwards', async () => {
    await land('r2', '08', order(1, 'paid', '10.00', '2026-11-02 07:10:00+00'));
    await loadAndModel('r2');
    await land('r1', '07', order(2, 'paid', '10.00', '2026-11-02 06:10:00+00'));
    await loadAndModel('r1');
    const [wm] = await query<{ watermark: string }>("select watermark from ops.watermarks where source = 'orders_db' and entity = 'orders'");
    expect(wm.watermark).toBe('2026-11-02T08:00:00Z');
  });
});
