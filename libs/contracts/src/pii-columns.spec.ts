import { col, nullable } from './column-builder';
import { allContracts } from './contract-registry';
import { piiColumns, piiTagValues } from './pii-columns';

describe('piiColumns', () => {
  it('returns the tagged columns in contract order', () => {
    const contract = { columns: [col.integer('id'), col.string('email', { pii: 'email' }), col.string('note', nullable({ pii: 'free_text' }))] };
    expect(piiColumns(contract).map((c) => [c.name, c.pii])).toEqual([['email', 'email'], ['note', 'free_text']]);
  });

  it('is empty for a contract without personal data', () => {
    expect(piiColumns({ columns: [col.integer('id')] })).toEqual([]);
  });

  it('never tags a business key or cursor: masking would change their type and order', () => {
    for (const contract of allContracts) {
      const tagged = piiColumns(contract).map((c) => c.name);
      expect(tagged.filter((name) => contract.businessKey.includes(name) || name === contract.cursor)).toEqual([]);
    }
  });

  it('tags every e-mail column of every source', () => {
    const emails = allContracts.flatMap((c) => c.columns.filter((col) => /email/.test(col.name)).map((col) => `${c.entity}.${col.name}:${col.pii}`));
    expect(emails).toEqual(['customers.email:email', 'charges.billing_email:email', 'users.email:email']);
  });

  it('tags a card\'s last4 and fingerprint as payment_card, an allowed value of the pii tag, and leaves its brand clear', () => {
    const cards = allContracts.flatMap((c) => c.columns.filter((col) => col.name.startsWith('card_')).map((col) => `${c.entity}.${col.name}:${col.pii ?? 'clear'}`));
    expect(cards).toEqual(['charges.card_brand:clear', 'charges.card_last4:payment_card', 'charges.card_fingerprint:payment_card']);
    expect(piiTagValues).toContain('payment_card');
  });
});
