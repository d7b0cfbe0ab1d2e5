import * as path from 'node:path';
import type { Logger } from '@northstar/core';
import { loadSqlTemplate, renderSql, renderStatements, type RenderedSql } from '@northstar/sql';
import type { Warehouse } from '@northstar/warehouse';
import type { Model } from './model-catalog';
import { modelsSqlDir } from './model-catalog';

const readStateSql = loadSqlTemplate(path.join(modelsSqlDir, 'runner/read_model_state.sql'));
const maxTrackedSql = loadSqlTemplate(path.join(modelsSqlDir, 'runner/max_tracked.sql'));
const saveStateSql = loadSqlTemplate(path.join(modelsSqlDir, 'runner/save_model_state.sql'));

/** Before any model's first run: everything upstream is new. */
const BEGINNING = new Date('1970-01-01T00:00:00Z');

export interface ModelRunResult {
  readonly model: string;
  readonly status: 'ran' | 'up-to-date';
  readonly seconds: number;
}

export interface ModelRunDeps {
  readonly warehouse: Warehouse;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly runId: string;
}

/**
 * Runs each model on what arrived upstream since it last ran: the batch is
 * (processed_through, batch_end], and the model's statements and its new
 * state commit together, so a failure reruns the same batch next time.
 */
export async function runModels(models: readonly Model[], deps: ModelRunDeps): Promise<ModelRunResult[]> {
  const results: ModelRunResult[] = [];
  for (const model of models) {
    const started = Date.now();
    const status = await runModel(model, deps);
    const seconds = (Date.now() - started) / 1000;
    deps.logger.info({ model: model.name, status, seconds }, 'model');
    results.push({ model: model.name, status, seconds });
  }
  return results;
}

async function runModel(model: Model, deps: ModelRunDeps): Promise<ModelRunResult['status']> {
  const { warehouse } = deps;
  const now = deps.clock();
  const statements = (params: Record<string, unknown>) => renderStatements(model.template, warehouse.dialect, { params });
  const ddl = (all: RenderedSql[]) => all.filter((s) => /^\s*create\s/i.test(s.sql));
  const dml = (all: RenderedSql[]) => all.filter((s) => !/^\s*create\s/i.test(s.sql));
  // DDL first and outside the transaction: Snowflake commits implicitly on DDL.
  const probe = statements({ processed_through: BEGINNING, batch_end: BEGINNING, now, run_id: deps.runId });
  for (const statement of ddl(probe)) await warehouse.run(statement);
  if (!model.tracks) throw new Error(`${model.template.file}: an incremental model needs a "tracks" header`);
  const processedThrough = await readState(warehouse, model.name);
  const batchEnd = await maxTracked(warehouse, model.tracks);
  if (!batchEnd || (processedThrough && batchEnd <= processedThrough)) return 'up-to-date';
  const params = { processed_through: processedThrough ?? BEGINNING, batch_end: batchEnd, now, run_id: deps.runId };
  await warehouse.transaction(async (session) => {
    for (const statement of dml(statements(params))) await session.run(statement);
    await session.run(renderSql(saveStateSql, warehouse.dialect, { params: { model: model.name, processed_through: batchEnd, run_id: deps.runId, now } }));
  });
  return 'ran';
}

async function readState(warehouse: Warehouse, model: string): Promise<Date | undefined> {
  const rows = await warehouse.query<{ processed_through: string | null }>(renderSql(readStateSql, warehouse.dialect, { params: { model } }));
  return rows[0]?.processed_through ? new Date(rows[0].processed_through) : undefined;
}

async function maxTracked(warehouse: Warehouse, tracks: { table: string; column: string }): Promise<Date | undefined> {
  const rows = await warehouse.query<{ batch_end: string | null }>(
    renderSql(maxTrackedSql, warehouse.dialect, { idents: { table: tracks.table, column: tracks.column } }),
  );
  return rows[0]?.batch_end ? new Date(rows[0].batch_end) : undefined;
}
