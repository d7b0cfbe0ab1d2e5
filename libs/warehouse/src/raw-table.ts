import type { Contract } from '@northstar/contracts';
import { renderRawTableDdl } from '@northstar/sql';
import type { Warehouse } from './warehouse';

/** Creates raw.<source>__<entity> for a contract when it is missing. */
export async function ensureRawTable(warehouse: Warehouse, contract: Contract): Promise<void> {
  await warehouse.run(renderRawTableDdl(contract, warehouse.dialect));
}
