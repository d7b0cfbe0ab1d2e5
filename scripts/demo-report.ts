import * as path from 'node:path';
import { formatTextTable, silentLogger, type NorthstarConfig } from '@northstar/core';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import { openWarehouse } from '@northstar/warehouse';

const sql = sqlTemplatesIn(path.join(__dirname, 'sql'));

/** Rows per table per layer, quality checks, and seconds per step, as plain text. */
export async function demoReport(config: NorthstarConfig): Promise<string> {
  const warehouse = await openWarehouse(config.warehouse, silentLogger(), { readOnly: true });
  try {
    const tables = await warehouse.query<{ table_schema: string; table_name: string }>(renderSql(sql('report_tables'), warehouse.dialect));
    const counts = [];
    for (const t of tables) {
      const [row] = await warehouse.query<{ row_count: number }>(renderSql(sql('report_row_count'), warehouse.dialect, { idents: { table: `${t.table_schema}.${t.table_name}` } }));
      counts.push({ layer: t.table_schema, table: t.table_name, rows: Number(row.row_count) });
    }
    const checks = await warehouse.query(renderSql(sql('report_checks'), warehouse.dialect));
    const steps = await warehouse.query(renderSql(sql('report_steps'), warehouse.dialect));
    const warehouseAt = config.warehouse.kind === 'duckdb' ? config.warehouse.path : config.warehouse.kind;
    return [
      '',
      'Rows per table',
      formatTextTable(counts),
      '',
      'Quality checks (over all runs)',
      formatTextTable(checks),
      '',
      'Seconds per step',
      formatTextTable(steps),
      '',
      `Warehouse: ${warehouseAt}   Raw zone: ${config.rawUrl}`,
      'Query it: npm run sql -- "select * from curated.fct_orders limit 10"',
      '',
    ].join('\n');
  } finally {
    await warehouse.close();
  }
}
