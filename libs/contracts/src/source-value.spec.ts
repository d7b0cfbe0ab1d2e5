import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { col, nullable } from './column-builder';
import type { Contract } from './contract';
import { contractFor } from './contract-registry';
import { sourceValue } from './source-value';

describe('sourceValue', () => {
  const charge = { id: 'ch_1', customer: { id: 'cus_9', object: 'customer', deleted: true }, billing_details: { email: null }, metadata: { order_id: '42' } };

  it('reads a column by name, or by its dotted source path', () => {
    expect(sourceValue(charge, col.string('id'))).toBe('ch_1');
    expect(sourceValue(charge, col.string('order_id', { source: 'metadata.order_id' }))).toBe('42');
  });

  it('tells a null the source sent from a field it left out', () => {
    expect(sourceValue(charge, col.string('billing_email', { source: 'billing_details.email' }))).toBeNull();
    expect(sourceValue(charge, col.string('billing_name', { source: 'billing_details.name' }))).toBeUndefined();
    expect(sourceValue(charge, col.string('x', { source: 'id.length' }))).toBeUndefined();
  });

  it('takes the id of an expanded object, but keeps JSON columns whole', () => {
    expect(sourceValue(charge, col.string('customer_id', nullable({ source: 'customer' })))).toBe('cus_9');
    expect(sourceValue(charge, col.json('customer'))).toEqual(charge.customer);
  });
});

// The contracts against the real API shapes in ../shared/realdata: every
// column the extractors read must exist there (metadata keys are the shop's
// own, so they are not in Stripe's examples; `_extract.` fields are added by
// the extractor itself).
const realData = path.resolve(__dirname, '../../../../shared/realdata');
const describeRealData = existsSync(realData) || process.env['CI'] ? describe : describe.skip;

describeRealData('contracts against real source records', () => {
  const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(realData, file), 'utf8'));
  const stripe = read('stripe/openapi_fixtures/fixtures3.json')['resources'] as Record<string, unknown>;
  const zendesk = (file: string, key: string) => (read(`zendesk/${file}`)[key] as unknown[])[0];
  const records: [string, string, unknown][] = [
    ['stripe', 'charges', stripe['charge']],
    ['stripe', 'refunds', stripe['refund']],
    ['stripe', 'disputes', stripe['dispute']],
    ['stripe', 'payment_intents', stripe['payment_intent']],
    ['stripe', 'balance_transactions', stripe['balance_transaction']],
    ['zendesk', 'tickets', zendesk('embulk_input_zendesk/cursor_based_tickets.json', 'tickets')],
    ['zendesk', 'users', zendesk('embulk_input_zendesk/simple_user.json', 'users')],
    ['zendesk', 'ticket_metrics', (zendesk('embulk_input_zendesk/ticket_metrics.json', 'tickets') as { metric_set: unknown }).metric_set],
  ];

  it.each(records)('%s %s: every column is in the source record', (source, entity, record) => {
    const contract: Contract = contractFor(source, entity);
    const absent = contract.columns.filter((c) => !c.source?.startsWith('metadata.') && !c.source?.startsWith('_extract.') && sourceValue(record, c) === undefined);
    expect(absent.map((c) => c.source ?? c.name)).toEqual([]);
  });

  it.each(records)('%s %s: every required column has a value', (source, entity, record) => {
    const contract = contractFor(source, entity);
    const empty = contract.columns.filter((c) => !c.nullable && sourceValue(record, c) === null);
    expect(empty.map((c) => c.name)).toEqual([]);
  });
});
