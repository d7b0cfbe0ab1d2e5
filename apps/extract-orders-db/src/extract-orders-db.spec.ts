import type { Client } from 'pg';
import type { RunParameters } from '@northstar/core';
import { recordingLogger } from '@northstar/core/testing';
import { contractFor } from '@northstar/contracts';
import { extractOrdersDb } from './extract-orders-db';
import { ordersStream } from './streams/orders.stream';
import { OrdersDbFixture } from './testing';

const orders = contractFor('orders_db', 'orders');
// Wall clock throughout: the horizon compares with pg_stat_activity.xact_start, which is wall clock.
const now = () => new Date();
const hourly = (runId: string): RunParameters => ({ mode: 'hourly', scheduledAt: now(), runId });
const noLookback = { initialStart: new Date(Date.now() - 6 * 3_600_000), lookbackMs: 0, safetyLagMs: 0, openWriterWarnMs: 900_000 };

async function extractAndLoad(fixture: OrdersDbFixture, runId: string, config = noLookback) {
  const deps = await fixture.deps(config);
  try {
    const [result] = await extractOrdersDb(hourly(runId), [ordersStream], deps);
    await fixture.load(orders);
    return result.manifest;
  } finally {
    await deps.source.close();
  }
}

describe('extractOrdersDb on PostgreSQL: the snapshot horizon', () => {
  let fixture: OrdersDbFixture;

  beforeAll(async () => {
    fixture = await OrdersDbFixture.open('horizon', new Date(Date.now() - 3_600_000));
  });

  afterAll(async () => {
    await fixture.dispose();
  });

  const loadedOrderIds = async () =>
    (await fixture.query<{ order_id: number | null }>('select order_id from raw.orders_db__orders')).map((r) => Number(r.order_id));

  it('ends the window at the scheduled bound when no writer is open', async () => {
    const before = now();
    const manifest = await extractAndLoad(fixture, 'r0', { ...noLookback, safetyLagMs: 60_000 });
    expect(manifest.snapshot).toMatchObject({ limitedBy: 'schedule', openWriters: 0, oldestOpenXactStart: null, observed: true });
    expect(manifest.snapshot?.snapshotXmin).toMatch(/^\d+$/);
    const end = Date.parse(manifest.window.end);
    expect(end).toBeGreaterThanOrEqual(before.getTime() - 60_000);
    expect(end).toBe(Date.parse(manifest.scheduledAt) - 60_000);
    expect(manifest.rowCount).toBeGreaterThan(0);
  });

  it('never loses a row stamped now() by a transaction that commits after a run, even without lookback', async () => {
    const writer: Client = await fixture.connect();
    const lateOrderId = 990_000_001;
    try {
      const stamped = await fixture.beginWriterStampingNow(writer, lateOrderId);
      await new Promise((resolve) => setTimeout(resolve, 20)); // so the schedule is past the writer's start

      const during = await extractAndLoad(fixture, 'r1');
      expect(during.snapshot).toMatchObject({ limitedBy: 'open-transaction', openWriters: 1 });
      expect(during.window.end).toBe(during.snapshot?.oldestOpenXactStart);
      expect(Date.parse(during.window.end)).toBeLessThanOrEqual(stamped.getTime());
      expect(await loadedOrderIds()).not.toContain(lateOrderId);

      await writer.query('commit');
      const after = await extractAndLoad(fixture, 'r2');
      expect(after.window.start).toBe(during.window.end);
      expect(after.snapshot?.limitedBy).toBe('schedule');
      expect(await loadedOrderIds()).toContain(lateOrderId);
    } finally {
      await writer.end();
    }
  });

  it('warns, naming the session, when an open writer holds the window end back longer than configured', async () => {
    const writer: Client = await fixture.connect();
    try {
      await writer.query("set application_name = 'nightly-repricing'");
      const writerPid = Number((await writer.query('select pg_backend_pid() as pid')).rows[0]['pid']);
      await fixture.beginWriterStampingNow(writer, 990_000_002);
      await new Promise((resolve) => setTimeout(resolve, 1_200));

      const warnings = async (openWriterWarnMs: number) => {
        const { logger, records } = recordingLogger();
        const deps = await fixture.deps({ ...noLookback, openWriterWarnMs });
        try {
          await extractOrdersDb(hourly(`warn-${openWriterWarnMs}`), [ordersStream], { ...deps, logger });
        } finally {
          await deps.source.close();
        }
        return records.filter((r) => r['level'] === 'warn');
      };
      expect(await warnings(60_000)).toEqual([]);
      const [held] = await warnings(0);
      expect(held).toMatchObject({ writerPid, writerApplication: 'nightly-repricing', openWriters: 1 });
      expect(held['msg']).toMatch(new RegExp(`held back \\d+ min by a transaction open since .*pid ${writerPid}, application "nightly-repricing"`));
    } finally {
      await writer.query('rollback');
      await writer.end();
    }
  });
});
