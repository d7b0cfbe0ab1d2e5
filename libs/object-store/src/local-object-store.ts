import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { assertObjectKey, assertObjectPrefix, reservedSegmentPrefix } from './assert-object-key';
import { compareKeys, type ObjectInfo, type ObjectStore, type ObjectVersion } from './object-store';
import { classifyFsError } from './classify-fs-error';
import { ObjectNotFoundError } from './object-store-errors';

const missing = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

async function syncPath(file: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return missing.has((error as NodeJS.ErrnoException | null)?.code ?? '');
}

/**
 * A directory standing in for a bucket (NORTHSTAR_ENV=local, tests). Every
 * write goes to a temp file beside the target and is renamed into place, so
 * a reader, or a crash, never sees a half-written object.
 */
export class LocalObjectStore implements ObjectStore {
  readonly url: string;
  private readonly root: string;

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
    this.url = pathToFileURL(this.root).href;
  }

  locate(key: string): string {
    assertObjectKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async putFile(key: string, localPath: string): Promise<void> {
    // copyFile streams in the kernel (or clones), never through the JS heap.
    await this.replace(key, (temp) => copyFile(localPath, temp));
  }

  async putText(key: string, text: string): Promise<void> {
    await this.replace(key, (temp) => writeFile(temp, text, 'utf8'));
  }

  /**
   * link(2) of a synced temp file fails with EEXIST when the name is taken, so
   * of two racing writers exactly one wins and the object is never seen half-written.
   */
  async putIfAbsent(key: string, text: string): Promise<boolean> {
    let written = true;
    await this.replace(key, (temp) => writeFile(temp, text, 'utf8'), async (temp, target) => {
      try {
        await link(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        written = false;
      }
      await unlink(temp);
    });
    return written;
  }

  async getText(key: string): Promise<string | undefined> {
    const file = this.locate(key);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw classifyFsError(error, `read of ${file}`);
    }
  }

  async downloadFile(key: string, localPath: string): Promise<void> {
    const source = this.locate(key);
    try {
      await mkdir(path.dirname(path.resolve(localPath)), { recursive: true });
      await copyFile(source, localPath);
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError(this.describe(key));
      throw classifyFsError(error, `copy of ${source} to ${localPath}`);
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    return (await this.listVersions(prefix)).map(({ key, size }) => ({ key, size }));
  }

  async listVersions(prefix: string): Promise<ObjectVersion[]> {
    assertObjectPrefix(prefix);
    // Walk only the deepest directory the prefix names; the rest of the prefix filters names.
    const dirKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '';
    const found: ObjectVersion[] = [];
    try {
      await this.walk(dirKey, prefix, found);
    } catch (error) {
      throw classifyFsError(error, `list of ${this.root}/${prefix}`);
    }
    return found.sort(compareKeys);
  }

  async openRead(key: string): Promise<Readable> {
    const file = this.locate(key);
    const stream = createReadStream(file);
    // Open before handing the stream out, so a missing file fails here and not mid-read.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) => reject(isMissing(error) ? new ObjectNotFoundError(this.describe(key)) : classifyFsError(error, `read of ${file}`)));
    });
    return stream;
  }

  async exists(key: string): Promise<boolean> {
    const file = this.locate(key);
    try {
      return (await stat(file)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw classifyFsError(error, `look-up of ${file}`);
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.locate(key);
    try {
      await unlink(file);
    } catch (error) {
      if (!isMissing(error)) throw classifyFsError(error, `delete of ${file}`);
    }
  }

  /**
   * Temp file, fsync, rename, fsync of the directory: after a power loss the
   * object is either absent or whole. Without the syncs a renamed manifest
   * can come back empty, and an empty manifest reads as committed.
   */
  private async replace(
    key: string,
    write: (tempPath: string) => Promise<void>,
    place: (tempPath: string, target: string) => Promise<void> = rename,
  ): Promise<void> {
    const target = this.locate(key);
    const dir = path.dirname(target);
    const temp = path.join(dir, `${reservedSegmentPrefix}${randomUUID()}`);
    try {
      await mkdir(dir, { recursive: true });
      await write(temp);
      await syncPath(temp, 'r+');
      await place(temp, target);
      await syncPath(dir, 'r');
    } catch (error) {
      // The cleanup can fail for the same reason the write did; the write's error is the one to report.
      await rm(temp, { force: true }).catch(() => undefined);
      throw classifyFsError(error, `write of ${target}`);
    }
  }

  private async walk(dirKey: string, prefix: string, found: ObjectVersion[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(path.join(this.root, ...dirKey.split('/')), { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(reservedSegmentPrefix)) continue;
      const key = `${dirKey}${entry.name}`;
      if (entry.isDirectory() && (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`))) {
        await this.walk(`${key}/`, prefix, found);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const info = await stat(path.join(this.root, ...key.split('/')), { bigint: true });
        // Every write renames a new file into place, so a replaced object has a new inode and change time.
        found.push({ key, size: Number(info.size), etag: `${info.size.toString(16)}-${info.ino.toString(16)}-${info.ctimeNs.toString(16)}` });
      }
    }
  }

  private describe(key: string): string {
    return `${this.url}/${key}`;
  }
}
