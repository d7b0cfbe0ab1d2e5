import { mkdirSync } from 'node:fs';
import * as nodePath from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { duckdbDialect, fragment, renderSql, type Dialect, type RenderedSql } from '@northstar/sql';
import { translateDuckDbError } from './duckdb-errors';
import { duckDbBinds, normaliseDuckDbValue } from './duckdb-values';
import { SerialQueue } from './serial-queue';
import { runTransaction } from './transaction-session';
import type { Row, Warehouse, WarehouseSession } from './warehouse';

export interface DuckDbOpenOptions {
  /** Open the file read-only: other read-only processes may open it too, writers may not. */
  readonly readOnly?: boolean;
  readonly threads?: number;
}


/**
 * UTC for every session; NULLs sorted as Snowflake sorts them (last
 * ascending, first descending; DuckDB puts them last both ways), so an
 * `order by ... desc` over a nullable column picks the same row on both
 * engines; threads via SET rather than instance config, so opening a cached
 * file with another thread count is not a config conflict.
 */
function sessionSettings(options: DuckDbOpenOptions): RenderedSql[] {
  const settings = [renderSql("set TimeZone = 'UTC'", duckdbDialect), renderSql("set default_null_order = 'nulls_last_on_asc_first_on_desc'", duckdbDialect)];
  if (options.threads !== undefined) {
    if (!Number.isInteger(options.threads) || options.threads < 1) throw new Error(`threads must be a positive integer, got ${options.threads}`);
    settings.push(renderSql('set threads = {{ threads }}', duckdbDialect, { fragments: { threads: fragment(duckdbDialect.literal(options.threads)) } }));
  }
  return settings;
}

/** The embedded warehouse: one DuckDB file (or ':memory:'), one connection, calls served in order. */
export class DuckDbWarehouse implements Warehouse {
  readonly dialect: Dialect = duckdbDialect;
  private readonly queue = new SerialQueue('a statement was sent to the warehouse inside its own transaction(); use the session passed to the callback');
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /**
   * Files come from DuckDB's per-process instance cache, so two warehouses on
   * one file in one process share a database instead of corrupting it;
   * another process is kept out by DuckDB's file lock (see TransientError).
   */
  static async open(path: string, options: DuckDbOpenOptions = {}): Promise<DuckDbWarehouse> {
    // A writer creates the file, so it needs the directory; a reader of a missing file should fail.
    if (path !== ':memory:' && !options.readOnly) mkdirSync(nodePath.dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      const config: Record<string, string> = options.readOnly ? { access_mode: 'READ_ONLY' } : {};
      instance = path === ':memory:' ? await DuckDBInstance.create(path, config) : await DuckDBInstance.fromCache(path, config);
    } catch (error) {
      throw translateDuckDbError(error, undefined);
    }
    const warehouse = new DuckDbWarehouse(instance, await instance.connect());
    try {
      for (const statement of sessionSettings(options)) await warehouse.run(statement);
    } catch (error) {
      await warehouse.close();
      throw error;
    }
    return warehouse;
  }

  run(statement: RenderedSql): Promise<void> {
    return this.queue.run(() => this.execute(statement));
  }

  query<T extends Row = Row>(statement: RenderedSql): Promise<T[]> {
    return this.queue.run(() => this.read<T>(statement));
  }

  transaction<T>(fn: (session: WarehouseSession) => Promise<T>): Promise<T> {
    return this.queue.run(() =>
      runTransaction({ dialect: this.dialect, execute: (s) => this.execute(s), read: (s) => this.read(s), onRollbackError: () => undefined }, fn),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.drain();
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async execute(statement: RenderedSql): Promise<void> {
    this.assertOpen();
    const { values, types } = duckDbBinds(statement.binds);
    try {
      await this.connection.run(statement.sql, values.length ? values : undefined, values.length ? (types as DuckDBType[]) : undefined);
    } catch (error) {
      throw translateDuckDbError(error, statement.sql);
    }
  }

  private async read<T extends Row>(statement: RenderedSql): Promise<T[]> {
    this.assertOpen();
    const { values, types } = duckDbBinds(statement.binds);
    try {
      const reader = await this.connection.runAndReadAll(statement.sql, values.length ? values : undefined, values.length ? (types as DuckDBType[]) : undefined);
      const names = reader.columnNames().map((n) => n.toLowerCase());
      const columnTypes = reader.columnTypes();
      return reader.getRows().map((row: DuckDBValue[]) => {
        const out: Row = {};
        row.forEach((value, i) => (out[names[i]] = normaliseDuckDbValue(value, columnTypes[i])));
        return out as T;
      });
    } catch (error) {
      throw translateDuckDbError(error, statement.sql);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the DuckDB warehouse is closed');
  }
}
