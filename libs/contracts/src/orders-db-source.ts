import { ordersDbContracts } from './orders-db-contracts';
import { defineSource, type SourceDeclaration } from './source-declaration';
import { paymentsModels } from './stripe-source';
import { supportModels } from './zendesk-source';

/**
 * The shop's PostgreSQL orders DB: read by a timestamp window on updated_at,
 * reconciled nightly against its key sets. It also feeds the payments
 * (fct_orders) and support (dim_customer) domains, whose jobs wait for its load.
 */
export const ordersDbSource: SourceDeclaration = defineSource({
  name: 'orders_db',
  app: 'extract-orders-db',
  contracts: ordersDbContracts,
  modes: ['hourly', 'nightly-key-sets'],
  cursorKind: 'timestamp-window',
  feeds: { orders: ['dim_customer', 'dim_product', 'fct_orders', 'fct_order_items'], payments: paymentsModels, support: supportModels },
  digestAmounts: { orders: 'total', order_items: 'line_total' },
  // Staging lower-cases the status: a status fixed by hand without an updated_at bump moves no count or amount, only this.
  digestStates: { orders: ['lower(status)'] },
});
