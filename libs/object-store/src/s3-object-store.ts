import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { withRetry } from '@northstar/core';
import { assertObjectKey, assertObjectPrefix } from './assert-object-key';
import { classifyS3Error } from './classify-s3-error';
import { compareKeys, type ObjectInfo, type ObjectStore, type ObjectVersion } from './object-store';
import { ObjectNotFoundError } from './object-store-errors';

export interface S3ObjectStoreOptions {
  readonly bucket: string;
  /** Key prefix inside the bucket, without leading or trailing '/'; '' for the bucket root. */
  readonly prefix?: string;
  readonly region?: string;
  /** An S3-compatible endpoint (tests, MinIO); AWS itself needs none. */
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly forcePathStyle?: boolean;
  /** Attempts per request, retried by the SDK's own standard retry strategy. Default 5. */
  readonly maxAttempts?: number;
  /** Keys per ListObjectsV2 page (S3 caps it at 1000). */
  readonly listPageSize?: number;
  /** Multipart part size in bytes (S3 minimum 5 MiB). Upload buffers at most partSize x uploadQueueSize. */
  readonly partSizeBytes?: number;
  readonly uploadQueueSize?: number;
  /** A ready client (shared connection pool, test instrumentation); the options above that configure one are then ignored. */
  readonly client?: S3Client;
}

const mib = 1024 * 1024;

/** A missing object, not a missing bucket: that one is a setup mistake (exit 2), never "not written yet". */
function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (e?.name === 'NoSuchBucket') return false;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

function httpStatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** Raw zone in S3. Keys are stored under `prefix/`; `list` and `locate` speak in store keys. */
export class S3ObjectStore implements ObjectStore {
  readonly url: string;
  readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;
  private readonly options: S3ObjectStoreOptions;

  constructor(options: S3ObjectStoreOptions) {
    this.options = options;
    this.bucket = options.bucket;
    this.prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    if (this.prefix) assertObjectPrefix(this.prefix);
    this.url = this.prefix ? `s3://${this.bucket}/${this.prefix}` : `s3://${this.bucket}`;
    this.client = options.client ?? new S3Client({
      region: options.region ?? 'us-east-1',
      endpoint: options.endpoint,
      credentials: options.credentials,
      forcePathStyle: options.forcePathStyle,
      maxAttempts: options.maxAttempts ?? 5,
      retryMode: 'standard',
    });
  }

  locate(key: string): string {
    return `s3://${this.bucket}/${this.objectKey(key)}`;
  }

  async putFile(key: string, localPath: string): Promise<void> {
    // Upload sends one PutObject for small files and a multipart upload (aborted on failure) for big ones.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.objectKey(key), Body: createReadStream(localPath) },
      partSize: Math.max(5 * mib, this.options.partSizeBytes ?? 16 * mib),
      queueSize: this.options.uploadQueueSize ?? 4,
    });
    await this.call(`upload of ${this.locate(key)}`, () => upload.done());
  }

  async putText(key: string, text: string): Promise<void> {
    const command = this.putTextCommand(key, text);
    await this.call(`put of ${this.locate(key)}`, () => this.client.send(command));
  }

  /**
   * A conditional put (If-None-Match: *): S3 answers 412 when the key exists,
   * 409 while a racing conditional write is in flight (retried, it then
   * settles as 412 or success). The HEAD first is the only guard on a server
   * that ignores the header (s3rver 3.7 does): there two racing writers can
   * both win, which AWS S3 itself never lets happen.
   */
  async putIfAbsent(key: string, text: string): Promise<boolean> {
    if (await this.exists(key)) return false;
    const command = this.putTextCommand(key, text, '*');
    try {
      await withRetry(() => this.client.send(command), {
        attempts: 5, baseDelayMs: 100, retryOn: (error) => httpStatusOf(error) === 409,
      });
      return true;
    } catch (error) {
      if (httpStatusOf(error) === 412) return false;
      throw classifyS3Error(error, `conditional put of ${this.locate(key)}`);
    }
  }

  async getText(key: string): Promise<string | undefined> {
    const body = await this.getBody(key);
    return body === undefined ? undefined : this.call(`read of ${this.locate(key)}`, () => body.transformToString('utf-8'));
  }

  async downloadFile(key: string, localPath: string): Promise<void> {
    const body = await this.getBody(key);
    if (body === undefined) throw new ObjectNotFoundError(this.locate(key));
    if (!(body instanceof Readable)) throw new Error(`S3 body for ${this.locate(key)} is not a Node stream`);
    const target = path.resolve(localPath);
    await mkdir(path.dirname(target), { recursive: true });
    // Stream to a temp name first: a broken download must not look like a complete file.
    const temp = `${target}.${randomUUID()}.part`;
    try {
      await this.call(`download of ${this.locate(key)}`, () => pipeline(body, createWriteStream(temp)));
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async openRead(key: string): Promise<Readable> {
    const body = await this.getBody(key);
    if (body === undefined) throw new ObjectNotFoundError(this.locate(key));
    return body as Readable;
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    return (await this.listVersions(prefix)).map(({ key, size }) => ({ key, size }));
  }

  async listVersions(prefix: string): Promise<ObjectVersion[]> {
    assertObjectPrefix(prefix);
    const base = this.prefix ? `${this.prefix}/` : '';
    const found: ObjectVersion[] = [];
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({
        Bucket: this.bucket, Prefix: `${base}${prefix}`, ContinuationToken: token, MaxKeys: this.options.listPageSize,
      });
      const page = await this.call(`list of ${this.url}/${prefix}`, () => this.client.send(command));
      for (const item of page.Contents ?? []) {
        if (item.Key !== undefined) found.push({ key: item.Key.slice(base.length), size: item.Size ?? 0, etag: (item.ETag ?? '').replace(/"/g, '') });
      }
      // AWS always sends the token with a truncated page; a compatible server that does not would end the listing early, silently.
      if (page.IsTruncated && !page.NextContinuationToken) throw new Error(`S3 list of ${this.url}/${prefix}: the server says the listing is truncated after ${found.length} keys but gave no continuation token`);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found.sort(compareKeys);
  }

  async exists(key: string): Promise<boolean> {
    const command = new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    try {
      await this.client.send(command);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw classifyS3Error(error, `head of ${this.locate(key)}`);
    }
  }

  async delete(key: string): Promise<void> {
    const command = new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    await this.call(`delete of ${this.locate(key)}`, () => this.client.send(command));
  }

  /** Closes the client's sockets; the store is unusable afterwards. */
  destroy(): void {
    this.client.destroy();
  }

  private putTextCommand(key: string, text: string, ifNoneMatch?: '*'): PutObjectCommand {
    const contentType = key.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
    const body = Buffer.from(text, 'utf8');
    return new PutObjectCommand({
      Bucket: this.bucket, Key: this.objectKey(key), Body: body, ContentLength: body.length, ContentType: contentType,
      IfNoneMatch: ifNoneMatch,
    });
  }

  private objectKey(key: string): string {
    assertObjectKey(key);
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  private async getBody(key: string): Promise<NonNullable<GetObjectCommandOutput['Body']> | undefined> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    try {
      const output = await this.client.send(command);
      if (!output.Body) throw new Error(`S3 returned no body for ${this.locate(key)}`);
      return output.Body;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw classifyS3Error(error, `get of ${this.locate(key)}`);
    }
  }

  private async call<T>(action: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw classifyS3Error(error, action);
    }
  }
}
