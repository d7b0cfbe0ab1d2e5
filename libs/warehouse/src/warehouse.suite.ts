import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Contract } from '@northstar/contracts';
import { duckdbDialect, fragment, renderSql, typeKey, type RenderedSql, type SqlFragment } from '@northstar/sql';
import { DuckDbWarehouse } from './duckdb-warehouse';
import { renderLoadRawFile, type LoadRawFileOptions } from './load-raw-file';
import { ensureRawTable } from './raw-table';
import { tableColumns } from './table-columns';
import { everyTypeTestContract } from './testing';
import type { Warehouse } from './warehouse';
import { ensureWarehouseSchemas } from './warehouse-schemas';

export interface WarehouseUnderTest {
  readonly warehouse: Warehouse;
  /** Makes a local file loadable under the raw-zone key `key`; returns its location for RawFileToLoad. */
  stageFile(localPath: string, key: string): Promise<string>;
  readonly loadOptions?: LoadRawFileOptions;
  dispose(): Promise<void>;
}

const sql = (text: string, params: Record<string, unknown> = {}, fragments: Record<string, SqlFragment> = {}) => ({ text, params, fragments });

/**
 * The behaviours every Warehouse must show, run against each implementation
 * (DuckDB always, Snowflake when credentials exist).
 */
export function describeWarehouse(name: string, factory: () => Promise<WarehouseUnderTest>): void {
  describe(`Warehouse behaviour: ${name}`, () => {
    let subject: WarehouseUnderTest;
    let w: Warehouse;
    const render = (s: ReturnType<typeof sql>): RenderedSql => renderSql(s.text, w.dialect, { params: s.params, fragments: s.fragments });
    const run = (text: string, params?: Record<string, unknown>, fragments?: Record<string, SqlFragment>) => w.run(render(sql(text, params, fragments)));
    const query = (text: string, params?: Record<string, unknown>) => w.query(render(sql(text, params)));
    const types = () => ({
      int: fragment(w.dialect.typeName({ kind: 'integer' })),
      dec: fragment(w.dialect.typeName({ kind: 'decimal', precision: 12, scale: 2 })),
      wide: fragment(w.dialect.typeName({ kind: 'decimal', precision: 20, scale: 6 })),
      dbl: fragment(w.dialect.typeName({ kind: 'double' })),
      ts: fragment(w.dialect.typeName({ kind: 'timestamp' })),
      json: fragment(w.dialect.typeName({ kind: 'json' })),
      parse_json: fragment(w.dialect.name === 'duckdb' ? 'cast(:payload as json)' : 'parse_json(:payload)'),
    });

    beforeAll(async () => {
      subject = await factory();
      w = subject.warehouse;
      await ensureWarehouseSchemas(w);
    });
    afterAll(async () => subject?.dispose());

    it('round-trips every value type exactly, NULLs included', async () => {
      await run(
        `create or replace table staging.suite_values (id {{ int }}, big {{ int }}, label varchar, amount {{ dec }}, wide {{ wide }}, ratio {{ dbl }},
           flag boolean, on_day date, happened_at {{ ts }}, payload {{ json }})`,
        {},
        types(),
      );
      const insert = `insert into staging.suite_values select :id, :big, :label, :amount, :wide, :ratio, :flag, cast(:on_day as date), cast(:happened_at as {{ ts }}), {{ parse_json }}`;
      await run(insert, { id: 1, big: 9007199254740993n, label: "O'Brien ✓", amount: '12.30', wide: '12345678901234.123456', ratio: 0.1, flag: true, on_day: '2026-11-29', happened_at: '2026-11-29T10:00:00.123456Z', payload: '{"a":[1,2]}' }, types());
      await run(insert, { id: 2, big: -42, label: '', amount: '-0.05', wide: '0.000001', ratio: -1.5, flag: false, on_day: '1999-12-31', happened_at: new Date('2026-11-29T10:00:00.123Z'), payload: '"text"' }, types());
      await run(insert, { id: 3, big: null, label: null, amount: null, wide: null, ratio: null, flag: null, on_day: null, happened_at: null, payload: null }, types());
      await run(insert, { id: 4, big: 0, label: 'x', amount: '7', wide: '1', ratio: 2, flag: true, on_day: '2026-01-01', happened_at: '2026-11-29T10:00:00Z', payload: '{}' }, types());

      const rows = await query('select id, big, label, amount, wide, ratio, flag, on_day, happened_at, payload from staging.suite_values order by id');
      const parsed = rows.map((r) => ({ ...r, payload: r['payload'] === null ? null : JSON.parse(String(r['payload'])) }));
      expect(parsed).toEqual([
        { id: 1, big: 9007199254740993n, label: "O'Brien ✓", amount: '12.30', wide: '12345678901234.123456', ratio: 0.1, flag: true, on_day: '2026-11-29', happened_at: '2026-11-29T10:00:00.123456Z', payload: { a: [1, 2] } },
        { id: 2, big: -42, label: '', amount: '-0.05', wide: '0.000001', ratio: -1.5, flag: false, on_day: '1999-12-31', happened_at: '2026-11-29T10:00:00.123000Z', payload: 'text' },
        { id: 3, big: null, label: null, amount: null, wide: null, ratio: null, flag: null, on_day: null, happened_at: null, payload: null },
        { id: 4, big: 0, label: 'x', amount: '7.00', wide: '1.000000', ratio: 2, flag: true, on_day: '2026-01-01', happened_at: '2026-11-29T10:00:00Z', payload: {} },
      ]);
      expect(typeof rows[0]['payload']).toBe('string');
    });

    it('returns lower-case column names and counts as numbers', async () => {
      const [row] = await query('select count(*) as "N_Rows", max(id) as top_id from staging.suite_values');
      expect(row).toEqual({ n_rows: 4, top_id: 4 });
    });

    it('sorts NULLs as Snowflake does on both engines: last ascending, first descending', async () => {
      const ascending = await query('select big from staging.suite_values order by big');
      const descending = await query('select big from staging.suite_values order by big desc');
      expect(ascending.map((r) => r['big'])).toEqual([-42, 0, 9007199254740993n, null]);
      expect(descending.map((r) => r['big'])).toEqual([null, 9007199254740993n, 0, -42]);
    });

    it('casts a timestamp to text with microseconds and its offset, whatever the account\'s output format', async () => {
      const [row] = await query(`select cast(happened_at as varchar) as t from staging.suite_values where id = 1`);
      expect(String(row['t'])).toMatch(/^2026-11-29 10:00:00\.123456 ?\+00(:?00)?$/);
    });

    it('sends values as bind parameters, never as SQL text', async () => {
      const hostile = "x'); drop table staging.suite_values; --";
      await run('create or replace table staging.suite_binds (k varchar, v varchar)');
      await run('insert into staging.suite_binds select :k, :v', { k: 'a', v: hostile });
      const rows = await query('select v from staging.suite_binds where k = :k and (v = :v or :v is null)', { k: 'a', v: hostile });
      expect(rows).toEqual([{ v: hostile }]);
      expect(await query('select count(*) as n from staging.suite_values')).toEqual([{ n: 4 }]);
    });

    it('binds whole numbers beyond 32 bits and fractions exactly', async () => {
      const values = { epoch_ms: 1_764_000_000_123, negative: -4_237_829_029, max_safe: Number.MAX_SAFE_INTEGER, ratio: 0.125, small: 7 };
      await run('create or replace table staging.suite_numbers (epoch_ms bigint, negative bigint, max_safe bigint, ratio double, small integer)');
      await run('insert into staging.suite_numbers select :epoch_ms, :negative, :max_safe, :ratio, :small', values);
      expect(await query('select * from staging.suite_numbers')).toEqual([values]);
      expect(await query('select count(*) as n from staging.suite_numbers where epoch_ms = :epoch_ms and negative = :negative', values)).toEqual([{ n: 1 }]);
    });

    it('commits a transaction and returns its result', async () => {
      await run('create or replace table staging.suite_tx (id integer)');
      const result = await w.transaction(async (s) => {
        await s.run(render(sql('insert into staging.suite_tx select :id', { id: 1 })));
        return s.query(render(sql('select count(*) as n from staging.suite_tx')));
      });
      expect(result).toEqual([{ n: 1 }]);
      expect(await query('select id from staging.suite_tx')).toEqual([{ id: 1 }]);
    });

    it('rolls a transaction back when its callback throws, leaving nothing', async () => {
      const failure = w.transaction(async (s) => {
        await s.run(render(sql('insert into staging.suite_tx select :id', { id: 2 })));
        throw new Error('boom');
      });
      await expect(failure).rejects.toThrow('boom');
      expect(await query('select id from staging.suite_tx order by id')).toEqual([{ id: 1 }]);
    });

    it('refuses the warehouse itself inside its own transaction instead of deadlocking, and a session after it ended', async () => {
      let leaked: { run(s: RenderedSql): Promise<void> } | undefined;
      await expect(w.transaction(async (s) => {
        leaked = s;
        await w.run(render(sql('select 1')));
      })).rejects.toThrow(/inside its own transaction/);
      await expect(leaked!.run(render(sql('select 1')))).rejects.toThrow(/already ended/);
      expect(await query('select count(*) as n from staging.suite_tx')).toEqual([{ n: 1 }]);
    });

    it('merges a deduplicated source: updates matched keys, inserts new ones', async () => {
      const t = types();
      await run('create or replace table staging.suite_target (id {{ int }}, label varchar, updated_at {{ ts }})', {}, t);
      await run('create or replace table staging.suite_source (id {{ int }}, label varchar, updated_at {{ ts }})', {}, t);
      await run("insert into staging.suite_target select 1, 'one', cast('2026-01-01T00:00:00Z' as {{ ts }}) union all select 2, 'two', cast('2026-01-01T00:00:00Z' as {{ ts }})", {}, t);
      await run(
        `insert into staging.suite_source
         select 2, 'two-old', cast('2026-01-02T00:00:00Z' as {{ ts }}) union all
         select 2, 'two-new', cast('2026-01-03T00:00:00Z' as {{ ts }}) union all
         select 3, 'three', cast('2026-01-02T00:00:00Z' as {{ ts }})`,
        {},
        t,
      );
      await run(`merge into staging.suite_target as t
        using (select id, label, updated_at from staging.suite_source qualify row_number() over (partition by id order by updated_at desc) = 1) as s
        on t.id = s.id
        when matched then update set label = s.label, updated_at = s.updated_at
        when not matched then insert (id, label, updated_at) values (s.id, s.label, s.updated_at)`);
      expect(await query('select id, label, updated_at from staging.suite_target order by id')).toEqual([
        { id: 1, label: 'one', updated_at: '2026-01-01T00:00:00Z' },
        { id: 2, label: 'two-new', updated_at: '2026-01-03T00:00:00Z' },
        { id: 3, label: 'three', updated_at: '2026-01-02T00:00:00Z' },
      ]);
    });

    it('creates the schemas and ops tables idempotently', async () => {
      await ensureWarehouseSchemas(w);
      await run("insert into ops.watermarks select 'orders_db', 'orders', cast(:at as {{ ts }}), 'run-1', cast(:at as {{ ts }})", { at: '2026-11-29T10:00:00Z' }, types());
      await ensureWarehouseSchemas(w);
      const tables = await query("select lower(table_name) as name from information_schema.tables where lower(table_schema) = 'ops' order by 1");
      expect(tables.map((t) => t['name'])).toEqual(['access_audit', 'dq_results', 'file_loads', 'model_publishes', 'model_state', 'partner_files', 'pipeline_runs', 'quarantine', 'reconciliation_results', 'run_loads', 'schema_registry', 'source_cursors', 'source_freshness', 'watermarks']);
      const schemas = await query("select lower(schema_name) as name from information_schema.schemata where lower(schema_name) in ('raw', 'staging', 'curated', 'analytics', 'ops') order by 1");
      expect(schemas.map((s) => s['name'])).toEqual(['analytics', 'curated', 'ops', 'raw', 'staging']);
      expect(await query('select source, watermark from ops.watermarks')).toEqual([{ source: 'orders_db', watermark: '2026-11-29T10:00:00Z' }]);
    });

    it('adds the columns a newer contract version declares to an existing raw table; rows landed before read null there', async () => {
      const v1 = { ...everyTypeTestContract, entity: 'warehouse_evolving', columns: everyTypeTestContract.columns.filter((c) => c.name !== 'label' && c.name !== 'ratio') };
      const v2 = { ...everyTypeTestContract, entity: 'warehouse_evolving', version: '1.1.0' };
      expect(await ensureRawTable(w, v1)).toEqual([]);
      await run(`insert into raw.orders_db__warehouse_evolving (id, amount, is_active, order_date, updated_at, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
        select 1, 2.50, true, cast('2026-11-29' as date), cast('2026-11-29T10:00:00Z' as {{ ts }}), 'r1', 'f1', 1, cast('2026-11-29T10:00:00Z' as {{ ts }}), cast('2026-11-29T10:00:00Z' as {{ ts }})`, {}, types());

      expect(await ensureRawTable(w, v2)).toEqual(['label', 'ratio']);
      expect((await tableColumns(w, 'raw.orders_db__warehouse_evolving')).map((c) => c.name)).toEqual([
        'id', 'amount', 'is_active', 'order_date', 'payload', 'updated_at', '_run_id', '_source_file', '_row_number', '_extracted_at', '_loaded_at', 'label', 'ratio',
      ]);
      expect(await query('select id, label, ratio from raw.orders_db__warehouse_evolving')).toEqual([{ id: 1, label: null, ratio: null }]);
      // Already migrated: nothing more to add.
      expect(await ensureRawTable(w, v2)).toEqual([]);
    });

    it('reports each column type so that it keys equal to the spelling a model declared it with', async () => {
      // The spellings the models' DDL uses, and each contract type's own.
      const declared = ['bigint', 'integer', 'varchar', 'boolean', 'date', 'decimal(12, 2)', 'decimal(14, 2)', w.dialect.macros['ts_type'](),
        ...(['string', 'integer', 'double', 'boolean', 'date', 'timestamp', 'json'] as const).map((kind) => w.dialect.typeName({ kind })),
        w.dialect.typeName({ kind: 'decimal', precision: 20, scale: 6 })];
      const columns = declared.map((type, i) => `c${i} ${type}`).join(', ');
      await run(`create or replace table staging.suite_declared_types (${columns})`);
      const reported = await tableColumns(w, 'staging.suite_declared_types');
      expect(reported.map((c) => c.name)).toEqual(declared.map((_, i) => `c${i}`));
      const keys = reported.map((c, i) => ({ declared: declared[i], key: typeKey(w.dialect.name, declared[i]), reported: typeKey(w.dialect.name, c.type) }));
      for (const k of keys) expect(k.key).toBeDefined();
      expect(keys.map((k) => k.reported)).toEqual(keys.map((k) => k.key));
      // And it tells a narrower scale apart.
      await run(`create or replace table staging.suite_narrower (c0 decimal(14, 1))`);
      const [narrower] = await tableColumns(w, 'staging.suite_narrower');
      expect(typeKey(w.dialect.name, narrower.type)).not.toBe(typeKey(w.dialect.name, 'decimal(14, 2)'));
    });

    it('lists no columns for a table that does not exist', async () => {
      expect(await tableColumns(w, 'raw.no_such_table')).toEqual([]);
    });

    it('loads a landed Parquet file into its raw table with lineage and file row numbers', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'northstar-suite-parquet-'));
      try {
        const local = path.join(dir, 'part-00000.parquet');
        await writeEveryTypeParquet(local);
        const key = 'orders_db/warehouse_every_type/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet';
        const location = await subject.stageFile(local, key);
        await ensureRawTable(w, everyTypeTestContract);
        const file = { location, sourceFile: key, runId: 'hourly-2026112910', extractedAt: new Date('2026-11-29T10:05:00.250Z'), loadedAt: new Date('2026-11-29T10:20:00Z') };
        await w.run(renderLoadRawFile(everyTypeTestContract, w.dialect, file, subject.loadOptions));
        const rows = await query(`select id, label, amount, ratio, is_active, order_date, updated_at, _run_id, _source_file, _row_number, _extracted_at, _loaded_at
          from raw.orders_db__warehouse_every_type order by _row_number`);
        const lineage = { _run_id: 'hourly-2026112910', _source_file: key, _extracted_at: '2026-11-29T10:05:00.250000Z', _loaded_at: '2026-11-29T10:20:00Z' };
        expect(rows).toEqual([
          { id: 10, label: 'first', amount: '12.30', ratio: 0.5, is_active: true, order_date: '2026-11-29', updated_at: '2026-11-29T09:59:59.999999Z', _row_number: 1, ...lineage },
          { id: 11, label: null, amount: '0.01', ratio: null, is_active: false, order_date: '2026-11-28', updated_at: '2026-11-29T09:00:00Z', _row_number: 2, ...lineage },
          { id: 12, label: 'third', amount: '-5.00', ratio: 1e-7, is_active: true, order_date: '2026-01-01', updated_at: '2026-11-29T09:30:00.500000Z', _row_number: 3, ...lineage },
        ]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('loads a file column named like a raw-zone path segment (hour, run) with the file\'s value, not the path\'s', async () => {
      const contract = {
        ...everyTypeTestContract,
        entity: 'warehouse_path_named',
        columns: [
          { name: 'id', type: { kind: 'integer' }, nullable: false, description: 'key' },
          { name: 'hour', type: { kind: 'integer' }, nullable: true, description: 'named like the hour= segment' },
          { name: 'run', type: { kind: 'string' }, nullable: true, description: 'named like the run= segment' },
        ],
      } satisfies Contract;
      const dir = await mkdtemp(path.join(os.tmpdir(), 'northstar-suite-parquet-'));
      try {
        const key = 'orders_db/warehouse_path_named/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet';
        const local = path.join(dir, key);
        await mkdir(path.dirname(local), { recursive: true });
        await writeParquet(local, `select 1::bigint as id, 23::bigint as hour, 'from-file' as run`);
        const location = await subject.stageFile(local, key);
        await ensureRawTable(w, contract);
        const file = { location, sourceFile: key, runId: 'hourly-2026112910', extractedAt: new Date('2026-11-29T10:05:00Z'), loadedAt: new Date('2026-11-29T10:20:00Z') };
        await w.run(renderLoadRawFile(contract, w.dialect, file, subject.loadOptions));
        expect(await query('select id, hour, run from raw.orders_db__warehouse_path_named')).toEqual([{ id: 1, hour: 23, run: 'from-file' }]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}

/** The test contract's columns as Parquet. */
function writeEveryTypeParquet(target: string): Promise<void> {
  return writeParquet(
    target,
    `select * from (values
          (10::bigint, 'first', 12.30::decimal(12,2), 0.5::double, true, date '2026-11-29', '{"k":1}'::json, timestamptz '2026-11-29 09:59:59.999999+00'),
          (11::bigint, null, 0.01::decimal(12,2), null::double, false, date '2026-11-28', null::json, timestamptz '2026-11-29 09:00:00+00'),
          (12::bigint, 'third', -5::decimal(12,2), 1e-7::double, true, date '2026-01-01', '[1]'::json, timestamptz '2026-11-29 09:30:00.5+00')
        ) as v(id, label, amount, ratio, is_active, order_date, payload, updated_at)`,
  );
}

/** A query's rows as Parquet, written by DuckDB (the project's Parquet writer lives elsewhere). */
async function writeParquet(target: string, select: string): Promise<void> {
  const duck = await DuckDbWarehouse.open(':memory:', { threads: 1 });
  try {
    await duck.run(renderSql(
      'copy ({{ select }}) to {{ target }} (format parquet)',
      duckdbDialect,
      { fragments: { select: fragment(select), target: fragment(duckdbDialect.literal(target)) } },
    ));
  } finally {
    await duck.close();
  }
}
