import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { recordSyntheticAccess, type SyntheticAccess } from '@northstar/sandbox';
import { ensureWarehouseSchemas, SnowflakeWarehouse } from '@northstar/warehouse';
import { expectGolden, fakeSnowflakeColumn, formatGoldenStatements, openTempDuckDb, RecordingSnowflakeConnection, type TempDuckDb } from '@northstar/warehouse/testing';
import { auditAccess, piiReadsSince } from './access-audit';

const pii = new Set(['raw.orders_db__customers.email', 'curated.dim_customer.email']);
const now = new Date('2026-12-05T02:00:00Z');

describe('access audit on DuckDB with a synthetic ACCESS_HISTORY', () => {
  let db: TempDuckDb;
  let database: string;
  const access = (queryId: string, at: string, user: string, role: string, read: Record<string, string[]>): SyntheticAccess => ({ queryId, at: new Date(at), user, role, read });

  beforeEach(async () => {
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    database = String((await db.warehouse.query<{ db: string }>({ sql: 'select current_database() as db', binds: [] }))[0].db).toUpperCase();
    await recordSyntheticAccess(db.warehouse, [
      access('q1', '2026-12-04T09:00:00Z', 'ANALYST', 'PII_READER', { [`${database}.CURATED.DIM_CUSTOMER`]: ['CUSTOMER_ID', 'EMAIL'] }),
      access('q2', '2026-12-04T10:00:00Z', 'BI_SERVICE', 'BI_READER', { [`${database}.CURATED.FCT_ORDERS`]: ['ORDER_ID', 'TOTAL_AMOUNT'] }),
      access('q3', '2026-12-04T11:00:00Z', 'ANALYST', 'SYSADMIN', { 'OTHER_DB.PUBLIC.EMAILS': ['EMAIL'] }),
    ]);
  });

  afterEach(() => db.dispose());

  const audit = () => db.warehouse.query<{ query_id: string; user_name: string; role_name: string; object_name: string; column_name: string; is_pii: boolean }>(
    { sql: 'select query_id, user_name, role_name, object_name, column_name, is_pii from ops.access_audit order by query_id, column_name', binds: [] },
  );

  it('appends each column a query read of this database, with who, role and whether it is PII', async () => {
    const result = await auditAccess(db.warehouse, pii, now, silentLogger());
    expect(result).toMatchObject({ columnsRead: 4, piiColumnsRead: 1 });
    expect(result?.since.toISOString()).toBe('2025-12-05T02:00:00.000Z');
    expect(await audit()).toEqual([
      { query_id: 'q1', user_name: 'ANALYST', role_name: 'PII_READER', object_name: 'curated.dim_customer', column_name: 'customer_id', is_pii: false },
      { query_id: 'q1', user_name: 'ANALYST', role_name: 'PII_READER', object_name: 'curated.dim_customer', column_name: 'email', is_pii: true },
      { query_id: 'q2', user_name: 'BI_SERVICE', role_name: 'BI_READER', object_name: 'curated.fct_orders', column_name: 'order_id', is_pii: false },
      { query_id: 'q2', user_name: 'BI_SERVICE', role_name: 'BI_READER', object_name: 'curated.fct_orders', column_name: 'total_amount', is_pii: false },
    ]);
  });

  it('continues from its last position, re-reading a day for late rows without doubling any', async () => {
    await auditAccess(db.warehouse, pii, now, silentLogger());
    // Arrived late (ACCESS_HISTORY lags): its query ran before the newest row already audited.
    await recordSyntheticAccess(db.warehouse, [access('q4', '2026-12-04T09:30:00Z', 'SUPPORT', 'SUPPORT_AGENT', { [`${database}.RAW.ORDERS_DB__CUSTOMERS`]: ['EMAIL'] })]);
    const second = await auditAccess(db.warehouse, pii, now, silentLogger());
    expect(second?.since.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect((await audit()).map((r) => `${r.query_id}.${r.column_name}`)).toEqual(['q1.customer_id', 'q1.email', 'q2.order_id', 'q2.total_amount', 'q4.email']);
  });

  it('answers who read which PII column in the last 30 days', async () => {
    await recordSyntheticAccess(db.warehouse, [access('q5', '2026-10-01T09:00:00Z', 'OLD', 'PII_READER', { [`${database}.CURATED.DIM_CUSTOMER`]: ['EMAIL'] })]);
    await auditAccess(db.warehouse, pii, now, silentLogger());
    const reads = await piiReadsSince(db.warehouse, new Date(now.getTime() - 30 * 86_400_000));
    expect(reads.map((r) => [r.user_name, r.role_name, r.object_name, r.column_name, Number(r.queries)])).toEqual([['ANALYST', 'PII_READER', 'curated.dim_customer', 'email', 1]]);
  });
});

describe('access audit where no access history is kept', () => {
  it('does nothing on a local DuckDB without the sandbox\'s history', async () => {
    const db = await openTempDuckDb();
    try {
      await ensureWarehouseSchemas(db.warehouse);
      expect(await auditAccess(db.warehouse, pii, now, silentLogger())).toBeUndefined();
    } finally {
      await db.dispose();
    }
  });
});

describe('access audit on Snowflake (a recording connection)', () => {
  it('reads ACCOUNT_USAGE from a day before its last row and appends with binds', async () => {
    const connection = new RecordingSnowflakeConnection((s) => {
      if (s.sql.includes('max(accessed_at)')) return { columns: [fakeSnowflakeColumn('LAST_ACCESSED_AT', 'text')], rows: [['2026-12-04T11:00:00.000000Z']] };
      if (s.sql.includes('account_usage.access_history')) {
        return {
          columns: ['QUERY_ID', 'ACCESSED_AT', 'USER_NAME', 'ROLE_NAME', 'OBJECT_NAME', 'COLUMN_NAME'].map((n) => fakeSnowflakeColumn(n, 'text')),
          rows: [['01b2-q1', '2026-12-04T12:00:00.000000Z', 'ANALYST', 'PII_READER', 'northstar_prod.curated.dim_customer', 'email']],
        };
      }
      return undefined;
    });
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    const session = connection.statements.length;
    await auditAccess(warehouse, pii, now, silentLogger());
    await warehouse.close();
    const sent = connection.statements.slice(session).map((s) => ({ sql: s.sql, binds: [...s.binds] }));
    expectGolden(path.resolve(__dirname, '..', 'goldens', 'snowflake', 'access_audit_transcript.sql'), formatGoldenStatements(sent));
    expect(sent.find((s) => s.sql.startsWith('insert into ops.access_audit'))?.binds).toEqual(['01b2-q1', expect.any(String), 'ANALYST', 'PII_READER', 'curated.dim_customer', 'email', true, expect.any(String)]);
  });
});
