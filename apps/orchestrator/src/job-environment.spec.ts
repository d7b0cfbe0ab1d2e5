import * as path from 'node:path';
import { loadConfig } from '@northstar/core';
import { jobEnvironment } from './job-environment';

describe('jobEnvironment', () => {
  it('gives jobs the absolute home and DuckDB file the orchestrator resolved against its own directory', () => {
    const env = { NORTHSTAR_HOME: '../elsewhere/home', NORTHSTAR_DUCKDB_PATH: 'db/w.duckdb', ORDERS_DB_URL: 'postgres://u@127.0.0.1/db' };
    const config = loadConfig(env, false);
    const jobEnv = jobEnvironment(env, config);
    expect(jobEnv['NORTHSTAR_HOME']).toBe(path.resolve('../elsewhere/home'));
    expect(jobEnv['NORTHSTAR_DUCKDB_PATH']).toBe(path.resolve('db/w.duckdb'));
    expect(jobEnv['ORDERS_DB_URL']).toBe('postgres://u@127.0.0.1/db');
  });

  it('names the default home and DuckDB file absolutely too, when neither is set', () => {
    const jobEnv = jobEnvironment({}, loadConfig({}, false));
    expect(jobEnv['NORTHSTAR_HOME']).toBe(path.resolve('.northstar'));
    expect(jobEnv['NORTHSTAR_DUCKDB_PATH']).toBe(path.resolve('.northstar', 'warehouse.duckdb'));
  });

  it('resolves a relative Snowflake key file, and sets no DuckDB file for Snowflake', () => {
    // Built by hand: loadConfig may check that the key file exists, which is not what this is about.
    const snowflake = { kind: 'snowflake', account: 'acct', username: 'loader', privateKeyPath: 'secrets/rsa_key.p8', warehouse: 'wh', database: 'db', rawStage: 'raw_zone' } as const;
    const jobEnv = jobEnvironment({ SNOWFLAKE_PRIVATE_KEY_PATH: 'secrets/rsa_key.p8' }, { ...loadConfig({}, false), warehouse: snowflake });
    expect(jobEnv['SNOWFLAKE_PRIVATE_KEY_PATH']).toBe(path.resolve('secrets/rsa_key.p8'));
    expect(jobEnv['NORTHSTAR_DUCKDB_PATH']).toBeUndefined();
  });
});
