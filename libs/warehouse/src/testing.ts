import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Contract } from '@northstar/contracts';
import { DuckDbWarehouse } from './duckdb-warehouse';
import type { SnowflakeConnectionLike, SnowflakeExecuteOptions, SnowflakeStatementLike } from './snowflake-warehouse';
import type { SnowflakeBind, SnowflakeColumnLike } from './snowflake-values';

export interface TempDuckDb {
  readonly warehouse: DuckDbWarehouse;
  readonly path: string;
  /** Closes the warehouse and deletes its directory. */
  dispose(): Promise<void>;
}

/** A DuckDB warehouse in a fresh temporary file, for tests. */
export async function openTempDuckDb(): Promise<TempDuckDb> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'northstar-duckdb-'));
  const file = path.join(dir, 'warehouse.duckdb');
  const warehouse = await DuckDbWarehouse.open(file, { threads: 1 });
  return {
    warehouse,
    path: file,
    dispose: async () => {
      await warehouse.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A contract with one column of every logical type, for warehouse round-trip tests. */
export const everyTypeTestContract: Contract = {
  source: 'orders_db',
  entity: 'warehouse_every_type',
  version: '1.0.0',
  description: 'Test fixture: one column per logical type.',
  businessKey: ['id'],
  cursor: 'updated_at',
  biFacing: false,
  columns: [
    { name: 'id', type: { kind: 'integer' }, nullable: false, description: 'key' },
    { name: 'label', type: { kind: 'string' }, nullable: true, description: 'text' },
    { name: 'amount', type: { kind: 'decimal', precision: 12, scale: 2 }, nullable: false, description: 'money' },
    { name: 'ratio', type: { kind: 'double' }, nullable: true, description: 'float' },
    { name: 'is_active', type: { kind: 'boolean' }, nullable: false, description: 'flag' },
    { name: 'order_date', type: { kind: 'date' }, nullable: false, description: 'day' },
    { name: 'payload', type: { kind: 'json' }, nullable: true, description: 'nested' },
    { name: 'updated_at', type: { kind: 'timestamp' }, nullable: false, description: 'cursor' },
  ],
};

export interface RecordedStatement {
  readonly sql: string;
  readonly binds: readonly SnowflakeBind[];
}

export interface FakeSnowflakeResult {
  readonly columns: readonly SnowflakeColumnLike[];
  readonly rows: readonly unknown[][];
}

/**
 * Stands in for a snowflake-sdk connection: records every statement sent and
 * answers from `respond` (default: no rows), or fails with what it throws.
 */
export class RecordingSnowflakeConnection implements SnowflakeConnectionLike {
  readonly statements: RecordedStatement[] = [];
  destroyed = false;

  constructor(private readonly respond: (statement: RecordedStatement) => FakeSnowflakeResult | undefined = () => undefined) {}

  execute(options: SnowflakeExecuteOptions): void {
    const statement = { sql: options.sqlText, binds: options.binds ?? [] };
    this.statements.push(statement);
    setImmediate(() => {
      let result: FakeSnowflakeResult | undefined;
      try {
        result = this.respond(statement);
      } catch (error) {
        options.complete(error as Error, { getColumns: () => undefined }, undefined);
        return;
      }
      const stmt: SnowflakeStatementLike = { getColumns: () => [...(result?.columns ?? [])] };
      options.complete(undefined, stmt, result ? result.rows.map((r) => [...r]) : []);
    });
  }

  destroy(callback: (error: Error | undefined) => void): void {
    this.destroyed = true;
    setImmediate(() => callback(undefined));
  }
}

/** Column metadata in snowflake-sdk's shape. */
export function fakeSnowflakeColumn(name: string, type: string, scale = 0): SnowflakeColumnLike {
  return { getName: () => name, getType: () => type, getScale: () => scale };
}

export { expectGolden, formatGoldenStatements } from './golden-file';
