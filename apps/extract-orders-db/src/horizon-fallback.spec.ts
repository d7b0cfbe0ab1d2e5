import { Client } from 'pg';
import { ExitCode, exitCodeFor, type RunParameters } from '@northstar/core';
import { postgresDialect, renderSql } from '@northstar/sql';
import { extractOrdersDb } from './extract-orders-db';
import { OrdersDbSource } from './orders-db-source';
import { ordersStream } from './streams/orders.stream';
import { ADMIN_URL, OrdersDbFixture } from './testing';

/**
 * A role without pg_read_all_stats sees other sessions in pg_stat_activity
 * with their xid hidden: the open-writer horizon cannot be observed. The run
 * must say so (and fall back to the scheduled bound), not silently trust it.
 */
describe('snapshot horizon for a role that cannot see other sessions', () => {
  const role = `northstar_reader_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let fixture: OrdersDbFixture;

  async function asAdmin(url: string, statement: string): Promise<void> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const rendered = renderSql(statement, postgresDialect, { idents: { role } });
      await client.query(rendered.sql, rendered.binds as unknown[]);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    fixture = await OrdersDbFixture.open('horizon_fallback', new Date('2026-11-02T00:00:00Z'));
    await asAdmin(ADMIN_URL, 'create role {{ role }} login');
    await asAdmin(fixture.database.url, 'grant select on all tables in schema public to {{ role }}');
  }, 60_000);

  afterAll(async () => {
    await fixture?.dispose();
    await asAdmin(ADMIN_URL, 'drop role if exists {{ role }}');
  });

  it('reports the horizon as unobserved, naming the missing grant, while an open writer exists', async () => {
    const writer = new Client({ connectionString: fixture.database.url });
    await writer.connect();
    await writer.query('begin');
    await writer.query('select txid_current()'); // holds an xid, as a writer does
    try {
      const url = new URL(fixture.database.url);
      url.username = role;
      const limited = await OrdersDbSource.connect(url.toString(), 'northstar-test');
      const admin = await OrdersDbSource.connect(fixture.database.url, 'northstar-test');
      try {
        expect(limited.horizon).toMatchObject({ observed: false, unobservedReason: expect.stringMatching(/pg_read_all_stats/) });
        expect(admin.horizon).toMatchObject({ observed: true, openWriters: 1 });
        expect(admin.horizon.oldestOpenXactStart).toBeInstanceOf(Date);
      } finally {
        await Promise.all([limited.close(), admin.close()]);
      }
    } finally {
      await writer.query('rollback');
      await writer.end();
    }
  }, 60_000);

  it('caps every window at the source clock read in the snapshot even when pg_stat_activity is refused, and refuses an hourly --at far ahead (exit 2)', async () => {
    // pg_stat_activity is a view of this database's catalog: the revoke reaches no other database.
    await asAdmin(fixture.database.url, 'revoke select on pg_catalog.pg_stat_activity from public');
    const url = new URL(fixture.database.url);
    url.username = role;
    const config = { initialStart: new Date(Date.now() - 6 * 3_600_000), lookbackMs: 0, safetyLagMs: 0, openWriterWarnMs: 900_000 };
    const future = new Date('2027-06-01T00:00:00Z');
    try {
      const hourly: RunParameters = { mode: 'hourly', scheduledAt: future, runId: 'future-hourly' };
      const refused = await withDeps(url.toString(), config, (deps) => extractOrdersDb(hourly, [ordersStream], deps)).catch((error: unknown) => error);
      expect(exitCodeFor(refused)).toBe(ExitCode.badInput);
      expect((refused as Error).message).toMatch(/hourly run for 2027-06-01T00:00:00.000Z is \d+ min ahead of the orders DB's clock/);

      const backfill: RunParameters = { mode: 'backfill', scheduledAt: new Date(Date.now() - 3_600_000), window: { start: new Date(Date.now() - 3_600_000), end: future }, runId: 'future-backfill' };
      const before = Date.now();
      const [result] = await withDeps(url.toString(), config, async (deps) => {
        expect(deps.source.horizon).toMatchObject({ observed: false, observedAt: undefined });
        return extractOrdersDb(backfill, [ordersStream], deps);
      });
      const end = Date.parse(result.manifest.window.end);
      expect(result.manifest.snapshot).toMatchObject({ limitedBy: 'source-clock', sourceClock: result.manifest.window.end });
      expect(Date.parse(result.manifest.proposedWatermark)).toBe(end);
      expect(Math.abs(end - before)).toBeLessThan(60_000);
    } finally {
      await asAdmin(fixture.database.url, 'grant select on pg_catalog.pg_stat_activity to public');
    }
  }, 60_000);

  async function withDeps<T>(url: string, config: Parameters<OrdersDbFixture['deps']>[0], work: (deps: Awaited<ReturnType<OrdersDbFixture['deps']>>) => Promise<T>): Promise<T> {
    const deps = await fixture.deps(config, undefined, url);
    try {
      return await work(deps);
    } finally {
      await deps.source.close();
    }
  }
});
