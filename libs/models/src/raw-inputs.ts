import { allContracts, keySetContract, rawTableName, type Contract } from '@northstar/contracts';
import { createRawTable, tableExists, type Warehouse } from '@northstar/warehouse';
import type { Model } from './model-catalog';

/** The contract a raw table (raw.<source>__<entity>, or a nightly <entity>_keys set) lands from. */
export function rawContractFor(table: string): Contract | undefined {
  const name = table.replace(/^raw\./, '');
  const direct = allContracts.find((c) => rawTableName(c) === name);
  if (direct || !name.endsWith('_keys')) return direct;
  const base = allContracts.find((c) => `${rawTableName(c)}_keys` === name);
  return base ? keySetContract(base) : undefined;
}

/**
 * Makes sure every raw table a model reads exists: a model may run before one
 * of its inputs ever landed (dim_customer reads raw customers, and orders can
 * arrive first). Tables with a contract are created empty, exactly as the
 * loader would; false when some other input is missing, so the model waits.
 */
export async function ensureRawInputs(warehouse: Warehouse, model: Model): Promise<boolean> {
  for (const table of model.dependsOn.filter((d) => d.startsWith('raw.'))) {
    const contract = rawContractFor(table);
    if (contract) await createRawTable(warehouse, contract);
    else if (!(await tableExists(warehouse, table))) return false;
  }
  return true;
}
