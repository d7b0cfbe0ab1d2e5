import type { Readable } from 'node:stream';

export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
}

/** An object and its version: a replaced object gets a new etag, an untouched one keeps it. */
export interface ObjectVersion extends ObjectInfo {
  /** S3's ETag (quotes removed); for a local directory, derived from the file's size, inode and change time. */
  readonly etag: string;
}

/**
 * Where raw files land: a local directory in `local`, an S3 bucket elsewhere.
 * Keys are relative, '/'-separated paths; a key can never reach outside the
 * store's base (see `assertObjectKey`).
 */
export interface ObjectStore {
  /** The base, e.g. file:///abs/dir or s3://bucket/prefix. */
  readonly url: string;
  /** Streams the file; never holds it whole in memory. */
  putFile(key: string, localPath: string): Promise<void>;
  /** Replaces the object in one step: readers see the old text or the new, never a mix. */
  putText(key: string, text: string): Promise<void>;
  /**
   * Writes the text only when no object has the key: true when written, false
   * when one already existed (left untouched). Two racing writers never both get true,
   * except on a server that ignores S3's If-None-Match (see S3ObjectStore).
   */
  putIfAbsent(key: string, text: string): Promise<boolean>;
  /** undefined when the object does not exist. */
  getText(key: string): Promise<string | undefined>;
  /** Fails with ObjectNotFoundError when the object does not exist. */
  downloadFile(key: string, localPath: string): Promise<void>;
  /** Every object whose key starts with `prefix` (a plain string prefix, as in S3), all pages, sorted by key. */
  list(prefix: string): Promise<ObjectInfo[]>;
  /** As `list`, with each object's version (etag), for readers that must tell a replaced object from an old one. */
  listVersions(prefix: string): Promise<ObjectVersion[]>;
  /** The object's bytes as a stream, read as they are consumed; fails with ObjectNotFoundError when it does not exist. */
  openRead(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Where an engine reads the object: an absolute path for a local store, s3://bucket/prefix/key for S3. */
  locate(key: string): string;
}

/** Key order shared by every implementation: by UTF-16 code units, like Array.prototype.sort. */
export function compareKeys(a: ObjectInfo, b: ObjectInfo): number {
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}
