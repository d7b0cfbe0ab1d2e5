import { validateContract } from './contract-validation';
import { customersContract, orderItemsContract, ordersContract, ordersDbContracts } from './orders-db-contracts';
import { digestAmountColumn, digestContract, hasNightlyKeySet, keySetContract, keySetLookbackDays, reconciliationContracts } from './reconciliation-contracts';
import { chargesContract, stripeContracts } from './stripe-contracts';
import { ticketsContract, zendeskContracts } from './zendesk-contracts';

describe('reconciliation contracts', () => {
  it('derives a key set of the business key, the cursor and the creation day', () => {
    const keys = keySetContract(ordersContract);
    expect(keys.entity).toBe('orders_keys');
    expect(keys.source).toBe('orders_db');
    expect(keys.columns.map((c) => [c.name, c.type.kind, c.nullable])).toEqual([
      ['order_id', 'integer', true],
      ['updated_at', 'timestamp', false],
      ['created_day', 'date', false],
    ]);
    expect(keys.businessKey).toEqual(['order_id']);
    expect(keys.biFacing).toBe(false);
  });

  it('derives a per-day digest whose amount is the entity money column, or null without one', () => {
    const digest = digestContract(orderItemsContract);
    expect(digest.entity).toBe('order_items_digests');
    expect(digest.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['created_day', { kind: 'date' }, false],
      ['row_count', { kind: 'integer' }, false],
      ['amount_sum', { kind: 'decimal', precision: 38, scale: 2 }, true],
      ['key_hash', { kind: 'string' }, false],
    ]);
    expect(digestAmountColumn(ordersContract)).toBe('total');
    expect(digestAmountColumn(orderItemsContract)).toBe('line_total');
    expect(digestAmountColumn(customersContract)).toBeUndefined();
    expect(digestContract(customersContract).columns.find((c) => c.name === 'amount_sum')?.description).toMatch(/no amount column/);
  });

  it('gives valid, described, non-BI contracts for every orders DB entity', () => {
    const derived = reconciliationContracts(ordersDbContracts);
    expect(derived.map((c) => c.entity)).toEqual([
      'customers_keys', 'customers_digests', 'products_keys', 'products_digests',
      'orders_keys', 'orders_digests', 'order_items_keys', 'order_items_digests',
    ]);
    for (const contract of derived) {
      expect(validateContract(contract)).toEqual([]);
      expect(contract.biFacing).toBe(false);
      expect(Object.isFrozen(contract)).toBe(true);
    }
  });

  it("derives the APIs' sets as their sources declare: Stripe's day from created over every entity, Zendesk's tickets only, both a 35-day lookback", () => {
    expect(keySetContract(chargesContract).columns.map((c) => [c.name, c.type.kind])).toEqual([['id', 'string'], ['created', 'timestamp'], ['created_day', 'date']]);
    expect(digestAmountColumn(chargesContract)).toBe('amount_refunded');
    expect(reconciliationContracts(stripeContracts)).toHaveLength(2 * stripeContracts.length);
    expect(reconciliationContracts(zendeskContracts).map((c) => c.entity)).toEqual(['tickets_keys', 'tickets_digests']);
    expect(keySetContract(ticketsContract).columns.map((c) => c.name)).toEqual(['id', 'updated_at', 'created_day']);
    expect([keySetLookbackDays(chargesContract), keySetLookbackDays(ticketsContract), keySetLookbackDays(ordersContract)]).toEqual([35, 35, undefined]);
    expect(hasNightlyKeySet(ordersContract)).toBe(true);
  });

  it('refuses an entity without a created_at to derive the day from', () => {
    const noCreated = { ...customersContract, columns: customersContract.columns.filter((c) => c.name !== 'created_at') };
    expect(() => keySetContract(noCreated)).toThrow('orders_db.customers: no column created_at');
  });
});
