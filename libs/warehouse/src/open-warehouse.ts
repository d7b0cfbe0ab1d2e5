import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Logger, NorthstarConfig } from '@northstar/core';
import { DuckDbWarehouse } from './duckdb-warehouse';
import { SnowflakeWarehouse } from './snowflake-warehouse';
import type { Warehouse } from './warehouse';
import { ensureWarehouseSchemas } from './warehouse-schemas';

/** The configured warehouse: embedded DuckDB locally, Snowflake in the cloud. */
export async function openWarehouse(config: NorthstarConfig['warehouse'], logger: Logger, options: { readOnly?: boolean } = {}): Promise<Warehouse> {
  if (config.kind === 'duckdb') {
    logger.debug({ path: config.path, readOnly: options.readOnly ?? false }, 'opening DuckDB warehouse');
    if (!existsSync(config.path)) await createDuckDbWarehouse(config.path);
    return DuckDbWarehouse.open(config.path, { readOnly: options.readOnly });
  }
  // Read-only is a grant on the Snowflake role, not a connection option.
  return SnowflakeWarehouse.open(config, logger);
}

/** A first run on a fresh machine finds an empty warehouse with its schemas, not an error. */
async function createDuckDbWarehouse(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const warehouse = await DuckDbWarehouse.open(file);
  try {
    await ensureWarehouseSchemas(warehouse);
  } finally {
    await warehouse.close();
  }
}
