import * as path from 'node:path';
import { ConfigError, type Logger } from '@northstar/core';
import { createsTableAs, renderSql, sqlTemplatesIn, type RenderedSql } from '@northstar/sql';
import { tableExists, type Warehouse, type WarehouseSession } from '@northstar/warehouse';
import type { Model, TrackedColumn } from './model-catalog';
import { modelsSqlDir } from './model-catalog';
import { assertModelShape } from './model-shape';
import { ensureOptionalInputs } from './optional-inputs';
import { tagNewPiiColumns } from './pii-column-targets';
import { ensureRawInputs } from './raw-inputs';
import { renderModel, type ModelBatch } from './render-model';

const runnerSql = sqlTemplatesIn(path.join(modelsSqlDir, 'runner'));
const readStateSql = runnerSql('read_model_state');
const maxTrackedSql = runnerSql('max_tracked');
const saveStateSql = runnerSql('save_model_state');
const recordPublishSql = runnerSql('record_model_publish');

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
 * (processed_through, batch_end], batch_end being the highest value of any
 * tracked column, and the model's statements and its new state commit
 * together, so a failure reruns the same batch next time. A model that tracks
 * nothing (dim_date) is static: one create-table-as builds it, once.
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
  await tagNewPiiColumns(deps.warehouse, models, deps.logger);
  return results;
}

async function runModel(model: Model, deps: ModelRunDeps): Promise<ModelRunResult['status']> {
  const prepared = await prepareModel(model, deps);
  if (prepared !== 'batch') return prepared;
  return deps.warehouse.transaction((session) => applyModel(model, session, deps));
}

/**
 * A model's DDL (and the empty raw tables and optional inputs it reads), sent outside any
 * transaction: Snowflake commits implicitly on DDL. 'batch' when the model
 * has a batch of work to apply; otherwise its status: a view or a static
 * model (all DDL) is 'ran' when this created its table, and a model waits
 * ('up-to-date') while an input it needs has not landed.
 */
export async function prepareModel(model: Model, deps: ModelRunDeps): Promise<'batch' | ModelRunResult['status']> {
  const { warehouse } = deps;
  // A view's `comment on` is DDL too: it must follow every `create or replace`, not only the first build.
  const probeBatch = { processed_through: BEGINNING, batch_end: BEGINNING, now: deps.clock(), run_id: deps.runId };
  await ensureOptionalInputs(warehouse, model, probeBatch);
  const probe = renderModel(model, warehouse.dialect, probeBatch);
  const allDdl = !probe.some((s) => !isDdl(s));
  // A static model is built whole by its DDL: it ran when its table was not there before.
  const builds = allDdl && model.tracks.length === 0 && probe.some((s) => createsTableAs(s.sql)) && !(await tableExists(warehouse, model.target));
  for (const statement of probe.filter(isDdl)) {
    await assertModelShape(warehouse, model, statement);
    await warehouse.run(statement);
  }
  // A view is all DDL: recreating it is no batch of work, so a replay reports it up to date.
  if (allDdl) return builds ? 'ran' : 'up-to-date';
  return (await ensureRawInputs(warehouse, model)) ? 'batch' : 'up-to-date';
}

/**
 * A prepared model's batch and new state, in the caller's transaction: the
 * runner gives each model its own, the publish (publish-models.ts) one for
 * every model of a load and its checks.
 */
export async function applyModel(model: Model, session: WarehouseSession, deps: ModelRunDeps): Promise<ModelRunResult['status']> {
  const now = deps.clock();
  const statements = (batch: ModelBatch) => renderModel(model, session.dialect, batch).filter((s) => !isDdl(s));
  const processedThrough = await readState(session, model.name);
  const batchEnd = await batchEndOf(session, model.tracks);
  if (!batchEnd || (processedThrough && batchEnd <= processedThrough)) return 'up-to-date';
  for (const statement of statements({ processed_through: processedThrough ?? BEGINNING, batch_end: batchEnd, now, run_id: deps.runId })) await session.run(statement);
  await session.run(renderSql(saveStateSql, session.dialect, { params: { model: model.name, processed_through: batchEnd, run_id: deps.runId, now } }));
  await session.run(renderSql(recordPublishSql, session.dialect, { params: { model: model.name, run_id: deps.runId, now } }));
  return 'ran';
}

const isDdl = (s: RenderedSql) => /^\s*(create|comment)\s/i.test(s.sql);

async function readState(warehouse: WarehouseSession, model: string): Promise<Date | undefined> {
  const rows = await warehouse.query<{ processed_through: string | null }>(renderSql(readStateSql, warehouse.dialect, { params: { model } }));
  return rows[0]?.processed_through ? new Date(rows[0].processed_through) : undefined;
}

/** The latest tracked value over every tracked table that exists yet (a key-set table may not have landed). */
async function batchEndOf(warehouse: WarehouseSession, tracks: readonly TrackedColumn[]): Promise<Date | undefined> {
  let latest: Date | undefined;
  for (const tracked of tracks) {
    if (!(await tableExists(warehouse, tracked.table))) continue;
    const rows = await warehouse.query<{ batch_end: string | null }>(
      renderSql(maxTrackedSql, warehouse.dialect, { idents: { table: tracked.table, column: tracked.column } }),
    );
    const value = rows[0]?.batch_end ? millisecondInstant(rows[0].batch_end, `${tracked.table}.${tracked.column}`) : undefined;
    if (value && (!latest || value > latest)) latest = value;
  }
  return latest;
}

/**
 * A tracked column's latest value as a Date. Progress is kept in
 * milliseconds, which is exact for the lineage columns models track
 * (_loaded_at, _staged_at, _merged_at come from the pipeline's clock). A
 * column with microseconds would be cut to the millisecond, and its rows
 * after that millisecond left for a later batch, or never run if none came:
 * refused instead.
 */
function millisecondInstant(text: string, column: string): Date {
  const fraction = /\.(\d+)Z$/.exec(text)?.[1] ?? '';
  if (/[1-9]/.test(fraction.slice(3))) {
    throw new ConfigError(`${column} holds ${text}, finer than the millisecond the model runner keeps progress in; track a lineage column (_loaded_at, _staged_at, _merged_at) instead`);
  }
  return new Date(text);
}
