import type { Client } from 'pg';
import type { RunParameters } from '@northstar/core';
import { recordingLogger } from '@northstar/core/testing';
import { contractFor } from '@northstar/contracts';
import { extractOrdersDb } from './extract-orders-db';
import { OrdersDbSource } from './orders-db-source';
import { horizonEnd } from './snapshot-horizon';
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
      expect(after.snapshot?.limitedBy).not.toBe('open-transaction');
      expect(await loadedOrderIds()).toContain(lateOrderId);
    } finally {
      await writer.end();
    }
  });

  it('holds the window at a transaction that has only read so far, since it may still write rows stamped with its start', async () => {
    const client: Client = await fixture.connect();
    const lateOrderId = 990_000_003;
    try {
      await client.query('begin');
      const started = (await client.query('select now() as t')).rows[0]['t'] as Date; // no xid yet: nothing written
      await new Promise((resolve) => setTimeout(resolve, 20));

      const during = await extractAndLoad(fixture, 'r-read-first');
      expect(during.snapshot).toMatchObject({ limitedBy: 'open-transaction', openWriters: 1 });
      expect(Date.parse(during.window.end)).toBeLessThanOrEqual(started.getTime());

      await fixture.insertOrderStampingNow(client, lateOrderId);
      await client.query('commit');
      await extractAndLoad(fixture, 'r-read-first-after');
      expect(await loadedOrderIds()).toContain(lateOrderId);
    } finally {
      await client.end();
    }
  });

  it('does not count open transactions of its own application: other extract runs, read only', async () => {
    const other = await OrdersDbSource.connect(fixture.database.url, 'northstar-test');
    try {
      const manifest = await extractAndLoad(fixture, 'r-other-extract');
      expect(manifest.snapshot).toMatchObject({ openWriters: 0 });
      expect(manifest.snapshot?.limitedBy).not.toBe('open-transaction');
    } finally {
      await other.close();
    }
  });

  it('misses no writer that commits while the run takes its snapshot (raced many times)', async () => {
    const writer: Client = await fixture.connect();
    try {
      for (let trial = 0; trial < 40; trial++) {
        const orderId = 990_100_000 + trial;
        const stamped = await fixture.beginWriterStampingNow(writer, orderId);
        const connecting = OrdersDbSource.connect(fixture.database.url, 'northstar-test');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 6));
        await writer.query('commit');
        const source = await connecting;
        try {
          let csv = '';
          for await (const chunk of source.copyWindow('orders', orders, { start: new Date(stamped.getTime() - 1), end: new Date(stamped.getTime() + 1) })) csv += chunk.toString('utf8');
          const inSnapshot = csv.split('\n').some((line) => line.startsWith(`${orderId},`));
          const { end } = horizonEnd(new Date(Date.now() + 3_600_000), source.horizon);
          // Either this snapshot holds the row, or the window ends before it and the next one reads it.
          expect(inSnapshot || end.getTime() <= stamped.getTime()).toBe(true);
        } finally {
          await source.close();
        }
      }
    } finally {
      await writer.end();
    }
  });

  it('reads a backfill asked to end in the future only up to the source clock, so the watermark never passes now', async () => {
    const deps = await fixture.deps(noLookback);
    try {
      const future = { start: new Date(Date.now() - 3_600_000), end: new Date(Date.now() + 2 * 86_400_000) };
      const [result] = await extractOrdersDb({ mode: 'backfill', scheduledAt: future.start, window: future, runId: 'backfill-future' }, [ordersStream], deps);
      expect(result.manifest.snapshot?.limitedBy).toBe('source-clock');
      expect(Date.parse(result.manifest.window.end)).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(result.manifest.proposedWatermark)).toBe(Date.parse(result.manifest.window.end));
    } finally {
      await deps.source.close();
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
