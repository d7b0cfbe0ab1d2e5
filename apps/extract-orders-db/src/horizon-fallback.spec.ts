import { Client } from 'pg';
import { postgresDialect, renderSql } from '@northstar/sql';
import { OrdersDbSource } from './orders-db-source';
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
});
