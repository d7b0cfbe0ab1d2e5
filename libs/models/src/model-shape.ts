import { ConfigError } from '@northstar/core';
import { parseCreateTable, type RenderedSql } from '@northstar/sql';
import { tableColumns, type Warehouse } from '@northstar/warehouse';
import type { Model } from './model-catalog';

/**
 * Fails when a model's table, built by an earlier version of the model, does
 * not have the columns the model now declares. Staging and curated tables are
 * never altered in place: a new column added empty would be wrong for every
 * row already there (dim_customer.is_deleted would read null for customers
 * deleted long ago). They are rebuilt from raw, which keeps every version.
 */
export async function assertModelShape(warehouse: Warehouse, model: Model, ddl: RenderedSql): Promise<void> {
  const declared = parseCreateTable(ddl.sql);
  const existing = await tableColumns(warehouse, declared.table);
  if (existing.length === 0) return;
  const missing = declared.columns.filter((c) => !existing.includes(c));
  const extra = existing.filter((c) => !declared.columns.includes(c));
  if (missing.length === 0 && extra.length === 0) return;
  const differences = [
    ...(missing.length ? [`lacks ${missing.join(', ')}`] : []),
    ...(extra.length ? [`still has ${extra.join(', ')}, which the model no longer declares`] : []),
  ];
  throw new ConfigError(
    `${declared.table} was built by an earlier version of model ${model.name}: the table ${differences.join(' and ')}. ` +
      `Rebuild it from raw with the load app's --full-refresh ${model.name} (it rebuilds the models downstream too). ${model.name} did not run.`,
  );
}
