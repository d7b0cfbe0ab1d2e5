import * as path from 'node:path';
import { DeduplicatingAlerter, FileAlertSink, SnsAlertSink, firstLine, type Alerter } from '@northstar/alerts';
import type { Logger, NorthstarConfig, RunParameters } from '@northstar/core';
import type { QualityResult } from '@northstar/models';
import type { ObjectStore } from '@northstar/object-store';
import { ObjectStoreAlertState } from './object-store-alert-state';

/** An open incident is sent again after six hours: once a working day's morning and afternoon. */
const REPEAT_AFTER_MS = 6 * 3_600_000;

/** SNS when a topic is configured, else $NORTHSTAR_HOME/alerts.log and the job's log; open incidents kept in the raw zone. */
export function openAlerter(config: NorthstarConfig, store: ObjectStore, logger: Logger, clock: () => Date): Alerter {
  // The console copy goes through the logger, so a job's log stays JSON lines.
  const sink = config.alertsTopicArn
    ? SnsAlertSink.forTopic(config.alertsTopicArn, config.awsRegion)
    : new FileAlertSink(path.join(config.home, 'alerts.log'), (text) => logger.warn({ alert: text.trimEnd() }, 'alert sent'));
  return new DeduplicatingAlerter(sink, new ObjectStoreAlertState(store), { repeatAfterMs: REPEAT_AFTER_MS, clock });
}

/** The command that reruns this run's checks, as an operator types it. */
export function rerunChecksCommand(run: RunParameters): string {
  return `npx tsx apps/quality/src/main.ts --mode ${run.mode} --at ${run.scheduledAt.toISOString()} --run-id ${run.runId}`;
}

/** Every failed check raises (deduplicated by check name), every passed one resolves its open incident. */
export async function alertOnResults(alerter: Alerter, results: readonly QualityResult[], run: RunParameters): Promise<void> {
  for (const result of results) {
    if (result.status === 'pass') {
      await alerter.resolve(result.check, run.runId);
      continue;
    }
    await alerter.raise({
      key: result.check,
      severity: result.severity,
      subject: { kind: 'check', name: result.check },
      runId: run.runId,
      what: `${result.failingRows} failing rows in ${result.table}`,
      firstErrorLine: firstLine(result.details ?? `${result.failingRows} rows fail ${result.check}`),
      rerunCommand: rerunChecksCommand(run),
    });
  }
}
