import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { OpenObjectStoreOptions } from './open-object-store';
import { S3ObjectStore } from './s3-object-store';

export interface S3rverHandle {
  /** http://127.0.0.1:<port> */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Options for `openObjectStore(\`s3://${bucket}/prefix\`, storeOptions)`. */
  readonly storeOptions: OpenObjectStoreOptions;
  /** A store on this server under `prefix` (a fresh prefix per test keeps tests apart). */
  openStore(prefix?: string, extra?: { listPageSize?: number; partSizeBytes?: number; maxAttempts?: number }): S3ObjectStore;
  stop(): Promise<void>;
}

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A real S3 endpoint on loopback (s3rver, in a child process) with one bucket,
 * data in a temp directory that `stop` removes.
 */
export async function startS3rver(bucket = 'northstar-test'): Promise<S3rverHandle> {
  const directory = await mkdtemp(path.join(tmpdir(), 'northstar-s3rver-'));
  const script = path.join(__dirname, 's3rver-process.cjs');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', script, directory, bucket], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await readPort(child);
  const endpoint = `http://127.0.0.1:${port}`;
  const storeOptions = { s3Endpoint: endpoint, region: 'us-east-1', credentials, forcePathStyle: true };
  const stores: S3ObjectStore[] = [];
  return {
    endpoint, bucket, region: 'us-east-1', credentials, storeOptions,
    openStore(prefix = '', extra = {}) {
      const store = new S3ObjectStore({ bucket, prefix, endpoint, region: 'us-east-1', credentials, forcePathStyle: true, ...extra });
      stores.push(store);
      return store;
    },
    async stop() {
      for (const store of stores) store.destroy();
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      child.stdin?.end();
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function readPort(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`s3rver exited with code ${code} before listening`)));
    lines.once('line', (line) => {
      const port = (JSON.parse(line) as { port?: unknown }).port;
      if (typeof port === 'number') resolve(port);
      else reject(new Error(`s3rver printed no port: ${line}`));
    });
  });
}
