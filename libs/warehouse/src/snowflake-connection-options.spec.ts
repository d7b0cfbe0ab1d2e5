import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, exitCodeFor, type SnowflakeConfig } from '@northstar/core';
import { snowflakeConnectionOptions } from './snowflake-connection-options';

const base: SnowflakeConfig = { account: 'acme-prod', username: 'LOADER', warehouse: 'LOAD_WH', database: 'NORTHSTAR', rawStage: 'raw_zone' };

describe('snowflakeConnectionOptions', () => {
  let secrets: string;
  let keyPath: string;

  beforeAll(() => {
    secrets = mkdtempSync(path.join(tmpdir(), 'northstar-sf-key-'));
    keyPath = path.join(secrets, 'rsa_key.p8');
    writeFileSync(keyPath, '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n');
  });

  afterAll(() => rmSync(secrets, { recursive: true, force: true }));

  function refusal(config: SnowflakeConfig): Error {
    try {
      snowflakeConnectionOptions(config);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as Error;
    }
    throw new Error('snowflakeConnectionOptions accepted the config');
  }

  it('uses key-pair auth when a key file is configured, and never sends the password then', () => {
    const options = snowflakeConnectionOptions({ ...base, privateKeyPath: keyPath, password: 'ignored', role: 'LOADER_ROLE' });
    expect(options).toEqual({
      account: 'acme-prod',
      username: 'LOADER',
      warehouse: 'LOAD_WH',
      database: 'NORTHSTAR',
      role: 'LOADER_ROLE',
      application: 'northstar-elt',
      clientSessionKeepAlive: false,
      authenticator: 'SNOWFLAKE_JWT',
      privateKeyPath: keyPath,
    });
  });

  it('refuses a key file that is not there with exit 2, naming the variable and the path', () => {
    const missing = path.join(secrets, 'no-such-key.p8');
    const error = refusal({ ...base, privateKeyPath: missing });
    expect(exitCodeFor(error)).toBe(2);
    expect(error.message).toBe(`SNOWFLAKE_PRIVATE_KEY_PATH: expected a readable private key file, got "${missing}" (ENOENT)`);
  });

  it('refuses a key path that is a directory', () => {
    expect(refusal({ ...base, privateKeyPath: secrets }).message).toBe(`SNOWFLAKE_PRIVATE_KEY_PATH: expected a readable private key file, got "${secrets}" (not a file)`);
  });

  it('falls back to password auth, leaving the role to the user default when none is set', () => {
    const options = snowflakeConnectionOptions({ ...base, password: 's3cret' });
    expect(options).toMatchObject({ authenticator: 'SNOWFLAKE', password: 's3cret', application: 'northstar-elt', clientSessionKeepAlive: false });
    expect(options).not.toHaveProperty('role');
    expect(options).not.toHaveProperty('privateKeyPath');
  });

  it('refuses a config with neither a key nor a password', () => {
    expect(refusal(base).message).toContain('SNOWFLAKE_PRIVATE_KEY_PATH');
  });
});
