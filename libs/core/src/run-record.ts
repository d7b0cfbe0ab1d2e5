import type { Logger } from './logger';

/**
 * What an app counts while it runs, filled in as it goes so that a failed
 * run still reports what it did before failing.
 */
export interface RunFigures {
  /** The source the job serves (orders_db, stripe, ...), when it serves one: a metric dimension. */
  source?: string;
  rowsIn: number;
  rowsOut: number;
  bytes: number;
  retries: number;
  /** Minutes from the window's close at the source to the curated tables being published (quality sets it). */
  lagMinutes?: number;
  /**
   * What an operator should know about a run that still succeeded (a Stripe
   * events gap re-listed by `created`): the record's `Note`, which the
   * orchestrator copies into ops.pipeline_runs.note. Not a metric.
   */
  notes?: string[];
}

/** The record an app ends with: its figures, its time and its exit code. */
export interface RunRecord extends RunFigures {
  readonly app: string;
  readonly seconds: number;
  readonly exitCode: number;
}

/**
 * The CloudWatch namespace and metric names of every run record. Alarms and
 * dashboards (terraform monitoring) read these names: they are a contract.
 */
export const runMetricNamespace = 'Northstar';
export const runMetricNames = {
  rowsIn: 'RowsIn',
  rowsOut: 'RowsOut',
  bytes: 'Bytes',
  seconds: 'DurationSeconds',
  retries: 'Retries',
  exitCode: 'ExitCode',
  lagMinutes: 'FreshnessLagMinutes',
} as const;

const units: Record<keyof typeof runMetricNames, string> = {
  rowsIn: 'Count', rowsOut: 'Count', bytes: 'Bytes', seconds: 'Seconds', retries: 'Count', exitCode: 'None', lagMinutes: 'None',
};

export function emptyRunFigures(): RunFigures {
  return { rowsIn: 0, rowsOut: 0, bytes: 0, retries: 0 };
}

/**
 * The record as a CloudWatch Embedded Metric Format object: CloudWatch Logs
 * turns the `_aws` directive into metrics with no API call from the job, and
 * the same fields stay readable in Logs Insights. Dimensions: per app, and per
 * app and source when the job serves one (the freshness alarm reads the latter).
 */
export function embeddedMetricRecord(record: RunRecord, at: Date): Record<string, unknown> {
  const present = (Object.keys(runMetricNames) as (keyof typeof runMetricNames)[]).filter((k) => record[k] !== undefined);
  const dimensions = record.source ? [['App'], ['App', 'Source']] : [['App']];
  const values = Object.fromEntries(present.map((k) => [runMetricNames[k], record[k]]));
  return {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [{ Namespace: runMetricNamespace, Dimensions: dimensions, Metrics: present.map((k) => ({ Name: runMetricNames[k], Unit: units[k] })) }],
    },
    App: record.app,
    ...(record.source ? { Source: record.source } : {}),
    ...values,
    ...(record.notes?.length ? { Note: record.notes.join('; ') } : {}),
  };
}

/** Writes the run record as one log line (message "run record"), through the one logger. */
export function logRunRecord(logger: Logger, record: RunRecord, at: Date): void {
  logger.info({ runRecord: true, ...embeddedMetricRecord(record, at) }, 'run record');
}

/** The run record in a job's log text, if it wrote one: the orchestrator copies it into ops.pipeline_runs. */
export function runRecordInLog(logText: string): Record<string, unknown> | undefined {
  const lines = logText.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].includes('"runRecord":true')) continue;
    try {
      return JSON.parse(lines[i]) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * One source's freshness lag as its own Embedded Metric Format line (the
 * quality job serves every source, and its run record carries one source at
 * most): metric FreshnessLagMinutes by App and Source, what the freshness alarm reads.
 */
export function logSourceLag(logger: Logger, app: string, source: string, lagMinutes: number, at: Date): void {
  logger.info({
    _aws: { Timestamp: at.getTime(), CloudWatchMetrics: [{ Namespace: runMetricNamespace, Dimensions: [['App', 'Source']], Metrics: [{ Name: runMetricNames.lagMinutes, Unit: 'None' }] }] },
    App: app, Source: source, [runMetricNames.lagMinutes]: lagMinutes,
  }, 'source freshness');
}
