import { contractsForSource } from './contract-registry';
import { ordersDbSource } from './orders-db-source';
import { defineSource } from './source-declaration';
import { checkedRegistry, curatedDomains } from './sources';
import { supportModels, zendeskSource } from './zendesk-source';

describe('zendeskSource', () => {
  it('declares every Zendesk contract, hourly, with an API cursor', () => {
    expect(zendeskSource.contracts).toEqual(contractsForSource('zendesk'));
    expect(zendeskSource).toMatchObject({ app: 'extract-zendesk', modes: ['hourly'], cursorKind: 'api-cursor' });
  });

  it('registered beside the orders DB feeding support, makes support a two-source domain and leaves orders to the orders DB alone', () => {
    const orders = defineSource({ ...ordersDbSource, feeds: { ...ordersDbSource.feeds, support: supportModels } });
    expect(curatedDomains(checkedRegistry([orders, zendeskSource]))).toEqual([
      { name: 'orders', models: ['dim_customer', 'dim_product', 'fct_order_items', 'fct_orders'], sources: ['orders_db'] },
      { name: 'support', models: ['fct_support_interactions', 'fct_support_tickets'], sources: ['orders_db', 'zendesk'] },
    ]);
  });
});
