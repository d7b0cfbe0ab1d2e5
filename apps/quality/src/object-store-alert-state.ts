import type { AlertStateStore, OpenIncidents } from '@northstar/alerts';
import type { ObjectStore } from '@northstar/object-store';

/**
 * Open incidents as one JSON object in the raw zone (its `_ops/` prefix, which
 * no source's layout uses): each Batch job has its own disk, so only shared
 * storage lets the next run know an incident has already alerted.
 */
export class ObjectStoreAlertState implements AlertStateStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly key = '_ops/alerts/open-incidents.json',
  ) {}

  async read(): Promise<OpenIncidents> {
    const text = await this.store.getText(this.key);
    if (text === undefined) return {};
    try {
      return JSON.parse(text) as OpenIncidents;
    } catch (error) {
      throw new Error(`alert state ${this.key}: ${(error as Error).message}`);
    }
  }

  async write(open: OpenIncidents): Promise<void> {
    await this.store.putText(this.key, `${JSON.stringify(open, null, 2)}\n`);
  }
}
