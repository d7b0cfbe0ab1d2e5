import { declaresColumns, type RenderedSql } from '@northstar/sql';
import { tableExists, type Warehouse } from '@northstar/warehouse';
import type { Model } from './model-catalog';
import { renderModel, type ModelBatch } from './render-model';

/**
 * Creates, empty from their own DDL, the tables of a model's optional inputs
 * that do not exist yet (a source whose chain never ran), so the model's view
 * builds and reads none of their rows. A table that exists is left alone,
 * shape included: its own chain owns it and checks it, and a difference must
 * not stop the chain that only reads it.
 */
export async function ensureOptionalInputs(warehouse: Warehouse, model: Model, probe: ModelBatch): Promise<void> {
  for (const input of model.optionalInputs ?? []) {
    if (await tableExists(warehouse, input.target)) continue;
    const createTable = renderModel(input, warehouse.dialect, probe).filter((s: RenderedSql) => declaresColumns(s.sql));
    for (const statement of createTable) await warehouse.run(statement);
  }
}
