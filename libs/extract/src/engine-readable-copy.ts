import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ObjectStore } from '@northstar/object-store';
import type { Dialect } from '@northstar/sql';

/** Where the engine reads one raw file, and how to drop the copy made for it. */
export interface EngineReadableCopy {
  readonly location: string;
  release(): Promise<void>;
}

const remoteLocation = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * DuckDB reads the raw zone through the object store: a part in S3 is
 * downloaded to a temporary file first. Reading s3:// itself would need
 * DuckDB's httpfs extension, which DuckDB downloads at first use, and no
 * network beyond the bucket is promised (a locked-down VPC). Snowflake reads
 * its own stage, and a local store's files are read where they lie.
 */
export async function engineReadableCopy(store: ObjectStore, dialect: Dialect, key: string, tempRoot = tmpdir()): Promise<EngineReadableCopy> {
  const location = store.locate(key);
  if (dialect.name !== 'duckdb' || !remoteLocation.test(location)) return { location, release: async () => undefined };
  const dir = await mkdtemp(path.join(tempRoot, 'northstar-raw-part-'));
  const release = () => rm(dir, { recursive: true, force: true });
  try {
    const local = path.join(dir, path.posix.basename(key));
    await store.downloadFile(key, local);
    return { location: local, release };
  } catch (error) {
    await release();
    throw error;
  }
}
