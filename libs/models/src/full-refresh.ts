import * as path from 'node:path';
import { ConfigError } from '@northstar/core';
import { createsView, renderSql, sqlTemplatesIn } from '@northstar/sql';
import type { Warehouse } from '@northstar/warehouse';
import { modelsSqlDir, type Model } from './model-catalog';

const runnerSql = sqlTemplatesIn(path.join(modelsSqlDir, 'runner'));
const forgetStateSql = runnerSql('forget_model_state');
const dropTableSql = runnerSql('drop_model_table');
const dropViewSql = runnerSql('drop_model_view');

/**
 * The named models and every model downstream of them, in run order: a
 * rebuilt dimension gets rebuilt facts, so no fact keeps a key the rebuild
 * no longer has.
 */
export function refreshClosure(models: readonly Model[], names: readonly string[]): Model[] {
  const unknown = names.filter((name) => !models.some((m) => m.name === name));
  if (unknown.length > 0) {
    throw new ConfigError(`--full-refresh: no model named ${unknown.join(', ')}; models: ${models.map((m) => m.name).join(', ')}`);
  }
  const reached = new Set(names);
  for (const model of models) if (model.dependsOn.some((d) => reached.has(d))) reached.add(model.name);
  return models.filter((m) => reached.has(m.name));
}

/**
 * Makes the models start over: their state is forgotten first, then their
 * tables (or views) dropped, so the next run rebuilds them from raw. In that order, a
 * failure in between leaves a table the rebuild merges into, never an empty
 * table whose state says it is up to date.
 */
export async function resetModels(warehouse: Warehouse, models: readonly Model[]): Promise<void> {
  await warehouse.transaction(async (session) => {
    for (const model of models) await session.run(renderSql(forgetStateSql, session.dialect, { params: { model: model.name } }));
  });
  for (const model of models) {
    // Both engines refuse to drop a view as a table.
    const drop = createsView(model.template.body) ? dropViewSql : dropTableSql;
    await warehouse.run(renderSql(drop, warehouse.dialect, { idents: { table: model.target } }));
  }
}
