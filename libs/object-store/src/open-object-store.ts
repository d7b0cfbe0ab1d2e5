import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@northstar/core';
import { LocalObjectStore } from './local-object-store';
import type { ObjectStore } from './object-store';
import { S3ObjectStore } from './s3-object-store';

export interface OpenObjectStoreOptions {
  readonly s3Endpoint?: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly forcePathStyle?: boolean;
}

/**
 * The store a configured URL names: `s3://bucket[/prefix]`, `file:///abs/dir`,
 * or a filesystem path (resolved against the working directory).
 */
export function openObjectStore(url: string, options: OpenObjectStoreOptions = {}): ObjectStore {
  if (url.startsWith('s3://')) {
    const rest = url.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    if (!bucket) throw new ConfigError(`object store URL "${url}" has no bucket: expected s3://bucket[/prefix]`);
    return new S3ObjectStore({
      bucket,
      prefix: slash === -1 ? '' : rest.slice(slash + 1),
      endpoint: options.s3Endpoint,
      region: options.region,
      credentials: options.credentials,
      forcePathStyle: options.forcePathStyle,
    });
  }
  if (url.startsWith('file:')) return new LocalObjectStore(localPathOf(url));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new ConfigError(`object store URL "${url}" is not supported: use s3://bucket/prefix, file:///dir or a directory path`);
  }
  if (!url) throw new ConfigError('object store URL is empty');
  return new LocalObjectStore(path.resolve(url));
}

function localPathOf(url: string): string {
  try {
    return fileURLToPath(url);
  } catch (error) {
    throw new ConfigError(`object store URL "${url}" is not a local directory: ${(error as Error).message}; use file:///dir`, { cause: error });
  }
}
