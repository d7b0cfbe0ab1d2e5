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
    expect(JSON.parse((await store.getText('_ops/alerts/open/fct_orders_not_null_customer_id_in_batch.json'))!)).toHaveProperty('runId', 'hourly-20261102T07');
    await alertOnResults(alerter(), [passed], run(9));
    const sent = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { kind: string; subject: string; body: string });
    expect(sent.map((m) => m.kind)).toEqual(['firing', 'resolved']);
    expect(sent[0].body).toContain('what failed: 2 failing rows in curated.fct_orders');
    expect(sent[0].body).toContain('first error line: sample failing keys: 10, 11');
    expect(sent[0].body).toContain('rerun: npx tsx apps/quality/src/main.ts --mode hourly --at 2026-11-02T07:00:00.000Z --run-id hourly-20261102T07');
    expect(sent[1].subject).toBe('[northstar] RESOLVED fct_orders_not_null_customer_id_in_batch');
  });

  it('keeps both incidents when two quality jobs raise and resolve at once (an hourly and a nightly run)', async () => {
    const file = path.join(dir, 'alerts.log');
    const store = openObjectStore(pathToFileURL(path.join(dir, 'raw')).href, { region: 'us-east-1' });
    const alerter = () => new DeduplicatingAlerter(new FileAlertSink(file, () => undefined), new ObjectStoreAlertState(store), { repeatAfterMs: 6 * 3_600_000, clock: () => new Date('2026-11-02T08:00:00Z') });
    const hourly = { mode: 'hourly' as const, scheduledAt: new Date('2026-11-02T02:00:00Z'), runId: 'hourly-20261102T02' };
    const nightly = { mode: 'nightly' as const, scheduledAt: new Date('2026-11-02T02:30:00Z'), runId: 'nightly-20261102T02' };
    const other: QualityResult = { ...failed, check: 'fct_orders_unique_order_id' };
    await Promise.all([alertOnResults(alerter(), [failed], hourly), alertOnResults(alerter(), [other], nightly)]);
    // Both still open: a repeat within the window sends nothing, and each resolves once.
    await Promise.all([alertOnResults(alerter(), [failed, other], hourly), alertOnResults(alerter(), [failed, other], nightly)]);
    await Promise.all([alertOnResults(alerter(), [passed], hourly), alertOnResults(alerter(), [{ ...other, status: 'pass', failingRows: 0 }], nightly)]);
    const sent = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { kind: string; subject: string });
    expect(sent.filter((m) => m.kind === 'firing').map((m) => m.subject).sort()).toEqual([
      expect.stringContaining('fct_orders_not_null_customer_id_in_batch'), expect.stringContaining('fct_orders_unique_order_id'),
    ]);
    expect(sent.filter((m) => m.kind === 'resolved').map((m) => m.subject).sort()).toEqual([
      '[northstar] RESOLVED fct_orders_not_null_customer_id_in_batch', '[northstar] RESOLVED fct_orders_unique_order_id',
    ]);
  });
});
