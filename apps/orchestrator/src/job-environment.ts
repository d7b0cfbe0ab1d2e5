import * as path from 'node:path';
import type { NorthstarConfig } from '@northstar/core';

/**
 * The environment a job runs with. The orchestrator resolved its config's
 * paths against its own working directory, but jobs run in the workspace
 * root, where a relative NORTHSTAR_HOME (or the default `.northstar`) names
 * another directory: the run log and the data would land in two warehouses.
 * So each job is given the absolute locations the orchestrator uses itself.
 * A file:// raw URL needs nothing: it is absolute or refused, and its
 * default derives from NORTHSTAR_HOME.
 */
export function jobEnvironment(env: NodeJS.ProcessEnv, config: NorthstarConfig): NodeJS.ProcessEnv {
  const { warehouse } = config;
  return {
    ...env,
    NORTHSTAR_HOME: config.home,
    ...(warehouse.kind === 'duckdb' ? { NORTHSTAR_DUCKDB_PATH: warehouse.path } : {}),
    ...(warehouse.kind === 'snowflake' && warehouse.privateKeyPath ? { SNOWFLAKE_PRIVATE_KEY_PATH: path.resolve(warehouse.privateKeyPath) } : {}),
  };
}
