import { alertStateName, type AlertStateStore, type OpenIncident } from '@northstar/alerts';
import type { ObjectStore } from '@northstar/object-store';

/**
 * Open incidents as JSON objects in the raw zone (its `_ops/` prefix, which
 * no source's layout uses), one per alert key: each Batch job has its own
 * disk, so only shared storage lets the next run know an incident has
 * already alerted. A resolved incident's object is replaced by a closed
 * mark, not deleted: no job may delete from the raw zone (terraform's job
 * policies grant put and get only), and the marks are one per check.
 */
export class ObjectStoreAlertState implements AlertStateStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly prefix = '_ops/alerts/open/',
  ) {}

  async get(key: string): Promise<OpenIncident | undefined> {
    const text = await this.store.getText(this.keyOf(key));
    if (text === undefined) return undefined;
    try {
      const record = JSON.parse(text) as OpenIncident | { readonly closed: true };
      return 'closed' in record ? undefined : record;
    } catch (error) {
      throw new Error(`alert state ${this.keyOf(key)}: ${(error as Error).message}`);
    }
  }

  async put(key: string, incident: OpenIncident): Promise<void> {
    await this.store.putText(this.keyOf(key), `${JSON.stringify(incident, null, 2)}\n`);
  }

  async remove(key: string): Promise<void> {
    await this.store.putText(this.keyOf(key), `${JSON.stringify({ closed: true })}\n`);
  }

  private keyOf(key: string): string {
    return `${this.prefix}${alertStateName(key)}`;
  }
}
