import * as path from 'node:path';
import { rawTableName, type Contract } from '@northstar/contracts';
import { columnList, fragment, loadSqlTemplate, renderSql } from '@northstar/sql';
import { ensureRawTable, type BindValue, type Warehouse } from '@northstar/warehouse';
import { modelsSqlDir } from './model-catalog';

const insertRawRowSql = loadSqlTemplate(path.join(modelsSqlDir, 'testing/insert_raw_row.sql'));

/** Where a landed batch came from, as the loader stamps it on every raw row. */
export interface RawBatch {
  readonly runId: string;
  readonly extractedAt: string;
  readonly loadedAt: Date;
}

/**
 * Lands rows in raw.<source>__<entity> the way the loader does (contract
 * columns plus _run_id, _source_file, _row_number, _extracted_at,
 * _loaded_at), so model specs need no Parquet or object store. Columns a row
 * leaves out land as null.
 */
export async function landRawRows(warehouse: Warehouse, contract: Contract, rows: readonly Record<string, BindValue>[], batch: RawBatch): Promise<void> {
  await ensureRawTable(warehouse, contract);
  const names = [...contract.columns.map((c) => c.name), '_run_id', '_source_file', '_row_number', '_extracted_at', '_loaded_at'];
  const values = fragment(names.map((name) => `:${name}`).join(', '));
  const sourceFile = `${contract.source}/${contract.entity}/run=${batch.runId}/part-00000.parquet`;
  for (const [index, row] of rows.entries()) {
    const unknown = Object.keys(row).filter((k) => !names.includes(k));
    if (unknown.length) throw new Error(`${rawTableName(contract)}: no column ${unknown.join(', ')}`);
    const params: Record<string, BindValue> = Object.fromEntries(contract.columns.map((c) => [c.name, null]));
    Object.assign(params, row, { _run_id: batch.runId, _source_file: sourceFile, _row_number: index + 1, _extracted_at: batch.extractedAt, _loaded_at: batch.loadedAt });
    await warehouse.run(renderSql(insertRawRowSql, warehouse.dialect, {
      idents: { table: `raw.${rawTableName(contract)}` },
      fragments: { columns: columnList(names, warehouse.dialect), values },
      params,
    }));
  }
}

/** Raw rows of the four orders DB entities, with defaults for what a test does not care about. */
export const ordersDbRow = {
  customer: (id: number | null, updatedAt: string, over: Record<string, BindValue> = {}): Record<string, BindValue> => ({
    customer_id: id, email: `c${id}@example.com`, first_name: 'Ada', last_name: 'Lovelace', phone: null, country: 'gb',
    created_at: '2026-01-01 00:00:00+00', updated_at: updatedAt, ...over,
  }),
  product: (id: number | null, updatedAt: string, over: Record<string, BindValue> = {}): Record<string, BindValue> => ({
    product_id: id, sku: `SKU-${id}`, name: `Product ${id}`, category: 'tools', unit_price: '9.99', currency: 'eur', is_active: true,
    created_at: '2026-01-01 00:00:00+00', updated_at: updatedAt, ...over,
  }),
  order: (id: number | null, customerId: number, updatedAt: string, over: Record<string, BindValue> = {}): Record<string, BindValue> => ({
    order_id: id, customer_id: customerId, status: 'paid', currency: 'eur', subtotal: '10.00', tax: '2.00', shipping: '1.00', total: '13.00',
    ordered_at: '2026-03-01 10:00:00+00', paid_at: '2026-03-01 10:05:00+00', created_at: '2026-03-01 10:00:00+00', updated_at: updatedAt, ...over,
  }),
  orderItem: (id: number | null, orderId: number, productId: number, updatedAt: string, over: Record<string, BindValue> = {}): Record<string, BindValue> => ({
    order_item_id: id, order_id: orderId, product_id: productId, quantity: 1, unit_price: '10.00', discount: '0.00', line_total: '10.00',
    created_at: '2026-03-01 10:00:00+00', updated_at: updatedAt, ...over,
  }),
};

/** Three hours of orders DB changes: new rows, updates, a late older version, an order naming a customer not landed yet. */
export const ordersDbHistory: readonly (readonly ['customers' | 'products' | 'orders' | 'order_items', Record<string, BindValue>[]])[] = [
  ['customers', [ordersDbRow.customer(1, '2026-02-01 00:00:00+00'), ordersDbRow.customer(2, '2026-02-01 00:00:00+00')]],
  ['products', [ordersDbRow.product(5, '2026-02-01 00:00:00+00')]],
  ['orders', [ordersDbRow.order(10, 1, '2026-03-01 10:00:00+00'), ordersDbRow.order(11, 3, '2026-03-01 10:00:00+00')]],
  ['order_items', [ordersDbRow.orderItem(100, 10, 5, '2026-03-01 10:00:00+00'), ordersDbRow.orderItem(101, 11, 6, '2026-03-01 10:00:00+00')]],
  ['customers', [ordersDbRow.customer(1, '2026-03-05 00:00:00+00', { email: 'new@x' }), ordersDbRow.customer(3, '2026-02-20 00:00:00+00')]],
  ['orders', [ordersDbRow.order(10, 1, '2026-03-02 09:00:00+00', { status: 'shipped', shipped_at: '2026-03-02 09:00:00+00' })]],
  ['customers', [ordersDbRow.customer(1, '2026-02-15 00:00:00+00', { phone: '+44 1' })]],
];
