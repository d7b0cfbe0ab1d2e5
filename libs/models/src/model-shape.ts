import { ConfigError } from '@northstar/core';
import { declaresColumns, parseCreateTable, typeKey, type RenderedSql } from '@northstar/sql';
import { tableColumns, type Warehouse } from '@northstar/warehouse';
import type { Model } from './model-catalog';

/**
 * Fails when a model's table, built by an earlier version of the model, does
 * not have the columns, or the column types, the model now declares. Staging
 * and curated tables are never altered in place: a new column added empty
 * would be wrong for every row already there (dim_customer.is_deleted would
 * read null for customers deleted long ago), and a MERGE into a narrower type
 * would round or truncate without a word. They are rebuilt from raw, which
 * keeps every version. Types are compared as the engine stores them; a
 * spelling `typeKey` does not know is not compared.
 */
export async function assertModelShape(warehouse: Warehouse, model: Model, ddl: RenderedSql): Promise<void> {
  // A view (the analytics layer) is replaced by its own DDL on every run: there is no built shape to fall behind.
  if (!declaresColumns(ddl.sql)) return;
  const declared = parseCreateTable(ddl.sql);
  const existing = await tableColumns(warehouse, declared.table);
  if (existing.length === 0) return;
  const key = (type: string) => typeKey(warehouse.dialect.name, type);
  const existingByName = new Map(existing.map((c) => [c.name, c]));
  const declaredNames = new Set(declared.columns.map((c) => c.name));

  const missing = declared.columns.filter((c) => !existingByName.has(c.name)).map((c) => c.name);
  const extra = existing.filter((c) => !declaredNames.has(c.name)).map((c) => c.name);
  const retyped = declared.columns.flatMap((c) => {
    const found = existingByName.get(c.name);
    if (!found) return [];
    const [want, have] = [key(c.type), key(found.type)];
    return want !== undefined && have !== undefined && want !== have ? [`${c.name} as ${found.type} where the model now declares ${c.type}`] : [];
  });
  if (missing.length === 0 && extra.length === 0 && retyped.length === 0) return;
  const differences = [
    ...(missing.length ? [`lacks ${missing.join(', ')}`] : []),
    ...(extra.length ? [`still has ${extra.join(', ')}, which the model no longer declares`] : []),
    ...(retyped.length ? [`has ${retyped.join('; ')}`] : []),
  ];
  throw new ConfigError(
    `${declared.table} was built by an earlier version of model ${model.name}: the table ${differences.join(' and ')}. ` +
      `Rebuild it from raw with the load app's --full-refresh ${model.name} (it rebuilds the models downstream too). ${model.name} did not run.`,
  );
}
