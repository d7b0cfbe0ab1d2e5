import type { Contract } from '@northstar/contracts';
import { rawSchema, rawTableRef, renderAddRawColumn, renderRawTableDdl } from '@northstar/sql';
import { tableColumns } from './table-columns';
import type { Warehouse } from './warehouse';

/** Creates raw.<source>__<entity> for a contract when it is missing; an existing table is left as it is. */
export async function createRawTable(warehouse: Warehouse, contract: Contract, schema: string = rawSchema): Promise<void> {
  await warehouse.run(renderRawTableDdl(contract, warehouse.dialect, schema));
}

/**
 * Creates the contract's raw table when missing, and adds the columns a newer
 * contract version introduced, so the first load after an additive contract
 * change does not fail. Rows landed before read null there: the extractor did
 * not read that column then. Removing or retyping a column is a breaking
 * change the contract checks refuse, so it is never migrated here. Returns the
 * columns added.
 */
export async function ensureRawTable(warehouse: Warehouse, contract: Contract, schema: string = rawSchema): Promise<string[]> {
  await createRawTable(warehouse, contract, schema);
  const existing = new Set((await tableColumns(warehouse, rawTableRef(contract, schema))).map((c) => c.name));
  const missing = contract.columns.map((c) => c.name).filter((name) => !existing.has(name.toLowerCase()));
  for (const name of missing) await warehouse.run(renderAddRawColumn(contract, name, warehouse.dialect, schema));
  return missing;
}
