import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { duckdbDialect, snowflakeDialect } from '@northstar/sql';
import { startS3rver, type S3rverHandle } from '@northstar/object-store/testing';
import { LocalObjectStore, ObjectNotFoundError } from '@northstar/object-store';
import { engineReadableCopy } from './engine-readable-copy';

describe('engineReadableCopy', () => {
  let server: S3rverHandle;

  beforeAll(async () => {
    server = await startS3rver();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('downloads an s3:// part for DuckDB to a temp file, removed on release', async () => {
    const store = server.openStore('copy/raw');
    await store.putText('orders_db/orders/run=r/part-00000-ab12cd34.parquet', 'parquet bytes');
    const copy = await engineReadableCopy(store, duckdbDialect, 'orders_db/orders/run=r/part-00000-ab12cd34.parquet');
    expect(copy.location).not.toMatch(/^s3:/);
    expect(copy.location.endsWith('part-00000-ab12cd34.parquet')).toBe(true);
    expect(await readFile(copy.location, 'utf8')).toBe('parquet bytes');
    await copy.release();
    expect(existsSync(copy.location)).toBe(false);
  });

  it('leaves nothing behind when the object is gone', async () => {
    const store = server.openStore('copy/raw');
    const root = await mkdtemp(path.join(tmpdir(), 'northstar-copy-'));
    try {
      await expect(engineReadableCopy(store, duckdbDialect, 'gone/part-00000.parquet', root)).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect(await readdir(root)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('copies nothing for Snowflake (its stage) or a local store (read in place)', async () => {
    const s3 = server.openStore('copy/raw');
    expect((await engineReadableCopy(s3, snowflakeDialect, 'a/part.parquet')).location).toBe(s3.locate('a/part.parquet'));
    const local = new LocalObjectStore('/tmp/northstar-nowhere');
    expect((await engineReadableCopy(local, duckdbDialect, 'a/part.parquet')).location).toBe('/tmp/northstar-nowhere/a/part.parquet');
  });
});
