import { alertText, DeduplicatingAlerter, JsonFileAlertState, type AlertMessage } from '@northstar/alerts';
import { ExitCode, exitCodeFor } from '@northstar/core';
import type { QualityResult } from '@northstar/models';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { alertOnResults } from './check-alerts';
import { enforceQualityVerdict } from './quality-verdict';

const warn: QualityResult = { check: 'fct_orders_accepted_values_order_status_in_batch', table: 'curated.fct_orders', severity: 'warn', status: 'fail', failingRows: 1, sampleKeys: ['12'], details: 'sample failing keys: 12' };
const error: QualityResult = { check: 'fct_orders_not_null_currency_code_in_batch', table: 'curated.fct_orders', severity: 'error', status: 'fail', failingRows: 1, sampleKeys: ['11'], details: 'sample failing keys: 11' };
const passed = (r: QualityResult): QualityResult => ({ ...r, status: 'pass', failingRows: 0, sampleKeys: undefined, details: undefined });
const run = (hour: number) => ({ mode: 'hourly' as const, scheduledAt: new Date(Date.UTC(2026, 10, 2, hour)), runId: `hourly-20261102T${String(hour).padStart(2, '0')}` });

// The SNS sink's own dedup and resolved messages are tested against a recorded SNS client in libs/alerts.
describe('the quality job\'s verdict and its alerts', () => {
  let dir: string;
  let messages: AlertMessage[];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'quality-verdict-'));
    messages = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** One quality job: alert on every result, then end as main does. */
  const qualityJob = async (results: readonly QualityResult[], hour: number): Promise<number> => {
    const alerter = new DeduplicatingAlerter({ send: async (m) => void messages.push(m) }, new JsonFileAlertState(path.join(dir, 'alert-state')), { repeatAfterMs: 6 * 3_600_000, clock: () => run(hour).scheduledAt });
    await alertOnResults(alerter, results, run(hour));
    try {
      enforceQualityVerdict(results);
      return ExitCode.ok;
    } catch (failure) {
      return exitCodeFor(failure);
    }
  };
  const sent = () => messages.map((m) => [alertText(m).subject, m.kind === 'firing' ? m.alert.severity : 'resolved']);

  it('a failed warn check alerts once and the run succeeds; a failed error check alerts and ends the run with exit 3; each resolves once when it passes', async () => {
    expect(await qualityJob([warn, passed(error)], 7)).toBe(ExitCode.ok);
    expect(await qualityJob([warn, error], 8)).toBe(ExitCode.dataViolation);
    expect(await qualityJob([warn, error], 9)).toBe(ExitCode.dataViolation);
    expect(await qualityJob([passed(warn), passed(error)], 10)).toBe(ExitCode.ok);
    expect(sent()).toEqual([
      ['[northstar] WARNING check fct_orders_accepted_values_order_status_in_batch', 'warn'],
      ['[northstar] FAILED check fct_orders_not_null_currency_code_in_batch', 'error'],
      ['[northstar] RESOLVED fct_orders_accepted_values_order_status_in_batch', 'resolved'],
      ['[northstar] RESOLVED fct_orders_not_null_currency_code_in_batch', 'resolved'],
    ]);
  });

  it('names each blocking check with its first detail in the error', () => {
    expect(() => enforceQualityVerdict([warn, error])).toThrow('blocking quality checks failed: fct_orders_not_null_currency_code_in_batch (sample failing keys: 11)');
  });
});
