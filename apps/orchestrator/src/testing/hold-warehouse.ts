import { silentLogger } from '@northstar/core';
import { openWarehouse } from '@northstar/warehouse';

/**
 * `node --import tsx hold-warehouse.ts <duckdb file>`: another process with
 * the warehouse open (an operator's SQL prompt), holding DuckDB's file lock
 * until its stdin closes.
 */
void openWarehouse({ kind: 'duckdb', path: process.argv[2] ?? '' }, silentLogger()).then((warehouse) => {
  process.stdout.write('ready\n');
  process.stdin.resume();
  process.stdin.once('end', () => void warehouse.close().then(() => process.exit(0)));
});
