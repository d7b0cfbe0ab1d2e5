import { loadConfig, silentLogger, TransientError, type SnowflakeConfig } from '@northstar/core';
import { renderSql, snowflakeDialect } from '@northstar/sql';
import * as path from 'node:path';
import { SnowflakeWarehouse } from './snowflake-warehouse';
import { fakeSnowflakeColumn as column, RecordingSnowflakeConnection, type RecordedStatement } from './testing';
import { describeWarehouse } from './warehouse.suite';

const stmt = (sql: string, params: Record<string, unknown> = {}) => renderSql(sql, snowflakeDialect, { params });

describe('SnowflakeWarehouse over a fake connection', () => {
  it('pins the session before any work: UTC, timestamp text with microseconds and offset, NULL order', async () => {
    const connection = new RecordingSnowflakeConnection();
    await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    expect(connection.statements.map((s) => s.sql.replace(/^--.*\n/gm, '').trim())).toEqual([
      "alter session set timezone = 'UTC'",
      "alter session set timestamp_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6 TZHTZM'",
      "alter session set timestamp_tz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6 TZHTZM'",
      "alter session set timestamp_ltz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6 TZHTZM'",
      "alter session set timestamp_ntz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6'",
      "alter session set default_null_ordering = 'LAST'",
    ]);
  });

  it('sends binds as snowflake-sdk accepts them and normalises the rows it gets back', async () => {
    const connection = new RecordingSnowflakeConnection((s) =>
      s.sql.startsWith('select')
        ? { columns: [column('ORDER_ID', 'fixed'), column('TOTAL', 'fixed', 2), column('SEEN', 'boolean')], rows: [['9007199254740993', '12.3', true], ['1', null, false]] }
        : undefined,
    );
    const warehouse = new SnowflakeWarehouse(connection, silentLogger());
    const rows = await warehouse.query(stmt('select order_id, total, seen from t where at >= :at and id > :id', { at: new Date('2026-11-29T10:00:00Z'), id: 2n ** 60n }));
    expect(connection.statements).toEqual([{ sql: 'select order_id, total, seen from t where at >= :1 and id > :2', binds: ['2026-11-29T10:00:00+00:00', '1152921504606846976'] }]);
    expect(rows).toEqual([{ order_id: 9007199254740993n, total: '12.30', seen: true }, { order_id: 1, total: null, seen: false }]);
  });

  it('wraps a transaction in begin/commit, and rolls back when the callback throws', async () => {
    const connection = new RecordingSnowflakeConnection();
    const warehouse = new SnowflakeWarehouse(connection, silentLogger());
    await warehouse.transaction((s) => s.run(stmt('insert into t select :v', { v: 1 })));
    await expect(warehouse.transaction(async (s) => {
      await s.run(stmt('insert into t select :v', { v: 2 }));
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(connection.statements.map((s) => s.sql)).toEqual(['begin transaction', 'insert into t select :1', 'commit', 'begin transaction', 'insert into t select :1', 'rollback']);
  });

  it('turns driver errors into TransientError or a statement-naming error', async () => {
    const connection = new RecordingSnowflakeConnection((s: RecordedStatement) => {
      if (s.sql.includes('flaky')) throw Object.assign(new Error('Network error'), { code: 401001 });
      throw Object.assign(new Error('SQL compilation error'), { code: '001003' });
    });
    const warehouse = new SnowflakeWarehouse(connection, silentLogger());
    await expect(warehouse.run(stmt('select * from flaky'))).rejects.toBeInstanceOf(TransientError);
    await expect(warehouse.run(stmt('selec 1'))).rejects.toThrow('Snowflake failed on "selec 1": SQL compilation error');
  });
});

/** The live suite runs only where a Snowflake account is configured (a dedicated test database with an internal raw stage). */
function liveSnowflakeConfig(): SnowflakeConfig | undefined {
  if (!process.env['SNOWFLAKE_ACCOUNT']) return undefined;
  const config = loadConfig({ ...process.env, NORTHSTAR_ENV: 'local', NORTHSTAR_WAREHOUSE: 'snowflake' }, false).warehouse;
  return config.kind === 'snowflake' ? config : undefined;
}

const live = liveSnowflakeConfig();
if (live) {
  describeWarehouse('Snowflake (live)', async () => {
    const warehouse = await SnowflakeWarehouse.open(live, silentLogger());
    return {
      warehouse,
      loadOptions: { rawStage: live.rawStage },
      stageFile: async (localPath, key) => {
        const target = `@${live.rawStage}/${path.posix.dirname(key)}`;
        await warehouse.run(renderSql(`put {{ source }} {{ target }} auto_compress = false overwrite = true`, snowflakeDialect, {
          fragments: { source: { kind: 'sql-fragment', sql: snowflakeDialect.literal(`file://${localPath}`) }, target: { kind: 'sql-fragment', sql: snowflakeDialect.literal(target) } },
        }));
        return key;
      },
      dispose: () => warehouse.close(),
    };
  });
} else {
  const reason = 'SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, SNOWFLAKE_WAREHOUSE, SNOWFLAKE_DATABASE and a key or password are not set';
  console.warn(`Warehouse behaviour: Snowflake did not run: ${reason}`);
  describe.skip(`Warehouse behaviour: Snowflake (did not run: ${reason})`, () => {
    it('runs the shared warehouse suite against a live account', () => undefined);
  });
}
