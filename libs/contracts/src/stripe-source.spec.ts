import { ordersDbSource } from './orders-db-source';
import { checkedRegistry, curatedDomains, sourcesIn } from './sources';
import { stripeSource } from './stripe-source';

describe('the Stripe source declaration', () => {
  const registry = checkedRegistry([ordersDbSource, stripeSource]);

  it('makes payments a domain of Stripe and the orders DB, and leaves the orders domain to the orders DB', () => {
    expect(curatedDomains(registry).filter((d) => d.name !== 'support')).toEqual([
      { name: 'orders', models: ['dim_customer', 'dim_product', 'fct_order_items', 'fct_orders'], sources: ['orders_db'] },
      { name: 'payments', models: ['fct_daily_reconciliation', 'fct_payments'], sources: ['orders_db', 'stripe'] },
    ]);
  });

  it('runs hourly and lands nightly key sets of a 35-day lookback by created, extracted by extract-stripe with an API cursor, over its five contracts', () => {
    expect(sourcesIn('nightly-key-sets', registry).map((s) => s.name)).toEqual(['orders_db', 'stripe']);
    expect(stripeSource.keySets).toEqual({ createdColumn: 'created', lookbackDays: 35 });
    expect(stripeSource).toMatchObject({ app: 'extract-stripe', cursorKind: 'api-cursor' });
    expect(stripeSource.contracts.map((c) => c.entity)).toEqual(['charges', 'refunds', 'disputes', 'payment_intents', 'balance_transactions']);
  });
});
