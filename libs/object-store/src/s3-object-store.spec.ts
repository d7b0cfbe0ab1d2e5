import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { ExitCode, exitCodeFor } from '@northstar/core';
import { describeObjectStore } from './object-store.suite';
import { S3ObjectStore } from './s3-object-store';
import { startS3rver, type S3rverHandle } from './testing';

let server: S3rverHandle;
let count = 0;

beforeAll(async () => {
  server = await startS3rver();
});
afterAll(async () => {
  await server?.stop();
});

// A small page size makes every multi-page listing follow continuation tokens.
describeObjectStore('S3ObjectStore (s3rver)', async () => server.openStore(`suite-${++count}/raw`, { listPageSize: 5, partSizeBytes: 5 * 1024 * 1024 }));

/** A client that counts the commands it sends, by name. */
function countingClient(counts: Map<string, number>): S3Client {
  const client = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: server.credentials, forcePathStyle: true });
  client.middlewareStack.add((next, context) => async (args) => {
    counts.set(context.commandName ?? '?', (counts.get(context.commandName ?? '?') ?? 0) + 1);
    return next(args);
  }, { step: 'initialize', name: 'countCommands' });
  return client;
}

describe('S3ObjectStore', () => {
  it('locates keys as s3://bucket/prefix/key and keeps prefixes apart', async () => {
    const a = server.openStore('tenant-a');
    const b = server.openStore('tenant-b');
    await a.putText('x/one.txt', '1');
    await b.putText('x/two.txt', '2');
    expect(a.locate('x/one.txt')).toBe(`s3://${server.bucket}/tenant-a/x/one.txt`);
    expect((await a.list('')).map((o) => o.key)).toEqual(['x/one.txt']);
    expect(await b.getText('x/one.txt')).toBeUndefined();
    const root = server.openStore('');
    expect(root.url).toBe(`s3://${server.bucket}`);
    expect((await root.list('tenant-')).map((o) => o.key)).toEqual(['tenant-a/x/one.txt', 'tenant-b/x/two.txt']);
  });

  it('follows continuation tokens until the listing is complete', async () => {
    const counts = new Map<string, number>();
    const store = new S3ObjectStore({ bucket: server.bucket, prefix: 'paged', client: countingClient(counts), listPageSize: 4 });
    const keys = Array.from({ length: 10 }, (_, i) => `p/${i}.txt`);
    await Promise.all(keys.map((key) => store.putText(key, key)));
    expect((await store.list('p/')).map((o) => o.key)).toEqual([...keys].sort());
    expect(counts.get('ListObjectsV2Command')).toBe(3);
    store.destroy();
  });

  it('refuses a listing a server says is truncated without saying where it goes on, instead of ending it early', async () => {
    const client = { send: async () => ({ IsTruncated: true, Contents: [{ Key: 'a/1', Size: 1 }] }), destroy: () => undefined } as unknown as S3Client;
    const store = new S3ObjectStore({ bucket: 'b', client });
    await expect(store.list('a/')).rejects.toThrow('S3 list of s3://b/a/: the server says the listing is truncated after 1 keys but gave no continuation token');
  });

  it('sends big files as a multipart upload and small ones in one request', async () => {
    const counts = new Map<string, number>();
    const store = new S3ObjectStore({ bucket: server.bucket, prefix: 'multipart', client: countingClient(counts), partSizeBytes: 5 * 1024 * 1024 });
    const dir = await mkdtemp(path.join(tmpdir(), 'northstar-s3-mp-'));
    try {
      await writeFile(path.join(dir, 'big.bin'), Buffer.alloc(11 * 1024 * 1024, 1));
      await writeFile(path.join(dir, 'small.bin'), 'small');
      await store.putFile('big.bin', path.join(dir, 'big.bin'));
      await store.putFile('small.bin', path.join(dir, 'small.bin'));
      expect(counts.get('UploadPartCommand')).toBe(3);
      expect(counts.get('CompleteMultipartUploadCommand')).toBe(1);
      expect(counts.get('PutObjectCommand')).toBe(1);
      expect(await store.list('')).toEqual([{ key: 'big.bin', size: 11 * 1024 * 1024 }, { key: 'small.bin', size: 5 }]);
    } finally {
      store.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports an unreachable endpoint as transient (exit code 75) after the SDK retries', async () => {
    const store = new S3ObjectStore({
      bucket: 'b', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: server.credentials, forcePathStyle: true, maxAttempts: 2,
    });
    const failure = await store.getText('k.txt').catch((error: unknown) => error);
    expect(exitCodeFor(failure)).toBe(ExitCode.transient);
    store.destroy();
  });

  it('reports a missing bucket as a configuration error (exit code 2)', async () => {
    const store = server.openStore('');
    const wrong = new S3ObjectStore({ bucket: 'no-such-bucket', endpoint: server.endpoint, region: 'us-east-1', credentials: server.credentials, forcePathStyle: true });
    await expect(store.exists('x')).resolves.toBe(false);
    const failure = await wrong.putText('k.txt', 'x').catch((error: unknown) => error);
    expect(exitCodeFor(failure)).toBe(ExitCode.badInput);
    wrong.destroy();
  });

  it('never reads a missing bucket as a missing object: a run must not take it for "not committed yet"', async () => {
    const wrong = new S3ObjectStore({ bucket: 'no-such-bucket', endpoint: server.endpoint, region: 'us-east-1', credentials: server.credentials, forcePathStyle: true });
    const read = await wrong.getText('orders_db/orders/_manifest.json').catch((error: unknown) => error);
    expect(exitCodeFor(read)).toBe(ExitCode.badInput);
    const download = await wrong.downloadFile('k.txt', path.join(tmpdir(), `never-${process.pid}`)).catch((error: unknown) => error);
    expect(exitCodeFor(download)).toBe(ExitCode.badInput);
    wrong.destroy();
  });

  it('sends If-None-Match: * on a conditional put and reads 412 as "already there", retrying a 409 conflict', async () => {
    const answers: unknown[] = [
      Object.assign(new Error('not found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }),
      Object.assign(new Error('conflict'), { name: 'ConditionalRequestConflict', $metadata: { httpStatusCode: 409 } }),
      Object.assign(new Error('precondition'), { name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } }),
    ];
    const sent: { name: string; ifNoneMatch?: string }[] = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: { IfNoneMatch?: string } }) => {
        sent.push({ name: command.constructor.name, ifNoneMatch: command.input.IfNoneMatch });
        throw answers.shift();
      },
      destroy: () => undefined,
    } as unknown as S3Client;
    const store = new S3ObjectStore({ bucket: 'b', client });
    expect(await store.putIfAbsent('run/_manifest.json', '{}')).toBe(false);
    expect(sent).toEqual([
      { name: 'HeadObjectCommand', ifNoneMatch: undefined },
      { name: 'PutObjectCommand', ifNoneMatch: '*' },
      { name: 'PutObjectCommand', ifNoneMatch: '*' },
    ]);
  });
});
