import { ConfigError, ExitCode, exitCodeFor, TransientError } from '@northstar/core';
import { classifyOrdersDbError } from './orders-db-errors';

const doing = 'cannot connect to the orders DB at postgres://reader:***@orders.internal:5432/shop';
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('classifyOrdersDbError', () => {
  it('makes a host name that does not resolve a configuration error (exit 2), naming the host', () => {
    const error = classifyOrdersDbError(withCode('getaddrinfo ENOTFOUND orders.internal', 'ENOTFOUND'), doing);
    expect(error).toBeInstanceOf(ConfigError);
    expect(exitCodeFor(error)).toBe(ExitCode.badInput);
    expect(error.message).toBe(`${doing}: getaddrinfo ENOTFOUND orders.internal`);
  });

  it('keeps a resolver that did not answer (EAI_AGAIN) transient', () => {
    expect(classifyOrdersDbError(withCode('getaddrinfo EAI_AGAIN orders.internal', 'EAI_AGAIN'), doing)).toBeInstanceOf(TransientError);
  });

  it.each(['57P02', '57P03'])('retries a server that answers %s during a failover or restart', (code) => {
    const error = classifyOrdersDbError(withCode('the database system is starting up', code), doing);
    expect(error).toBeInstanceOf(TransientError);
    expect(exitCodeFor(error)).toBe(ExitCode.transient);
  });

  it('keeps wrong credentials a configuration error and a refused connection transient', () => {
    expect(classifyOrdersDbError(withCode('password authentication failed for user "reader"', '28P01'), doing)).toBeInstanceOf(ConfigError);
    expect(classifyOrdersDbError(withCode('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED'), doing)).toBeInstanceOf(TransientError);
  });
});
