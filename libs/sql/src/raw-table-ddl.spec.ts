import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { allContracts, col, rawTableName, type Contract } from '@northstar/contracts';
import { duckdbDialect, snowflakeDialect } from './dialect';
import { rawLoadColumns, rawTableRef, renderAddRawColumn, renderRawTableDdl } from './raw-table-ddl';

// Goldens: the DDL each dialect gets, reviewed as text in pull requests.
// UPDATE_GOLDENS=1 rewrites them (and drops those of removed contracts);
// the warehouse lib runs the same DDL against DuckDB.
const goldens = path.join(__dirname, '../goldens');
const updating = process.env['UPDATE_GOLDENS'] === '1';

describe.each([duckdbDialect, snowflakeDialect])('raw table DDL for $name', (dialect) => {
  const dir = path.join(goldens, dialect.name, 'raw');

  it.each(allContracts.map((c) => [rawTableName(c), c] as const))('%s matches its golden', (table, contract) => {
    const rendered = renderRawTableDdl(contract, dialect);
    expect(rendered.binds).toEqual([]);
    const file = path.join(dir, `${table}.sql`);
    if (updating) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, `${rendered.sql}\n`);
    }
    expect(existsSync(file) ? readFileSync(file, 'utf8') : `(no golden at ${file}; run with UPDATE_GOLDENS=1)`).toBe(`${rendered.sql}\n`);
  });

  it('has no golden without a contract', () => {
    const expected = allContracts.map((c) => `${rawTableName(c)}.sql`);
    const stale = (existsSync(dir) ? readdirSync(dir) : []).filter((f) => !expected.includes(f));
    if (updating) for (const f of stale) rmSync(path.join(dir, f));
    expect(updating ? [] : stale).toEqual([]);
  });
});

describe('renderRawTableDdl', () => {
  const contract: Contract = {
    source: 'orders_db',
    entity: 'widgets',
    version: '1.0.0',
    description: 'Widgets.',
    businessKey: ['widget_id'],
    cursor: 'updated_at',
    biFacing: false,
    columns: [col.integer('widget_id'), col.string('order', { description: 'a reserved word' }), col.timestamp('updated_at')],
  };

  it('creates raw.<source>__<entity> once, keeping every source column nullable', () => {
    expect(renderRawTableDdl(contract, duckdbDialect).sql).toBe(
      [
        'create table if not exists raw.orders_db__widgets (',
        '  widget_id bigint,',
        '  "order" varchar,',
        '  updated_at timestamptz,',
        '  _run_id varchar not null,',
        '  _source_file varchar not null,',
        '  _row_number bigint not null,',
        '  _extracted_at timestamptz not null,',
        '  _loaded_at timestamptz not null',
        ')',
      ].join('\n'),
    );
  });

  it('spells types and quoting the Snowflake way', () => {
    const sql = renderRawTableDdl(contract, snowflakeDialect).sql;
    expect(sql).toContain('  widget_id number(38, 0),\n  "ORDER" varchar,\n  updated_at timestamp_tz,');
    expect(sql).toContain('  _loaded_at timestamp_tz not null\n)');
  });

  it('adds a column a newer contract version declares, nullable, quoted as the dialect needs', () => {
    expect(renderAddRawColumn(contract, 'order', duckdbDialect).sql).toBe('alter table raw.orders_db__widgets add column if not exists "order" varchar');
    expect(renderAddRawColumn(contract, 'updated_at', snowflakeDialect).sql).toBe('alter table raw.orders_db__widgets add column if not exists updated_at timestamp_tz');
    expect(() => renderAddRawColumn(contract, 'colour', duckdbDialect)).toThrow('orders_db.widgets has no column "colour"');
  });

  it('names the load columns the loader fills', () => {
    expect(rawLoadColumns.map((c) => c.name)).toEqual(['_run_id', '_source_file', '_row_number', '_extracted_at', '_loaded_at']);
    expect(rawTableRef(contract)).toBe('raw.orders_db__widgets');
  });
});
