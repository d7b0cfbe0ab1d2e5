import { accessSync, constants, statSync } from 'node:fs';
import type { SnowflakeConfig } from '@northstar/core';
import { ConfigError } from '@northstar/core';
import type { ConnectionOptions } from 'snowflake-sdk';

export const SNOWFLAKE_APPLICATION = 'northstar-elt';

/**
 * snowflake-sdk options from the validated config. Key-pair auth wins when a
 * key (SNOWFLAKE_PRIVATE_KEY, as on AWS Batch) or a key file is configured
 * (no password then reaches the driver); keep-alive is
 * off because jobs are short and a heartbeat would keep idle sessions billed.
 */
export function snowflakeConnectionOptions(config: SnowflakeConfig): ConnectionOptions {
  const common: ConnectionOptions = {
    account: config.account,
    username: config.username,
    warehouse: config.warehouse,
    database: config.database,
    application: SNOWFLAKE_APPLICATION,
    clientSessionKeepAlive: false,
    ...(config.role ? { role: config.role } : {}),
  };
  if (config.privateKey) return { ...common, authenticator: 'SNOWFLAKE_JWT', privateKey: config.privateKey };
  if (config.privateKeyPath) return { ...common, authenticator: 'SNOWFLAKE_JWT', privateKeyPath: readableKeyFile(config.privateKeyPath) };
  if (config.password) return { ...common, authenticator: 'SNOWFLAKE', password: config.password };
  throw new ConfigError('Snowflake needs a private key (SNOWFLAKE_PRIVATE_KEY), a private key file (SNOWFLAKE_PRIVATE_KEY_PATH) or a password (SNOWFLAKE_PASSWORD)');
}

/**
 * The driver opens the key file only while connecting, and its ENOENT would
 * exit 1 as a bug; a key that is not there is a setting to fix (exit 2).
 */
function readableKeyFile(keyPath: string): string {
  let problem: string | undefined;
  try {
    if (statSync(keyPath).isFile()) accessSync(keyPath, constants.R_OK);
    else problem = 'not a file';
  } catch (error) {
    problem = (error as NodeJS.ErrnoException).code ?? String(error);
  }
  if (problem) throw new ConfigError(`SNOWFLAKE_PRIVATE_KEY_PATH: expected a readable private key file, got "${keyPath}" (${problem})`);
  return keyPath;
}
