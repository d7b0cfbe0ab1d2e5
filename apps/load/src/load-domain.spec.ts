import { ConfigError } from '@northstar/core';
import { domainJobNamed } from './load-domain';

describe('--domain', () => {
  it('takes a domain fed by several sources', () => {
    expect(domainJobNamed('payments').sources).toEqual(expect.arrayContaining(['orders_db', 'stripe']));
  });

  it('refuses a domain fed by one source, naming the load that runs its models', () => {
    expect(() => domainJobNamed('orders')).toThrow(ConfigError);
    expect(() => domainJobNamed('orders')).toThrow('--domain orders: its models run in `load --source orders_db`; --domain takes a domain fed by several sources: payments, support');
  });

  it('refuses an unknown name, listing the domain jobs', () => {
    expect(() => domainJobNamed('fulfillment')).toThrow('--domain: expected one of payments, support, got "fulfillment"');
  });
});
