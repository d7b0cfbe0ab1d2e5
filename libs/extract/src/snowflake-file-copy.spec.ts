import { DataContractError } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { snowflakeDialect, type RenderedSql } from '@northstar/sql';
import type { Row, WarehouseSession } from '@northstar/warehouse';
import type { ManifestFile, RunManifest } from './run-manifest';
import { copyManifestFiles } from './snowflake-file-copy';

const orders = contractFor('orders_db', 'orders');
const manifest = { source: 'orders_db', entity: 'orders', runId: 'backfill-20261101', extractedAt: '2026-11-02T07:00:00.000Z' } as RunManifest;
const files: ManifestFile[] = Array.from({ length: 1001 }, (_, i) => ({
  key: `orders_db/orders/load_date=2026-11-01/hour=00/run=backfill-20261101/part-${String(i).padStart(5, '0')}-a1.parquet`,
  rows: 10,
  bytes: 100,
  sha256: 'x',
}) as ManifestFile);

/** A Snowflake session answering each COPY with one line per file in its `files` list, as `answer` says. */
function session(answer: (key: string) => Row[] = (key) => [{ file: `s3://bucket/raw/${key}`, status: 'LOADED', rows_loaded: '10' }]) {
  const copies: string[] = [];
  const fake: WarehouseSession = {
    dialect: snowflakeDialect,
    run: async () => undefined,
    query: async <T extends Row>(statement: RenderedSql) => {
      copies.push(statement.sql);
      const keys = [...(/files = \((.*)\)/.exec(statement.sql)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
      return keys.flatMap(answer) as T[];
    },
  };
  return { fake, copies };
}

const copy = (s: WarehouseSession, only = files) =>
  copyManifestFiles(s, orders, { manifest, files: only, loadedAt: new Date('2026-11-02T07:30:00Z') }, async (e) => e as Error);

describe('copyManifestFiles (Snowflake)', () => {
  it('loads 1,001 files in two COPY statements (1,000 and 1), each row\'s file from metadata$filename', async () => {
    const { fake, copies } = session();
    await copy(fake);
    expect(copies).toHaveLength(2);
    expect(copies.map((sql) => (sql.match(/part-\d+-a1\.parquet'/g) ?? []).length)).toEqual([1000, 1]);
    expect(copies[0]).toContain("regexp_substr(metadata$filename, 'orders_db/orders/.*$')");
  });

  it('fails by name when the COPY loaded fewer rows of a file than its manifest counts', async () => {
    const { fake } = session((key) => [{ file: key, status: 'LOADED', rows_loaded: key.includes('part-00003-') ? '9' : '10' }]);
    const error = await copy(fake, files.slice(0, 5)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DataContractError);
    expect((error as Error).message).toBe(`orders_db/orders run backfill-20261101, file ${files[3].key}: its manifest counts 10 rows but the COPY loaded 9; nothing of the run is loaded`);
  });

  it('fails when a file is reported twice, not loaded, or not asked for', async () => {
    const twice = session((key) => [{ file: key, status: 'LOADED', rows_loaded: '10' }, { file: key, status: 'LOADED', rows_loaded: '10' }]);
    await expect(copy(twice.fake, files.slice(0, 1))).rejects.toThrow(/the COPY reported it 2 times/);
    const failed = session((key) => [{ file: key, status: 'LOAD_FAILED', rows_loaded: '0', first_error: 'bad' }]);
    await expect(copy(failed.fake, files.slice(0, 1))).rejects.toThrow(/the COPY reported it LOAD_FAILED \(bad\)/);
    const extra = session((key) => [{ file: key, status: 'LOADED', rows_loaded: '10' }, { file: 'orders_db/orders/other.parquet', status: 'LOADED', rows_loaded: '1' }]);
    await expect(copy(extra.fake, files.slice(0, 1))).rejects.toThrow(/loaded files it was not given \(orders_db\/orders\/other\.parquet\)/);
  });
});
