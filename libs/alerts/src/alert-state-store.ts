import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** An incident that has alerted and not resolved. */
export interface OpenIncident {
  readonly since: string;
  readonly lastSentAt: string;
  readonly runId: string;
}

/**
 * Open incidents, one record per alert key: the hourly, nightly, backfill
 * and repair quality jobs run at once, and a single record of every
 * incident, read and replaced whole by each, would lose one job's change to
 * another's (a page sent twice, or a resolved incident back and holding off
 * a new one).
 */
export interface AlertStateStore {
  get(key: string): Promise<OpenIncident | undefined>;
  put(key: string, incident: OpenIncident): Promise<void>;
  remove(key: string): Promise<void>;
}

/** An alert key as one path segment: check names are plain, but a key is any text. */
export function alertStateName(key: string): string {
  return `${encodeURIComponent(key)}.json`;
}

/** Open incidents as JSON files in a directory, one per key, each replaced whole (write then rename), so a crash never leaves half a file. */
export class JsonFileAlertState implements AlertStateStore {
  constructor(private readonly dir: string) {}

  async get(key: string): Promise<OpenIncident | undefined> {
    const file = this.fileOf(key);
    try {
      return JSON.parse(await readFile(file, 'utf8')) as OpenIncident;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`alert state ${file}: ${(error as Error).message}`);
    }
  }

  async put(key: string, incident: OpenIncident): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.fileOf(key);
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(incident, null, 2)}\n`);
    await rename(temp, file);
  }

  async remove(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }

  private fileOf(key: string): string {
    return path.join(this.dir, alertStateName(key));
  }
}
