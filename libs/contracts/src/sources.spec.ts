import { contractsForSource } from './contract-registry';
import { ordersDbContracts } from './orders-db-contracts';
import { ordersDbSource } from './orders-db-source';
import { defineSource, rowsPerPartOf, type SourceDeclaration } from './source-declaration';
import { checkedRegistry, curatedDomains, sourceNamed, sourceRegistry, sourcesIn } from './sources';
import { stripeContracts } from './stripe-contracts';

const stripe: SourceDeclaration = defineSource({
  name: 'stripe', app: 'extract-stripe', contracts: stripeContracts, modes: ['hourly'], cursorKind: 'api-cursor',
  feeds: { payments: ['fct_payments'] },
});
const ordersFeedingPayments = defineSource({ ...ordersDbSource, feeds: { orders: ordersDbSource.feeds['orders'], payments: ['fct_payments', 'fct_refunds'] } });

describe('source registry', () => {
  it('registers the orders DB with every one of its contracts', () => {
    expect(sourceRegistry.map((s) => s.name)).toEqual(['orders_db', 'partner_files', 'stripe', 'zendesk']);
    expect(sourceNamed('orders_db').contracts).toEqual(contractsForSource('orders_db'));
    expect(sourceNamed('orders_db').cursorKind).toBe('timestamp-window');
  });

  it('runs the payments and support models after the orders DB and their API source both', () => {
    const domains = curatedDomains();
    expect(domains.find((d) => d.name === 'payments')?.sources).toEqual(['orders_db', 'stripe']);
    expect(domains.find((d) => d.name === 'support')?.sources).toEqual(['orders_db', 'zendesk']);
  });

  it('names the registered sources when asked for another', () => {
    expect(() => sourceNamed('shopify')).toThrow('no registered source "shopify": registered sources are orders_db, partner_files, stripe, zendesk');
  });

  it('lists the sources of a mode', () => {
    const registry = [ordersDbSource, stripe];
    expect(sourcesIn('hourly', registry).map((s) => s.name)).toEqual(['orders_db', 'stripe']);
    expect(sourcesIn('nightly-key-sets', registry).map((s) => s.name)).toEqual(['orders_db']);
  });

  it('gathers each curated domain from every source that feeds it', () => {
    expect(curatedDomains([ordersFeedingPayments, stripe])).toEqual([
      { name: 'orders', models: ['dim_customer', 'dim_product', 'fct_order_items', 'fct_orders'], sources: ['orders_db'] },
      { name: 'payments', models: ['fct_payments', 'fct_refunds'], sources: ['orders_db', 'stripe'] },
    ]);
  });

  it('refuses key sets of an entity the source has no contract for', () => {
    expect(() => defineSource({ ...stripe, keySets: { entities: ['charges', 'payouts'] } })).toThrow('declares key sets of entities it has no contract for: payouts');
  });

  it("caps the configured part size at the source's maxRowsPerPart, keeps a smaller one, and refuses a bad cap", () => {
    expect(rowsPerPartOf(defineSource({ ...stripe, maxRowsPerPart: 50_000 }), 250_000)).toBe(50_000);
    expect(rowsPerPartOf(defineSource({ ...stripe, maxRowsPerPart: 50_000 }), 10_000)).toBe(10_000);
    expect(rowsPerPartOf(stripe, 250_000)).toBe(250_000);
    // The registered sources whose rows are wide or whose runs grow with their input are capped.
    expect(Object.fromEntries(sourceRegistry.map((s) => [s.name, rowsPerPartOf(s, 250_000)]))).toEqual({ orders_db: 250_000, partner_files: 50_000, stripe: 50_000, zendesk: 10_000 });
    expect(() => defineSource({ ...stripe, maxRowsPerPart: 0 })).toThrow('source stripe: maxRowsPerPart must be a positive integer, got 0');
  });

  it('refuses a source registered twice, or a model claimed by two domains', () => {
    expect(() => checkedRegistry([ordersDbSource, ordersDbSource])).toThrow('orders_db registered twice');
    const claiming = defineSource({ ...stripe, feeds: { payments: ['fct_orders'] } });
    expect(() => checkedRegistry([ordersDbSource, claiming])).toThrow('model fct_orders is in domains orders and payments');
  });

  it("refuses a declaration holding another source's contracts, or none", () => {
    expect(() => defineSource({ ...stripe, contracts: [...stripeContracts, ordersDbContracts[0]] })).toThrow('declares contracts of another source: orders_db.customers');
    expect(() => defineSource({ ...stripe, contracts: [] })).toThrow('declares no contracts');
  });

  it('is frozen data', () => {
    expect(Object.isFrozen(ordersDbSource.feeds['orders'])).toBe(true);
    expect(() => (ordersDbSource.modes as string[]).push('hourly')).toThrow();
    expect(JSON.parse(JSON.stringify(ordersDbSource))).toEqual(ordersDbSource);
  });
});
