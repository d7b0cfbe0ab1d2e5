import { ConfigError, type SnowflakeConfig } from '@northstar/core';
import { snowflakeConnectionOptions } from './snowflake-connection-options';

const base: SnowflakeConfig = { account: 'acme-prod', username: 'LOADER', warehouse: 'LOAD_WH', database: 'NORTHSTAR', rawStage: 'raw_zone' };

describe('snowflakeConnectionOptions', () => {
  it('uses key-pair auth when a key file is configured, and never sends the password then', () => {
    const options = snowflakeConnectionOptions({ ...base, privateKeyPath: '/secrets/rsa_key.p8', password: 'ignored', role: 'LOADER_ROLE' });
    expect(options).toEqual({
      account: 'acme-prod',
      username: 'LOADER',
      warehouse: 'LOAD_WH',
      database: 'NORTHSTAR',
      role: 'LOADER_ROLE',
      application: 'northstar-elt',
      clientSessionKeepAlive: false,
      authenticator: 'SNOWFLAKE_JWT',
      privateKeyPath: '/secrets/rsa_key.p8',
    });
  });

  it('falls back to password auth, leaving the role to the user default when none is set', () => {
    const options = snowflakeConnectionOptions({ ...base, password: 's3cret' });
    expect(options).toMatchObject({ authenticator: 'SNOWFLAKE', password: 's3cret', application: 'northstar-elt', clientSessionKeepAlive: false });
    expect(options).not.toHaveProperty('role');
    expect(options).not.toHaveProperty('privateKeyPath');
  });

  it('refuses a config with neither a key nor a password', () => {
    expect(() => snowflakeConnectionOptions(base)).toThrow(ConfigError);
  });
});
