import { allContracts, contractFor, contractsForSource } from './contract-registry';
import { sources } from './contract';
import { validateContract } from './contract-validation';

const expectedEntities: Record<string, string[]> = {
  orders_db: ['customers', 'products', 'orders', 'order_items'],
  stripe: ['charges', 'refunds', 'disputes', 'payment_intents', 'balance_transactions'],
  zendesk: ['tickets', 'users', 'ticket_metrics', 'satisfaction_ratings', 'ticket_events'],
  partner_files: ['shipments'],
};

describe('contract registry', () => {
  it('holds one contract per entity of every source', () => {
    for (const source of sources) expect(contractsForSource(source).map((c) => c.entity)).toEqual(expectedEntities[source]);
    expect(allContracts).toHaveLength(15);
  });

  it('has no two contracts for the same entity', () => {
    const keys = allContracts.map((c) => `${c.source}.${c.entity}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds a contract by source and entity', () => {
    expect(contractFor('stripe', 'refunds').entity).toBe('refunds');
  });

  it('names the known entities when the entity is unknown', () => {
    expect(() => contractFor('zendesk', 'ticket')).toThrow(
      'no contract for zendesk entity "ticket": known entities are tickets, users, ticket_metrics, satisfaction_ratings',
    );
  });

  it('names the known sources when the source is unknown', () => {
    expect(() => contractFor('hubspot', 'deals')).toThrow('known sources are orders_db, stripe, zendesk, partner_files');
  });

  describe.each(allContracts.map((c) => [`${c.source}.${c.entity}`, c] as const))('%s', (_name, contract) => {
    it('is valid', () => {
      expect(validateContract(contract)).toEqual([]);
    });

    it('is plain data that survives a JSON round trip', () => {
      expect(JSON.parse(JSON.stringify(contract))).toStrictEqual(contract);
    });

    it('cannot be changed at run time', () => {
      expect(() => (contract.columns as unknown as string[]).push('x')).toThrow(TypeError);
      expect(() => ((contract.columns[0] as { nullable: boolean }).nullable = true)).toThrow(TypeError);
    });
  });
});
