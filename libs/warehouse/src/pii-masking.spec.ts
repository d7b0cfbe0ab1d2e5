import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { duckdbDialect, snowflakeDialect } from '@northstar/sql';
import { maskableType, renderPiiMaskingSetup, renderSetColumnPiiTag, tagPiiColumns, untaggedPiiColumns, type PiiColumnTarget } from './pii-masking';
import { SnowflakeWarehouse } from './snowflake-warehouse';
import { expectGolden, fakeSnowflakeColumn, formatGoldenStatements, RecordingSnowflakeConnection, type FakeSnowflakeResult, type RecordedStatement } from './testing';
import type { WarehouseSession } from './warehouse';

const goldens = path.resolve(__dirname, '..', 'goldens', 'snowflake', 'pii');
const string = { kind: 'string' } as const;
const customers = (column: string, pii: PiiColumnTarget['pii']): PiiColumnTarget => ({ table: 'raw.orders_db__customers', column, pii, type: string });
const targets = [customers('email', 'email'), customers('first_name', 'name'), customers('last_name', 'name'), { table: 'curated.dim_customer', column: 'email', pii: 'email' as const, type: string }];

/** A Snowflake where raw.orders_db__customers has id, email (tagged) and first_name (untagged), curated.dim_customer does not exist yet, and the string policy is already on the tag. */
function snowflakeState(statement: RecordedStatement): FakeSnowflakeResult | undefined {
  const [table] = statement.binds;
  if (statement.sql.includes('information_schema.columns')) {
    const names = statement.binds[1] === 'orders_db__customers' ? ['ID', 'EMAIL', 'FIRST_NAME'] : [];
    return { columns: ['column_name', 'data_type', 'numeric_precision', 'numeric_scale'].map((n) => fakeSnowflakeColumn(n, 'text')), rows: names.map((n) => [n.toLowerCase(), 'TEXT', null, null]) };
  }
  if (statement.sql.includes('tag_references_all_columns')) {
    return { columns: [fakeSnowflakeColumn('column_name', 'text'), fakeSnowflakeColumn('tag_value', 'text')], rows: table === 'raw.orders_db__customers' ? [['email', 'email']] : [] };
  }
  if (statement.sql.includes('policy_references')) return { columns: [fakeSnowflakeColumn('policy_name', 'text')], rows: [['ops.pii_mask_string']] };
  return undefined;
}

describe('Snowflake PII masking', () => {
  it('renders the tag with the contracts\' PII kinds and one masking policy per data type', () => {
    expectGolden(path.join(goldens, 'setup.sql'), formatGoldenStatements(renderPiiMaskingSetup(snowflakeDialect)));
    expectGolden(path.join(goldens, 'set_column_pii_tag.sql'), formatGoldenStatements([renderSetColumnPiiTag(snowflakeDialect, customers('email', 'email'))]));
  });

  it('sets the missing policies on the tag and tags only the PII columns that exist untagged', async () => {
    const connection = new RecordingSnowflakeConnection(snowflakeState);
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    const session = connection.statements.length;
    const tagged = await tagPiiColumns(warehouse, targets);
    await warehouse.close();
    expect(tagged.map((t) => `${t.table}.${t.column}`)).toEqual(['raw.orders_db__customers.first_name']);
    const sent = connection.statements.slice(session).map((s) => ({ sql: s.sql, binds: [...s.binds] }));
    expectGolden(path.join(goldens, 'tag_pii_columns_transcript.sql'), formatGoldenStatements(sent));
    expect(sent.filter((s) => s.sql.startsWith('alter tag')).map((s) => s.sql)).toEqual(['alter tag ops.pii set masking policy ops.pii_mask_number', 'alter tag ops.pii set masking policy ops.pii_mask_variant']);
  });

  it('finds a contract PII column that exists untagged, and none once it is tagged', async () => {
    let firstNameTagged = false;
    const connection = new RecordingSnowflakeConnection((s) => {
      if (s.sql.includes('tag_references_all_columns') && firstNameTagged) return { columns: [fakeSnowflakeColumn('column_name', 'text'), fakeSnowflakeColumn('tag_value', 'text')], rows: [['email', 'email'], ['first_name', 'name']] };
      return snowflakeState(s);
    });
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    expect((await untaggedPiiColumns(warehouse, targets)).map((t) => t.column)).toEqual(['first_name']);
    firstNameTagged = true;
    expect(await untaggedPiiColumns(warehouse, targets)).toEqual([]);
    await warehouse.close();
  });

  it('counts a column tagged with the wrong kind as untagged', async () => {
    const connection = new RecordingSnowflakeConnection((s) =>
      s.sql.includes('tag_references_all_columns') ? { columns: [fakeSnowflakeColumn('column_name', 'text'), fakeSnowflakeColumn('tag_value', 'text')], rows: [['email', 'name'], ['first_name', 'name']] } : snowflakeState(s));
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    expect((await untaggedPiiColumns(warehouse, targets)).map((t) => t.column)).toEqual(['email']);
    await warehouse.close();
  });

  it('masks the quarantine\'s whole-row records like a PII column, whatever the targets', async () => {
    const connection = new RecordingSnowflakeConnection((s) => {
      if (s.sql.includes('information_schema.columns') && s.binds[1] === 'quarantine') {
        return { columns: ['column_name', 'data_type', 'numeric_precision', 'numeric_scale'].map((n) => fakeSnowflakeColumn(n, 'text')), rows: [['reason', 'TEXT', null, null], ['record', 'TEXT', null, null]] };
      }
      return snowflakeState(s);
    });
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    expect((await tagPiiColumns(warehouse, [])).map((t) => `${t.table}.${t.column} (${t.pii})`)).toEqual(['ops.quarantine.record (free_text)']);
    expect(connection.statements.map((s) => s.sql)).toContainEqual(expect.stringMatching(/alter table ops\.quarantine modify column record set tag ops\.pii = 'free_text'/));
    await warehouse.close();
  });

  it('does nothing on DuckDB', async () => {
    const session: WarehouseSession = { dialect: duckdbDialect, run: jest.fn(), query: jest.fn() };
    expect(await untaggedPiiColumns(session, targets)).toEqual([]);
    expect(session.query).not.toHaveBeenCalled();
  });

  it('has a masking policy for every type a PII column may have', () => {
    expect([string, { kind: 'integer' }, { kind: 'json' }].every((t) => maskableType(t as PiiColumnTarget['type']))).toBe(true);
    expect(maskableType({ kind: 'date' })).toBe(false);
  });
});
