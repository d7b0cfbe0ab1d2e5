import * as path from 'node:path';
import { ordersContract } from '@northstar/contracts';
import { silentLogger } from '@northstar/core';
import { duckdbDialect, renderSql, snowflakeDialect } from '@northstar/sql';
import { renderLoadRawFile, type RawFileToLoad } from './load-raw-file';
import { SnowflakeWarehouse } from './snowflake-warehouse';
import { expectGolden, formatGoldenStatements, RecordingSnowflakeConnection } from './testing';
import { ensureWarehouseSchemas, renderWarehouseSchemaStatements } from './warehouse-schemas';
import { opsTableTemplates } from './warehouse-sql';

const goldens = path.resolve(__dirname, '..', 'goldens');
const ordersFile: RawFileToLoad = {
  location: 's3://northstar-raw-prod/orders_db/orders/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet',
  sourceFile: 'orders_db/orders/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet',
  runId: 'hourly-2026112910',
  extractedAt: new Date('2026-11-29T10:05:00.250Z'),
  loadedAt: new Date('2026-11-29T10:20:00Z'),
};

describe.each([duckdbDialect, snowflakeDialect])('golden SQL for $name', (dialect) => {
  it('creates the five schemas', () => {
    const schemas = renderWarehouseSchemaStatements(dialect).slice(0, 5);
    expectGolden(path.join(goldens, dialect.name, 'create_schemas.sql'), formatGoldenStatements(schemas));
  });

  it.each(opsTableTemplates().map((t) => [t.name, t] as const))('creates ops.%s', (name, template) => {
    expectGolden(path.join(goldens, dialect.name, 'ops', `${name}.sql`), formatGoldenStatements([renderSql(template, dialect)]));
  });

  it('loads one raw orders file', () => {
    const statement = renderLoadRawFile(ordersContract, dialect, ordersFile, { rawStage: 'raw_zone' });
    expectGolden(path.join(goldens, dialect.name, 'load_raw_file', 'orders_db__orders.sql'), formatGoldenStatements([statement]));
  });
});

describe('golden Snowflake session transcript', () => {
  it('records every statement a load session sends, in order', async () => {
    const connection = new RecordingSnowflakeConnection();
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    await ensureWarehouseSchemas(warehouse);
    await warehouse.transaction(async (s) => s.run(renderLoadRawFile(ordersContract, s.dialect, ordersFile)));
    await warehouse.transaction(async () => Promise.reject(new Error('rolled back'))).catch(() => undefined);
    await warehouse.close();
    const sent = connection.statements.map((s) => ({ sql: s.sql, binds: [...s.binds] }));
    expectGolden(path.join(goldens, 'snowflake', 'session_transcript.sql'), formatGoldenStatements(sent));
    expect(connection.destroyed).toBe(true);
  });
});
