import * as path from 'node:path';
import { duckdbDialect, loadSqlTemplate, parseCreateTable, renderCreateSchema, renderSql, snowflakeDialect } from '@northstar/sql';
import { migrateOpsTables, renderOpsColumnMigrations } from './ops-table-migration';
import { expectGolden, formatGoldenStatements, openTempDuckDb } from './testing';
import { ensureWarehouseSchemas } from './warehouse-schemas';

const goldens = path.resolve(__dirname, '..', 'goldens');
const olderPipelineRuns = loadSqlTemplate(path.resolve(__dirname, '..', 'sql', 'testing', 'pipeline_runs_before_run_figures.sql'));

describe.each([duckdbDialect, snowflakeDialect])('ops table migration on $name', (dialect) => {
  it('adds, nullable, the run-record columns an older ops.pipeline_runs lacks, and nothing to a current or missing table', () => {
    const older = new Set(parseCreateTable(renderSql(olderPipelineRuns, dialect).sql).columns.map((c) => c.name));
    const statements = renderOpsColumnMigrations(dialect, new Map([['ops.pipeline_runs', older]]));
    expectGolden(path.join(goldens, dialect.name, 'migrations', 'pipeline_runs_run_figures.sql'), formatGoldenStatements(statements));
    expect(statements.map((s) => s.sql)).toEqual(expect.arrayContaining([expect.stringMatching(/^alter table ops\.pipeline_runs add column if not exists note varchar$/)]));
    expect(statements.every((s) => !/not null/.test(s.sql))).toBe(true);
    expect(renderOpsColumnMigrations(dialect, new Map())).toEqual([]);
  });
});

describe('ops table migration of an existing DuckDB warehouse', () => {
  it('keeps the rows of an ops.pipeline_runs an older release made, adds the new columns (null in old rows, writable), and a second start changes nothing', async () => {
    const { warehouse, dispose } = await openTempDuckDb();
    try {
      await warehouse.run(renderCreateSchema('ops', warehouse.dialect));
      await warehouse.run(renderSql(olderPipelineRuns, warehouse.dialect));
      const insert = "insert into ops.pipeline_runs (run_id, step, mode, status, attempt, started_at, finished_at, exit_code, rows_written, message) values (:run_id, 'load-orders-db', 'hourly', 'succeeded', 1, :at, :at, 0, 42, null)";
      for (const runId of ['hourly-20261101T00', 'hourly-20261101T01']) await warehouse.run(renderSql(insert, warehouse.dialect, { params: { run_id: runId, at: new Date('2026-11-01T00:20:00Z') } }));

      await ensureWarehouseSchemas(warehouse);

      const rows = await warehouse.query(renderSql('select run_id, rows_written, rows_in, retries, lag_minutes, note from ops.pipeline_runs order by run_id', warehouse.dialect));
      expect(rows.map((r) => ({ ...r, rows_written: Number(r['rows_written']) }))).toEqual([
        { run_id: 'hourly-20261101T00', rows_written: 42, rows_in: null, retries: null, lag_minutes: null, note: null },
        { run_id: 'hourly-20261101T01', rows_written: 42, rows_in: null, retries: null, lag_minutes: null, note: null },
      ]);
      await warehouse.run(renderSql("update ops.pipeline_runs set retries = 2, lag_minutes = 31.5, note = 'x' where run_id = 'hourly-20261101T01'", warehouse.dialect));
      expect(await migrateOpsTables(warehouse)).toEqual([]);
      const [updated] = await warehouse.query(renderSql("select retries, lag_minutes, note from ops.pipeline_runs where run_id = 'hourly-20261101T01'", warehouse.dialect));
      expect(updated).toEqual({ retries: 2, lag_minutes: 31.5, note: 'x' });
    } finally {
      await dispose();
    }
  });
});
