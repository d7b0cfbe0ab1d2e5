import { ExitCode, exitCodeFor, silentLogger, TransientError, type Logger } from '@northstar/core';
import { renderSql } from '@northstar/sql';
import { ensureWarehouseSchemas, SnowflakeWarehouse, tableExists } from '@northstar/warehouse';
import { fakeSnowflakeColumn, openTempDuckDb, RecordingSnowflakeConnection, type TempDuckDb } from '@northstar/warehouse/testing';
import { lockTable, SourceLoadLock } from './source-load-lock';

const HOUR = 3_600_000;

describe('SourceLoadLock on DuckDB', () => {
  let db: TempDuckDb;

  beforeEach(async () => {
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
  });

  afterEach(() => db.dispose());

  const take = (runId: string, logger: Logger = silentLogger(), ttlMs = 4 * HOUR) => SourceLoadLock.take(db.warehouse, 'orders_db', runId, { ttlMs, logger });
  const age = (hours: number) => db.warehouse.run(renderSql(`update {{ t }} set acquired_at = acquired_at - interval '${hours} hours'`, db.warehouse.dialect, { idents: { t: lockTable('orders_db') } }));

  it('lets one load of a source in at a time; the other stops as transient (exit 75), naming the holder', async () => {
    const first = await take('hourly-20261102T07');
    const refused = await take('hourly-20261102T08').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TransientError);
    expect(exitCodeFor(refused)).toBe(ExitCode.transient);
    expect((refused as Error).message).toMatch(new RegExp(`^orders_db: another load holds it \\(run ${first.holder}, since \\d{4}-\\d\\d-\\d\\dT.*Z, 0 min ago on the warehouse's clock\\)`));
    // Another source is not held up.
    await expect(SourceLoadLock.take(db.warehouse, 'stripe', 'hourly-20261102T08', { ttlMs: HOUR, logger: silentLogger() })).resolves.toBeInstanceOf(SourceLoadLock);
  });

  it('tells two attempts of one run id apart', async () => {
    await take('hourly-20261102T07');
    await expect(take('hourly-20261102T07')).rejects.toBeInstanceOf(TransientError);
  });

  it('is free again once released', async () => {
    await (await take('hourly-1')).release();
    expect(await tableExists(db.warehouse, lockTable('orders_db'))).toBe(false);
    await expect(take('hourly-2')).resolves.toBeInstanceOf(SourceLoadLock);
  });

  it('takes over a lock older than the TTL (a load that died), with a warning, and the old holder then leaves it alone', async () => {
    const oldWarn = jest.fn();
    const dead = await take('hourly-1', { ...silentLogger(), warn: oldWarn } as unknown as Logger);
    await age(5);
    const warn = jest.fn();
    const next = await take('hourly-2', { ...silentLogger(), warn } as unknown as Logger);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ source: 'orders_db', holder: dead.holder, ageMinutes: 300 }), expect.stringContaining('taking it over'));
    await dead.release();
    expect(oldWarn).toHaveBeenCalledWith(expect.objectContaining({ heldBy: next.holder }), expect.stringContaining('taken over while this load ran'));
    await expect(take('hourly-3')).rejects.toThrow(`another load holds it (run ${next.holder}`);
    const tables = await db.warehouse.query<{ table_name: string }>({ sql: "select table_name from information_schema.tables where table_schema = 'ops' and table_name like 'load_lock%'", binds: [] });
    expect(tables).toEqual([{ table_name: 'load_lock__orders_db' }]);
  });

  it('never lets two loads taking over one stale lock both hold it: the late renamer puts the fresh lock back and stops (exit 75)', async () => {
    await take('hourly-dead');
    await age(5);
    let winner: SourceLoadLock | undefined;
    // B has read the stale lock; before it renames, A takes it over and creates its own.
    const late = SourceLoadLock.take(db.warehouse, 'orders_db', 'hourly-B', {
      ttlMs: 4 * HOUR, logger: silentLogger(),
      beforeTakeOver: async () => {
        winner ??= await take('hourly-A');
      },
    }).catch((error: unknown) => error);
    const refused = await late;
    expect(exitCodeFor(refused)).toBe(ExitCode.transient);
    expect((refused as Error).message).toContain(`another load took the stale lock over first (now held by ${winner?.holder})`);
    await expect(take('hourly-C')).rejects.toThrow(`another load holds it (run ${winner?.holder}`);
    const tables = await db.warehouse.query<{ table_name: string }>({ sql: "select table_name from information_schema.tables where table_schema = 'ops' and table_name like 'load_lock%'", binds: [] });
    expect(tables).toEqual([{ table_name: 'load_lock__orders_db' }]);
  });
});

describe('SourceLoadLock on Snowflake (a recording connection)', () => {
  it('creates the lock with one CTAS and takes a stale one over by a qualified rename', async () => {
    const acquired = new Date(Date.now() - 5 * HOUR).toISOString();
    let created = 0;
    const text = (...names: string[]) => names.map((n) => fakeSnowflakeColumn(n, 'text'));
    const connection = new RecordingSnowflakeConnection((s) => {
      if (s.sql.includes('create table ops.load_lock__orders_db as') && ++created === 1) {
        throw Object.assign(new Error("SQL compilation error: Object 'OPS.LOAD_LOCK__ORDERS_DB' already exists."), { code: '002002', sqlState: '42710' });
      }
      if (s.sql.includes('information_schema.columns')) return { columns: text('COLUMN_NAME', 'DATA_TYPE', 'NUMERIC_PRECISION', 'NUMERIC_SCALE'), rows: [['holder', 'TEXT', null, null]] };
      if (s.sql.includes('current_timestamp as checked_at')) return { columns: text('HOLDER', 'ACQUIRED_AT', 'CHECKED_AT'), rows: [['dead#1', acquired, new Date().toISOString()]] };
      return undefined;
    });
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    await SourceLoadLock.take(warehouse, 'orders_db', 'hourly-2', { ttlMs: 4 * HOUR, logger: silentLogger() });
    const statements = connection.statements.map((s) => s.sql.replace(/^--.*$/gm, '').replace(/\s+/g, ' ').trim());
    expect(statements.filter((s) => s.startsWith('create table'))).toEqual([
      expect.stringMatching(/^create table ops\.load_lock__orders_db as select cast\('hourly-2#[0-9a-f]{8}' as varchar\) as holder, current_timestamp as acquired_at$/),
      expect.stringMatching(/^create table ops\.load_lock__orders_db as select cast\('hourly-2#[0-9a-f]{8}' as varchar\) as holder, current_timestamp as acquired_at$/),
    ]);
    expect(connection.statements.filter((s) => s.sql.includes('create table')).map((s) => s.binds)).toEqual([[], []]);
    expect(statements.filter((s) => s.startsWith('alter table'))).toEqual([expect.stringMatching(/^alter table ops\.load_lock__orders_db rename to ops\.load_lock__orders_db__stale_[0-9a-f]{8}$/)]);
  });
});
