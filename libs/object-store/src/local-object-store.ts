import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertObjectKey, assertObjectPrefix, reservedSegmentPrefix } from './assert-object-key';
import { compareKeys, type ObjectInfo, type ObjectStore } from './object-store';
import { ObjectNotFoundError } from './object-store-errors';

const missing = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

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

  async getText(key: string): Promise<string | undefined> {
    try {
      return await readFile(this.locate(key), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async downloadFile(key: string, localPath: string): Promise<void> {
    const source = this.locate(key);
    await mkdir(path.dirname(path.resolve(localPath)), { recursive: true });
    try {
      await copyFile(source, localPath);
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError(this.describe(key));
      throw error;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    assertObjectPrefix(prefix);
    // Walk only the deepest directory the prefix names; the rest of the prefix filters names.
    const dirKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '';
    const found: ObjectInfo[] = [];
    await this.walk(dirKey, prefix, found);
    return found.sort(compareKeys);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.locate(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.locate(key));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  private async replace(key: string, write: (tempPath: string) => Promise<void>): Promise<void> {
    const target = this.locate(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(path.dirname(target), `${reservedSegmentPrefix}${randomUUID()}`);
    try {
      await write(temp);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  private async walk(dirKey: string, prefix: string, found: ObjectInfo[]): Promise<void> {
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
        found.push({ key, size: (await stat(path.join(this.root, ...key.split('/')))).size });
      }
    }
  }

  private describe(key: string): string {
    return `${this.url}/${key}`;
  }
}
