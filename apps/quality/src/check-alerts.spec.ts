import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DeduplicatingAlerter, FileAlertSink } from '@northstar/alerts';
import { openObjectStore } from '@northstar/object-store';
import type { QualityResult } from '@northstar/models';
import { alertOnResults } from './check-alerts';
import { ObjectStoreAlertState } from './object-store-alert-state';

describe('alertOnResults', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'check-alerts-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const failed: QualityResult = { check: 'fct_orders_not_null_customer_id_in_batch', table: 'curated.fct_orders', severity: 'error', status: 'fail', failingRows: 2, sampleKeys: ['10', '11'], details: 'sample failing keys: 10, 11' };
  const passed: QualityResult = { ...failed, status: 'pass', failingRows: 0, sampleKeys: undefined, details: undefined };

  it('raises a failed check once over repeated runs (open incidents kept in the raw zone) with the rerun command of its first run, and resolves it when it passes', async () => {
    const file = path.join(dir, 'alerts.log');
    const store = openObjectStore(pathToFileURL(path.join(dir, 'raw')).href, { region: 'us-east-1' });
    // A new alerter per run, as each quality job is a process of its own: only the raw zone carries the state over.
    const alerter = () => new DeduplicatingAlerter(new FileAlertSink(file, () => undefined), new ObjectStoreAlertState(store), { repeatAfterMs: 6 * 3_600_000, clock: () => new Date('2026-11-02T08:00:00Z') });
    const run = (hour: number) => ({ mode: 'hourly' as const, scheduledAt: new Date(Date.UTC(2026, 10, 2, hour)), runId: `hourly-20261102T0${hour}` });
    await alertOnResults(alerter(), [failed], run(7));
    await alertOnResults(alerter(), [failed], run(8));
    expect(JSON.parse((await store.getText('_ops/alerts/open-incidents.json'))!)).toHaveProperty(['fct_orders_not_null_customer_id_in_batch', 'runId'], 'hourly-20261102T07');
    await alertOnResults(alerter(), [passed], run(9));
    const sent = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { kind: string; subject: string; body: string });
    expect(sent.map((m) => m.kind)).toEqual(['firing', 'resolved']);
    expect(sent[0].body).toContain('what failed: 2 failing rows in curated.fct_orders');
    expect(sent[0].body).toContain('first error line: sample failing keys: 10, 11');
    expect(sent[0].body).toContain('rerun: npx tsx apps/quality/src/main.ts --mode hourly --at 2026-11-02T07:00:00.000Z --run-id hourly-20261102T07');
    expect(sent[1].subject).toBe('[northstar] RESOLVED fct_orders_not_null_customer_id_in_batch');
  });
});
