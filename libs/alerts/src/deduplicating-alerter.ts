import type { Alert, AlertSink, Alerter } from './alert';
import type { AlertStateStore, OpenIncident } from './alert-state-store';

export interface DeduplicatingAlerterOptions {
  /** An open incident is sent again (a reminder) once this long has passed since it was last sent. */
  readonly repeatAfterMs: number;
  readonly clock: () => Date;
}

/**
 * One incident alerts once: a key already open is not sent again within the
 * window, and the first pass after a failure sends one "resolved". The state
 * lives outside the process (each run is its own process or container).
 */
export class DeduplicatingAlerter implements Alerter {
  constructor(
    private readonly sink: AlertSink,
    private readonly state: AlertStateStore,
    private readonly options: DeduplicatingAlerterOptions,
  ) {}

  async raise(alert: Alert): Promise<void> {
    const now = this.options.clock();
    const incident = await this.state.get(alert.key);
    if (incident && now.getTime() - Date.parse(incident.lastSentAt) < this.options.repeatAfterMs) return;
    const since = incident ? new Date(incident.since) : now;
    await this.sink.send({ kind: 'firing', alert, at: now, since });
    const next: OpenIncident = { since: since.toISOString(), lastSentAt: now.toISOString(), runId: alert.runId };
    await this.state.put(alert.key, next);
  }

  async resolve(key: string, runId: string): Promise<void> {
    const incident = await this.state.get(key);
    if (!incident) return;
    await this.sink.send({ kind: 'resolved', key, runId, at: this.options.clock(), since: new Date(incident.since) });
    await this.state.remove(key);
  }
}
