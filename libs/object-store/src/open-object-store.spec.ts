import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@northstar/core';
import { LocalObjectStore } from './local-object-store';
import { openObjectStore } from './open-object-store';
import { S3ObjectStore } from './s3-object-store';

describe('openObjectStore', () => {
  it('opens a local store from a file: URL or a path', () => {
    const dir = path.resolve('/tmp/northstar raw');
    const fromUrl = openObjectStore(pathToFileURL(dir).href);
    expect(fromUrl).toBeInstanceOf(LocalObjectStore);
    expect(fromUrl.locate('a/b.txt')).toBe(path.join(dir, 'a', 'b.txt'));
    expect(openObjectStore(dir).url).toBe(fromUrl.url);
    expect(openObjectStore('relative/dir').locate('k')).toBe(path.resolve('relative/dir', 'k'));
  });

  it('opens an S3 store with or without a prefix', () => {
    const withPrefix = openObjectStore('s3://northstar-raw/dev/raw/', { region: 'eu-west-1' });
    expect(withPrefix).toBeInstanceOf(S3ObjectStore);
    expect(withPrefix.url).toBe('s3://northstar-raw/dev/raw');
    expect(withPrefix.locate('orders_db/orders/part-00000.parquet')).toBe('s3://northstar-raw/dev/raw/orders_db/orders/part-00000.parquet');
    const bare = openObjectStore('s3://northstar-raw');
    expect(bare.url).toBe('s3://northstar-raw');
    expect(bare.locate('x y/z.json')).toBe('s3://northstar-raw/x y/z.json');
    (withPrefix as S3ObjectStore).destroy();
    (bare as S3ObjectStore).destroy();
  });

  it('refuses URLs it cannot serve with a config error (exit code 2)', () => {
    expect(() => openObjectStore('s3://')).toThrow(ConfigError);
    expect(() => openObjectStore('gs://bucket/x')).toThrow(/not supported/);
    expect(() => openObjectStore('')).toThrow(ConfigError);
    expect(() => openObjectStore('s3://bucket/../up')).toThrow(ConfigError);
    expect(() => openObjectStore('file://otherhost/raw')).toThrow(ConfigError);
    expect(() => openObjectStore('file:///tmp/a%2Fb')).toThrow(ConfigError);
  });
});
