import { col, nullable } from './column-builder';
import type { Contract } from './contract';
import { defineContract } from './define-contract';

// Mirrors the PostgreSQL orders DB column for column (orders-db-contracts.spec.ts
// holds the source DDL it is checked against).

const audit = [
  col.timestamp('created_at', { description: 'When the row was inserted in the orders DB.' }),
  col.timestamp('updated_at', { description: 'Set on every write; the incremental cursor.' }),
];

export const customersContract: Contract = defineContract({
  source: 'orders_db',
  entity: 'customers',
  version: '1.0.0',
  description: 'Shop customers, one row per account.',
  businessKey: ['customer_id'],
  cursor: 'updated_at',
  biFacing: true,
  columns: [
    col.integer('customer_id'),
    col.string('email', { pii: 'email' }),
    col.string('first_name', { pii: 'name' }),
    col.string('last_name', { pii: 'name' }),
    col.string('phone', nullable({ pii: 'phone' })),
    col.string('country', { description: 'ISO 3166-1 alpha-2 code.' }),
    ...audit,
  ],
});

export const productsContract: Contract = defineContract({
  source: 'orders_db',
  entity: 'products',
  version: '1.0.0',
  description: 'The product catalogue, one row per SKU.',
  businessKey: ['product_id'],
  cursor: 'updated_at',
  biFacing: true,
  columns: [
    col.integer('product_id'),
    col.string('sku'),
    col.string('name'),
    col.string('category'),
    col.decimal('unit_price', 12, 2, { description: 'List price in `currency`, major units.' }),
    col.string('currency', { description: 'ISO 4217 code.' }),
    col.boolean('is_active'),
    ...audit,
  ],
});

export const ordersContract: Contract = defineContract({
  source: 'orders_db',
  entity: 'orders',
  version: '1.0.0',
  description:
    'Customer orders, one row per order. A legacy table without constraints: the source cannot ' +
    'guarantee order_id is present, so null keys land in raw and the quality app flags them.',
  businessKey: ['order_id'],
  cursor: 'updated_at',
  biFacing: true,
  columns: [
    col.integer('order_id', nullable({ description: 'Business key, but nullable in the source: the legacy table has no constraints.' })),
    col.integer('customer_id'),
    col.string('status'),
    col.string('currency', { description: 'ISO 4217 code.' }),
    col.decimal('subtotal', 14, 2),
    col.decimal('tax', 14, 2),
    col.decimal('shipping', 14, 2),
    col.decimal('total', 14, 2, { description: 'subtotal + tax + shipping, major units of `currency`.' }),
    col.timestamp('ordered_at'),
    col.timestamp('paid_at', nullable()),
    col.timestamp('shipped_at', nullable()),
    col.timestamp('delivered_at', nullable()),
    col.timestamp('cancelled_at', nullable()),
    ...audit,
  ],
});

export const orderItemsContract: Contract = defineContract({
  source: 'orders_db',
  entity: 'order_items',
  version: '1.0.0',
  description: 'Order lines, one row per product on an order.',
  businessKey: ['order_item_id'],
  cursor: 'updated_at',
  biFacing: true,
  columns: [
    col.integer('order_item_id'),
    col.integer('order_id'),
    col.integer('product_id'),
    col.integer('quantity'),
    col.decimal('unit_price', 12, 2),
    col.decimal('discount', 12, 2),
    col.decimal('line_total', 14, 2, { description: 'quantity * unit_price - discount.' }),
    ...audit,
  ],
});

export const ordersDbContracts: readonly Contract[] = [customersContract, productsContract, ordersContract, orderItemsContract];
