import type { Row } from '@northstar/warehouse';

/** The freshness SLO the report measures against (the models' freshnessSlo, passed in: this lib reads no models). */
export interface FreshnessSlo {
  readonly warnMinutes: number;
  readonly errorMinutes: number;
}

export type SloStatus = 'ok' | 'warn' | 'breach' | 'unmeasured';

/** One run, summed from its ops.pipeline_runs rows. */
export interface RunSummary {
  readonly run_id: string;
  readonly started_at: string;
  readonly finished_at: string | null;
  /** Minutes from the first job's start to the last job's end. */
  readonly minutes: number | null;
  readonly jobs: number;
  readonly failed_jobs: number;
  /** Attempts beyond each job's first: Batch (or a rerun) started the job again. */
  readonly reattempts: number;
  /** Requests the apps retried inside their attempts (their run records' Retries). */
  readonly retries: number;
  readonly rows_out: number;
  readonly bytes: number;
  /** The worst source's lag the quality job measured; null when no job reported one. */
  readonly lag_minutes: number | null;
  readonly slo: SloStatus;
  /** The jobs' notes, `step: note`. */
  readonly notes: string;
}

/**
 * Per run, newest first: how long it took, what failed, how often it had to
 * retry, and its lag against the 45-minute SLO. A failed attempt that a later
 * attempt of the same job made good does not count as a failed job.
 */
export function summariseRuns(steps: readonly Row[], slo: FreshnessSlo): RunSummary[] {
  const byRun = new Map<string, Row[]>();
  for (const step of steps) byRun.set(String(step['run_id']), [...(byRun.get(String(step['run_id'])) ?? []), step]);
  return [...byRun.entries()].map(([runId, rows]) => summarise(runId, rows, slo)).sort((a, b) => b.started_at.localeCompare(a.started_at));
}

function summarise(runId: string, rows: readonly Row[], slo: FreshnessSlo): RunSummary {
  const starts = rows.map((r) => String(r['started_at'])).sort();
  const ends = rows.map((r) => r['finished_at']).filter((v): v is string => typeof v === 'string').sort();
  const finished = ends.length === rows.length ? ends[ends.length - 1] : null;
  const lastAttempt = new Map<string, Row>();
  for (const row of rows) {
    const seen = lastAttempt.get(String(row['step']));
    if (!seen || Number(row['attempt']) > Number(seen['attempt'])) lastAttempt.set(String(row['step']), row);
  }
  const lags = rows.map((r) => r['lag_minutes']).filter((v): v is number => typeof v === 'number');
  const lag = lags.length ? Math.max(...lags) : null;
  return {
    run_id: runId,
    started_at: starts[0],
    finished_at: finished,
    minutes: finished ? Math.round((Date.parse(finished) - Date.parse(starts[0])) / 6_000) / 10 : null,
    jobs: lastAttempt.size,
    failed_jobs: [...lastAttempt.values()].filter((r) => r['status'] === 'failed').length,
    reattempts: rows.length - lastAttempt.size,
    retries: sum(rows, 'retries'),
    rows_out: sum(rows, 'rows_out'),
    bytes: sum(rows, 'bytes'),
    lag_minutes: lag,
    slo: sloStatus(lag, slo),
    notes: rows.filter((r) => typeof r['note'] === 'string' && r['note']).map((r) => `${String(r['step'])}: ${String(r['note'])}`).join('\n'),
  };
}

export function sloStatus(lagMinutes: number | null, slo: FreshnessSlo): SloStatus {
  if (lagMinutes === null) return 'unmeasured';
  if (lagMinutes >= slo.errorMinutes) return 'breach';
  return lagMinutes >= slo.warnMinutes ? 'warn' : 'ok';
}

function sum(rows: readonly Row[], column: string): number {
  return rows.reduce((total, r) => total + (typeof r[column] === 'number' ? (r[column] as number) : 0), 0);
}
