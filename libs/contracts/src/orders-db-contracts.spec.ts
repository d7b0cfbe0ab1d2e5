import type { Column, LogicalType } from './contract';
import { logicalTypeName } from './schema-fingerprint';
import { ordersDbContracts } from './orders-db-contracts';

// The orders DB as PostgreSQL defines it (the sandbox creates the same tables).
// Kept here as the oracle the contracts are checked against, not as a schema
// anything else reads.
const sourceDdl: Record<string, string> = {
  customers: `customer_id bigint not null, email text not null, first_name text not null, last_name text not null,
    phone text, country char(2) not null, created_at timestamptz not null, updated_at timestamptz not null`,
  products: `product_id bigint not null, sku text not null, name text not null, category text not null,
    unit_price numeric(12,2) not null, currency char(3) not null, is_active boolean not null,
    created_at timestamptz not null, updated_at timestamptz not null`,
  orders: `order_id bigint, customer_id bigint not null, status text not null, currency char(3) not null,
    subtotal numeric(14,2) not null, tax numeric(14,2) not null, shipping numeric(14,2) not null, total numeric(14,2) not null,
    ordered_at timestamptz not null, paid_at timestamptz, shipped_at timestamptz, delivered_at timestamptz, cancelled_at timestamptz,
    created_at timestamptz not null, updated_at timestamptz not null`,
  order_items: `order_item_id bigint not null, order_id bigint not null, product_id bigint not null, quantity integer not null,
    unit_price numeric(12,2) not null, discount numeric(12,2) not null, line_total numeric(14,2) not null,
    created_at timestamptz not null, updated_at timestamptz not null`,
};

function logicalType(pgType: string): LogicalType {
  const numeric = /^numeric\((\d+),(\d+)\)$/.exec(pgType);
  if (numeric) return { kind: 'decimal', precision: Number(numeric[1]), scale: Number(numeric[2]) };
  if (pgType === 'bigint' || pgType === 'integer') return { kind: 'integer' };
  if (pgType === 'text' || /^char\(\d+\)$/.test(pgType)) return { kind: 'string' };
  if (pgType === 'timestamptz') return { kind: 'timestamp' };
  if (pgType === 'boolean') return { kind: 'boolean' };
  throw new Error(`unmapped PostgreSQL type ${pgType}`);
}

function sourceColumns(ddl: string): Pick<Column, 'name' | 'type' | 'nullable'>[] {
  return ddl.split(',\n').flatMap((line) => line.split(/, (?=[a-z_]+ )/)).map((definition) => {
    const [name, type, ...rest] = definition.trim().split(/\s+/);
    return { name, type: logicalType(type), nullable: rest.join(' ') !== 'not null' };
  });
}

describe('orders DB contracts', () => {
  it.each(ordersDbContracts.map((c) => [c.entity, c] as const))('%s matches the PostgreSQL table column for column', (entity, contract) => {
    const spelled = (cols: readonly Pick<Column, 'name' | 'type' | 'nullable'>[]) =>
      cols.map((c) => `${c.name} ${logicalTypeName(c.type)}${c.nullable ? ' null' : ''}`);
    expect(spelled(contract.columns)).toEqual(spelled(sourceColumns(sourceDdl[entity])));
  });

  it('tags personal data in customers', () => {
    const customers = ordersDbContracts.find((c) => c.entity === 'customers')!;
    expect(customers.columns.filter((c) => c.pii).map((c) => `${c.name}:${c.pii}`)).toEqual([
      'email:email', 'first_name:name', 'last_name:name', 'phone:phone',
    ]);
  });

  it('keeps orders keyed on order_id although the legacy table lets it be null', () => {
    const orders = ordersDbContracts.find((c) => c.entity === 'orders')!;
    expect(orders.businessKey).toEqual(['order_id']);
    expect(orders.columns.find((c) => c.name === 'order_id')!.nullable).toBe(true);
    expect(orders.biFacing).toBe(true);
  });
});
