import { validateContract } from './contract-validation';
import { customersContract, orderItemsContract, ordersContract, ordersDbContracts } from './orders-db-contracts';
import { digestAmountColumn, digestContract, digestStateColumns, digestStates, hasNightlyKeySet, keySetContract, keySetLookbackDays, reconciliationContracts } from './reconciliation-contracts';
import { chargesContract, disputesContract, stripeContracts } from './stripe-contracts';
import { defineSource } from './source-declaration';
import { digestStateTerm, digestStateValue } from './digest-state-term';
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
      ['state_sum', { kind: 'integer' }, true],
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

  it("hashes the state columns the source declares into the digest's state_sum, and gives none without them", () => {
    expect(digestStateColumns(chargesContract)).toEqual(['status', 'captured', 'refunded', 'disputed']);
    expect(digestStateColumns(disputesContract)).toEqual(['status']);
    expect(digestStateColumns(ticketsContract)).toEqual(['status']);
    expect(digestStateColumns(ordersContract)).toEqual(['lower(status)']);
    expect(digestStates(ordersContract)).toEqual([{ column: 'status', lower: true }]);
    expect(digestStates(chargesContract)[0]).toEqual({ column: 'status', lower: false });
    expect(digestStateColumns(customersContract)).toEqual([]);
    expect(digestContract(disputesContract).columns.find((c) => c.name === 'state_sum')?.description).toMatch(/md5\(hash_key\(id, status\)\)/);
    expect(digestContract(customersContract).columns.find((c) => c.name === 'state_sum')?.description).toMatch(/no state columns/);
  });

  it('refuses digest states it cannot hash alike in every engine: unknown entities or columns, timestamps, decimals', () => {
    const declare = (digestStates: Record<string, readonly string[]>) => () =>
      defineSource({ name: 'orders_db', app: 'extract-orders-db', contracts: ordersDbContracts, modes: ['hourly'], cursorKind: 'timestamp-window', feeds: {}, digestStates });
    expect(declare({ orders: ['status'] })).not.toThrow();
    expect(declare({ refunds: ['status'] })).toThrow(/refunds: no contract/);
    expect(declare({ orders: ['state'] })).toThrow(/orders\.state: no such column/);
    expect(declare({ orders: ['updated_at', 'total'] })).toThrow(/orders\.updated_at: a timestamp, not a string, integer or boolean; orders\.total: a decimal/);
    expect(declare({ orders: ['lower(status)'] })).not.toThrow();
    expect(declare({ orders: ['lower(order_id)'] })).toThrow(/orders\.order_id: lower\(\) of a integer, not a string/);
    expect(declare({ orders: ['upper(status)'] })).toThrow(/orders\.upper\(status\): neither a column nor lower\(<column>\)/);
  });

  it('hashes a lower-cased state as its lower-cased text, and other values as they are', () => {
    expect(digestStateTerm([1, digestStateValue({ column: 'status', lower: true }, 'Shipped')])).toBe(digestStateTerm([1, 'shipped']));
    expect(digestStateValue({ column: 'status', lower: false }, 'Shipped')).toBe('Shipped');
    expect(digestStateValue({ column: 'status', lower: true }, null)).toBeNull();
  });

  it('refuses an entity without a created_at to derive the day from', () => {
    const noCreated = { ...customersContract, columns: customersContract.columns.filter((c) => c.name !== 'created_at') };
    expect(() => keySetContract(noCreated)).toThrow('orders_db.customers: no column created_at');
  });
});
