import { contractsForSource } from './contract-registry';
import { ordersDbSource } from './orders-db-source';
import { checkedRegistry, curatedDomains } from './sources';
import { zendeskSource } from './zendesk-source';

describe('zendeskSource', () => {
  it('declares every Zendesk contract, hourly with an API cursor, and nightly key sets of tickets over 35 days', () => {
    expect(zendeskSource.contracts).toEqual(contractsForSource('zendesk'));
    expect(zendeskSource).toMatchObject({ app: 'extract-zendesk', modes: ['hourly', 'nightly-key-sets'], cursorKind: 'api-cursor', keySets: { entities: ['tickets'], lookbackDays: 35 } });
  });

  it('registered beside the orders DB feeding support, makes support a two-source domain and leaves orders to the orders DB alone', () => {
    expect(curatedDomains(checkedRegistry([ordersDbSource, zendeskSource])).filter((d) => d.name !== 'payments')).toEqual([
      { name: 'orders', models: ['dim_customer', 'dim_product', 'fct_order_items', 'fct_orders'], sources: ['orders_db'] },
      { name: 'support', models: ['fct_support_interactions', 'fct_support_tickets'], sources: ['orders_db', 'zendesk'] },
    ]);
  });
});
