import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** An incident that has alerted and not resolved. */
export interface OpenIncident {
  readonly since: string;
  readonly lastSentAt: string;
  readonly runId: string;
}

export type OpenIncidents = Readonly<Record<string, OpenIncident>>;

export interface AlertStateStore {
  read(): Promise<OpenIncidents>;
  write(open: OpenIncidents): Promise<void>;
}

/** Open incidents as one JSON file, replaced whole (write then rename), so a crash never leaves half a file. */
export class JsonFileAlertState implements AlertStateStore {
  constructor(private readonly file: string) {}

  async read(): Promise<OpenIncidents> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as OpenIncidents;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`alert state ${this.file}: ${(error as Error).message}`);
    }
  }

  async write(open: OpenIncidents): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(open, null, 2)}\n`);
    await rename(temp, this.file);
  }
}
