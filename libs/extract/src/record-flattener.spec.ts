import { DataContractError, ExitCode, exitCodeFor } from '@northstar/core';
import { col, defineContract, nullable } from '@northstar/contracts';
import { RecordFlattener } from './record-flattener';

const contract = defineContract({
  source: 'stripe',
  entity: 'test_events',
  version: '1.2.0',
  description: 'Test stream',
  businessKey: ['id'],
  cursor: 'created',
  biFacing: false,
  columns: [
    col.string('id'),
    col.timestamp('created'),
    col.string('order_id', { source: 'metadata.order_id' }),
    col.string('email', nullable({ source: 'customer.details.email', pii: 'email' })),
    col.json('tags', nullable()),
  ],
});

const record = (extra: Record<string, unknown> = {}) => ({ id: 'ev_1', created: 1764000000, metadata: { order_id: '42' }, customer: { details: { email: 'a@b.c' } }, ...extra });

describe('RecordFlattener', () => {
  it('reads each column at its source path, in contract order, absent nullable fields as null', () => {
    const flattener = new RecordFlattener(contract);
    expect(flattener.valuesOf(record({ tags: ['x'] }), 1)).toEqual(['ev_1', 1764000000, '42', 'a@b.c', ['x']]);
    expect(flattener.valuesOf({ id: 'ev_2', created: 1, metadata: { order_id: '7' } }, 2)).toEqual(['ev_2', 1, '7', null, null]);
  });

  it('counts, per record, the fields no column reads, nested ones by their path, without going into what a column takes whole', () => {
    const flattener = new RecordFlattener(contract);
    flattener.valuesOf(record({ object: 'event', tags: { deep: { x: 1 } }, customer: { id: 'cus_1', details: { email: 'a@b.c', phone: null } } }), 1);
    flattener.valuesOf(record({ object: 'event', refunds: [{ id: 're_1' }] }), 2);
    flattener.valuesOf(record({ metadata: { order_id: '1', campaign: 'x' } }), 3);
    expect(flattener.unknownFields()).toEqual({ 'customer.details.phone': 1, 'customer.id': 1, 'metadata.campaign': 1, object: 2, refunds: 1 });
  });

  it('refuses a record without a required field (exit 3), naming the record, its key, the field and what the contract expects', () => {
    const flattener = new RecordFlattener(contract);
    const missing = () => flattener.valuesOf({ id: 'ev_9', created: 1, metadata: {} }, 17);
    expect(missing).toThrow(DataContractError);
    expect(missing).toThrow('stripe/test_events record 17 (id ev_9): field "metadata.order_id" (column order_id) is missing; contract v1.2.0 requires a string there');
    const nulled = () => flattener.valuesOf(record({ created: null }), 3);
    expect(nulled).toThrow('stripe/test_events record 3 (id ev_1): field "created" is null; contract v1.2.0 requires a timestamp there');
    let error: unknown;
    try {
      flattener.valuesOf({ created: 1 }, 1);
    } catch (e) {
      error = e;
    }
    expect(exitCodeFor(error)).toBe(ExitCode.dataViolation);
    expect((error as Error).message).toBe('stripe/test_events record 1: field "id" is missing; contract v1.2.0 requires a string there');
  });

  it('never shows a PII business key in a refusal', () => {
    const byEmail = defineContract({ ...contract, businessKey: ['email'] });
    expect(() => new RecordFlattener(byEmail).valuesOf(record({ id: undefined }), 5)).toThrow(/^stripe\/test_events record 5: field "id" is missing/);
  });
});
