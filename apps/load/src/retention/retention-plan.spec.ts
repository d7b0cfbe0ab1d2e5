import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { extractToRawZone, loadCommittedRuns } from '@northstar/extract';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import type { Model } from '@northstar/models';
import { DataContractError } from '@northstar/core';
import { runRetention } from './retention-job';
import { applyRetention, planRetention } from './retention-plan';

const products = contractFor('orders_db', 'products');
const now = new Date('2026-11-15T00:00:00Z');

/** Two hourly runs of products landed and loaded: one in March 2023 (past 3 years), one in November 2026. */
describe('retention on DuckDB and a local raw zone', () => {
  let dir: string;
  let db: TempDuckDb;
  let store: LocalObjectStore;
  let oldFile: string;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'retention-'));
    const parquet = await ParquetWriter.open({ tempDir: dir });
    db = await openTempDuckDb();
    store = new LocalObjectStore(path.join(dir, 'raw'));
    await ensureWarehouseSchemas(db.warehouse);
    for (const [runId, at, ids] of [['hourly-old', '2023-03-10T07:00:00Z', [1, 2, 3]], ['hourly-new', '2026-11-02T07:00:00Z', [4, 5]]] as const) {
      const scheduledAt = new Date(at);
      const { manifest } = await extractToRawZone(
        {
          contract: products, runId, mode: 'hourly', scheduledAt,
          window: { start: new Date(scheduledAt.getTime() - 3_600_000), end: scheduledAt }, proposedWatermark: scheduledAt,
          openCsv: async function* () { yield ids.map((i) => `${i},SKU-${i},Widget ${i},tools,1.25,EUR,t,${at},${at}\n`).join(''); },
        },
        { store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock: () => scheduledAt },
      );
      if (runId === 'hourly-old') oldFile = manifest.files[0].key;
      await loadCommittedRuns(products, { warehouse: db.warehouse, store, logger: silentLogger(), clock: () => scheduledAt, runId: `load-${runId}` });
    }
    await parquet.close();
  });

  afterEach(async () => {
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = async () => Number((await db.warehouse.query<{ n: number }>({ sql: 'select count(*) as n from raw.orders_db__products', binds: [] }))[0].n);

  it('plans the month past 3 years with its archive check passed, and deletes only it', async () => {
    const plan = await planRetention({ warehouse: db.warehouse, store }, [products], [], now, 3);
    expect(plan.map((i) => [i.table, i.month.label, i.rows, i.files, i.problems])).toEqual([['raw.orders_db__products', '2023-03', 3, 1, []]]);
    expect(await count()).toBe(5);
    expect((await applyRetention(db.warehouse, plan)).map((i) => i.month.label)).toEqual(['2023-03']);
    expect(await count()).toBe(2);
  });

  it('keeps a month whose file is gone from the raw zone, and says why', async () => {
    unlinkSync(store.locate(oldFile));
    const plan = await planRetention({ warehouse: db.warehouse, store }, [products], [], now, 3);
    expect(plan.map((i) => i.problems)).toEqual([[`${oldFile}: missing from the raw zone`]]);
    expect(await applyRetention(db.warehouse, plan)).toEqual([]);
    expect(await count()).toBe(5);
  });

  it('keeps a month whose rows differ from the manifest\'s count', async () => {
    await db.warehouse.run({ sql: 'delete from raw.orders_db__products where product_id = 1', binds: [] });
    const plan = await planRetention({ warehouse: db.warehouse, store }, [products], [], now, 3);
    expect(plan.map((i) => i.problems)).toEqual([[`${oldFile}: the warehouse holds 2 rows, the manifest counts 3`]]);
  });

  describe('a fact table reading the raw table', () => {
    // Stands in for fct_orders: its date column and its upstream are what retention reads of a model.
    const fact = { name: 'fct_orders', layer: 'curated', target: 'curated.fct_orders', dependsOn: ['raw.orders_db__products'], tracks: [] } as unknown as Model;

    beforeEach(async () => {
      await db.warehouse.run({ sql: 'create table curated.fct_orders (order_id bigint, order_date date)', binds: [] });
      await db.warehouse.run({ sql: "insert into curated.fct_orders values (1, date '2023-03-09'), (2, date '2023-03-30'), (3, date '2026-11-01')", binds: [] });
    });

    const facts = async () => Number((await db.warehouse.query<{ n: number }>({ sql: 'select count(*) as n from curated.fct_orders', binds: [] }))[0].n);

    it('deletes its expired month with the raw month it derives from', async () => {
      const plan = await planRetention({ warehouse: db.warehouse, store }, [products], [fact], now, 3);
      expect(plan.map((i) => [i.table, i.month.label, i.rows, i.problems])).toEqual([['raw.orders_db__products', '2023-03', 3, []], ['curated.fct_orders', '2023-03', 2, []]]);
      await applyRetention(db.warehouse, plan);
      expect(await facts()).toBe(1);
    });

    it('keeps its month while that raw month fails its archive check', async () => {
      unlinkSync(store.locate(oldFile));
      const plan = await planRetention({ warehouse: db.warehouse, store }, [products], [fact], now, 3);
      expect(plan.find((i) => i.kind === 'fact')?.problems).toEqual(['raw.orders_db__products 2023-03 fails its archive check']);
      await applyRetention(db.warehouse, plan);
      expect(await facts()).toBe(3);
    });
  });

  describe('runRetention (npm run retention, and the load app\'s monthly --retention job)', () => {
    const printed: string[] = [];
    const run = (dryRun: boolean) => runRetention({ now, hotYears: 3, dryRun }, { warehouse: db.warehouse, store, logger: silentLogger(), out: (text) => printed.push(text) });

    it('a dry run prints the month that would go and deletes nothing; a real run deletes it', async () => {
      await run(true);
      expect(printed.join('')).toMatch(/raw\.orders_db__products\s+2023-03\s+3\s+1\s+would delete/);
      expect(await count()).toBe(5);
      await run(false);
      expect(await count()).toBe(2);
    });

    it('exits 3 (a data contract error) naming the kept months when an archive check fails, deleting nothing of them', async () => {
      unlinkSync(store.locate(oldFile));
      await expect(run(false)).rejects.toThrow(new DataContractError('1 table months kept: their raw-zone files failed the archive check (see above)'));
      expect(await count()).toBe(5);
    });
  });

  it('has nothing to do while every month is within 3 years', async () => {
    expect(await planRetention({ warehouse: db.warehouse, store }, [products], [], new Date('2026-03-01T00:00:00Z'), 3)).toEqual([]);
  });
});
