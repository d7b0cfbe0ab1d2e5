import { sloStatus, summariseRuns } from './run-summary';

const slo = { warnMinutes: 30, errorMinutes: 45 };
const step = (run: string, name: string, attempt: number, status: string, figures: Record<string, unknown> = {}) => ({
  run_id: run, step: name, attempt, status,
  started_at: `2026-11-02T07:0${attempt}:00.000Z`, finished_at: `2026-11-02T07:1${attempt}:00.000Z`,
  rows_out: null, bytes: null, retries: null, lag_minutes: null, note: null, ...figures,
});

describe('summariseRuns: each run against the SLO', () => {
  it('sums rows and retries, counts re-attempts apart from failed jobs, takes the worst lag and gathers the notes', () => {
    const [run] = summariseRuns([
      step('hourly-20261102T07', 'extract-stripe', 1, 'succeeded', { rows_out: 40, retries: 3, note: 'charges: events gap re-listed by created' }),
      step('hourly-20261102T07', 'load-stripe', 1, 'failed', { retries: 1 }),
      step('hourly-20261102T07', 'load-stripe', 2, 'succeeded', { rows_out: 40 }),
      step('hourly-20261102T07', 'quality', 1, 'succeeded', { lag_minutes: 31.2 }),
    ], slo);
    expect(run).toMatchObject({
      run_id: 'hourly-20261102T07', jobs: 3, failed_jobs: 0, reattempts: 1, retries: 4, rows_out: 80,
      lag_minutes: 31.2, slo: 'warn', minutes: 11, notes: 'extract-stripe: charges: events gap re-listed by created',
    });
  });

  it('lists runs newest first; a run still running has no end; a job whose last attempt failed is a failed job', () => {
    const runs = summariseRuns([
      step('hourly-20261102T06', 'quality', 1, 'failed'),
      { ...step('hourly-20261102T08', 'quality', 1, 'running'), started_at: '2026-11-02T08:00:00.000Z', finished_at: null },
    ], slo);
    expect(runs.map((r) => [r.run_id, r.finished_at, r.failed_jobs, r.slo])).toEqual([
      ['hourly-20261102T08', null, 0, 'unmeasured'],
      ['hourly-20261102T06', '2026-11-02T07:11:00.000Z', 1, 'unmeasured'],
    ]);
  });

  it('reads a lag at the SLO as a breach and one at the warning line as a warning', () => {
    expect([29.9, 30, 44.9, 45].map((lag) => sloStatus(lag, slo))).toEqual(['ok', 'warn', 'warn', 'breach']);
  });
});
