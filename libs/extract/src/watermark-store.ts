import * as path from 'node:path';
import type { Contract } from '@northstar/contracts';
import { loadSqlTemplate, renderSql } from '@northstar/sql';
import type { WarehouseSession } from '@northstar/warehouse';

const readWatermarkSql = loadSqlTemplate(path.join(__dirname, '../sql/read_watermark.sql'));

/** The last committed watermark of an entity; only the loader moves it, in its load transaction. */
export async function readWatermark(warehouse: WarehouseSession, contract: Pick<Contract, 'source' | 'entity'>): Promise<Date | undefined> {
  const rows = await warehouse.query<{ watermark: string | null }>(
    renderSql(readWatermarkSql, warehouse.dialect, { params: { source: contract.source, entity: contract.entity } }),
  );
  const value = rows[0]?.watermark;
  return value ? new Date(value) : undefined;
}
