import * as path from 'node:path';
import { duckdbDialect, renderSql, snowflakeDialect } from '@northstar/sql';
import { expectGolden, formatGoldenStatements } from '@northstar/warehouse/testing';
import { loadModelCatalog } from './model-catalog';
import { loadQualityChecks } from './quality-checks';
import { renderModel, type ModelBatch } from './render-model';

const goldens = path.resolve(__dirname, '..', 'goldens');
const batch: ModelBatch = {
  processed_through: new Date('2026-11-29T09:20:00.125Z'),
  batch_end: new Date('2026-11-29T10:20:00.5Z'),
  now: new Date('2026-11-29T10:21:00Z'),
  run_id: 'hourly-20261129T10',
};

// Snowflake cannot be run here: these goldens are what a reviewer reads to
// see each model's Snowflake SQL, and what changes when a model or a macro does.
describe.each([duckdbDialect, snowflakeDialect])('golden model SQL for $name', (dialect) => {
  it.each(loadModelCatalog().map((m) => [m.name, m] as const))('renders %s', (name, model) => {
    const statements = renderModel(model, dialect, batch);
    expect(statements.some((s) => /\{\{|\}\}/.test(s.sql))).toBe(false);
    expectGolden(path.join(goldens, dialect.name, 'models', `${name}.sql`), formatGoldenStatements(statements));
  });

  it.each(loadQualityChecks().map((c) => [c.name, c] as const))('renders check %s', (name, check) => {
    const statement = renderSql(check.template, dialect, { params: { run_id: batch.run_id, stale_before: batch.now, ...check.params }, idents: check.idents, fragments: check.fragments?.(dialect) });
    expectGolden(path.join(goldens, dialect.name, 'checks', `${name}.sql`), formatGoldenStatements([statement]));
  });
});
