import * as path from 'node:path';
import type { Logger } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import { columnList, heldRawSchema, rawTableRef, renderCreateSchema, renderSql, sqlTemplatesIn, type Dialect, type RenderedSql } from '@northstar/sql';
import { ensureRawTable, type Warehouse, type WarehouseSession } from '@northstar/warehouse';

const sql = sqlTemplatesIn(path.join(__dirname, '../sql/backfill'));
const heldRowsSql = sql('held_rows');
const publishHeldRowsSql = sql('publish_held_rows');
const clearHeldRowsSql = sql('clear_held_rows');

export interface HeldRows {
  readonly entity: string;
  readonly rows: number;
}

/**
 * The raw table and the holding table of each contract, both with every
 * column the contract declares (a chunk may have landed under an older
 * version), and the rows each holds.
 */
export async function heldRowsOf(warehouse: Warehouse, contracts: readonly Contract[]): Promise<HeldRows[]> {
  await warehouse.run(renderCreateSchema(heldRawSchema, warehouse.dialect));
  const held: HeldRows[] = [];
  for (const contract of contracts) {
    await ensureRawTable(warehouse, contract);
    await ensureRawTable(warehouse, contract, heldRawSchema);
    const rows = await warehouse.query<{ held_rows: number | bigint | string }>(renderSql(heldRowsSql, warehouse.dialect, { idents: { held_table: rawTableRef(contract, heldRawSchema) } }));
    held.push({ entity: contract.entity, rows: Number(rows[0]?.held_rows ?? 0) });
  }
  return held;
}

/** Moves one entity's held rows to raw: a copy stamped with the publish's time and run id, then the holding table emptied. */
export function renderPublishHeld(contract: Contract, dialect: Dialect, publish: { readonly at: Date; readonly runId: string }): RenderedSql[] {
  const idents = { raw_table: rawTableRef(contract), held_table: rawTableRef(contract, heldRawSchema) };
  return [
    renderSql(publishHeldRowsSql, dialect, { idents, fragments: { columns: columnList(contract.columns.map((c) => c.name), dialect) }, params: { run_id: publish.runId, published_at: publish.at } }),
    renderSql(clearHeldRowsSql, dialect, { idents }),
  ];
}

/** The publish transaction's first step (PublishDeps.beforeModels): every entity's held rows to raw. */
export function moveHeldRows(contracts: readonly Contract[], publish: { readonly at: Date; readonly runId: string }, logger: Logger): (session: WarehouseSession) => Promise<void> {
  return async (session) => {
    for (const contract of contracts) for (const statement of renderPublishHeld(contract, session.dialect, publish)) await session.run(statement);
    logger.info({ entities: contracts.map((c) => c.entity), publishedAt: publish.at.toISOString() }, 'backfill publish: held rows moved to raw; the models and checks follow in the same transaction');
  };
}
