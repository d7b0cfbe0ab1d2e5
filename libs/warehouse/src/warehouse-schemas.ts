import { renderCreateSchema, renderSql, type Dialect, type RenderedSql } from '@northstar/sql';
import { migrateOpsTables } from './ops-table-migration';
import { opsTableTemplates } from './warehouse-sql';
import type { Warehouse } from './warehouse';

/** The warehouse's schemas, in the order data flows through them. */
export const warehouseSchemas = ['raw', 'staging', 'curated', 'analytics', 'ops'] as const;
export type WarehouseSchema = (typeof warehouseSchemas)[number];

/** Every statement ensureWarehouseSchemas sends, in order: the schemas, then the ops tables. */
export function renderWarehouseSchemaStatements(dialect: Dialect): RenderedSql[] {
  const schemas = warehouseSchemas.map((schema) => renderCreateSchema(schema, dialect));
  const opsTables = opsTableTemplates().map((template) => renderSql(template, dialect));
  return [...schemas, ...opsTables];
}

/**
 * Creates the schemas and every ops table when missing, and adds the columns
 * a newer release declared to ops tables an older one made; safe to run on
 * every start.
 */
export async function ensureWarehouseSchemas(warehouse: Warehouse): Promise<void> {
  for (const statement of renderWarehouseSchemaStatements(warehouse.dialect)) await warehouse.run(statement);
  await migrateOpsTables(warehouse);
}
