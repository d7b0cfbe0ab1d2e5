import type { Logger, SnowflakeConfig } from '@northstar/core';
import { snowflakeDialect, type Dialect, type RenderedSql } from '@northstar/sql';
import { firstSqlLine } from './first-sql-line';
import { SerialQueue } from './serial-queue';
import { snowflakeConnectionOptions } from './snowflake-connection-options';
import { loadSnowflakeSdk } from './snowflake-sdk-setup';
import { translateSnowflakeError } from './snowflake-errors';
import { snowflakeSessionStatements } from './snowflake-session';
import { normaliseSnowflakeRow, snowflakeBind, type SnowflakeBind, type SnowflakeColumnLike } from './snowflake-values';
import { runTransaction } from './transaction-session';
import type { Row, Warehouse, WarehouseSession } from './warehouse';

export interface SnowflakeStatementLike {
  getColumns(): SnowflakeColumnLike[] | undefined;
}

export interface SnowflakeExecuteOptions {
  sqlText: string;
  binds?: SnowflakeBind[];
  rowMode: 'array';
  fetchAsString: ('Number' | 'JSON')[];
  complete(error: Error | undefined, statement: SnowflakeStatementLike, rows?: unknown[][]): void;
}

/** The part of a snowflake-sdk Connection the adapter uses; tests pass a fake. */
export interface SnowflakeConnectionLike {
  execute(options: SnowflakeExecuteOptions): unknown;
  destroy(callback: (error: Error | undefined) => void): void;
}


/**
 * Production warehouse over snowflake-sdk: one session, calls served in
 * order. Note that Snowflake commits implicitly before and after DDL, so a
 * transaction() should hold DML only.
 */
export class SnowflakeWarehouse implements Warehouse {
  readonly dialect: Dialect = snowflakeDialect;
  private readonly queue = new SerialQueue('a statement was sent to the warehouse inside its own transaction(); use the session passed to the callback');
  private closed = false;

  constructor(
    private readonly connection: SnowflakeConnectionLike,
    private readonly logger: Logger,
  ) {}

  static async open(config: SnowflakeConfig, logger: Logger): Promise<SnowflakeWarehouse> {
    const options = snowflakeConnectionOptions(config);
    logger.info({ account: config.account, user: config.username, warehouse: config.warehouse, database: config.database, authenticator: options.authenticator }, 'connecting to Snowflake');
    const connection = loadSnowflakeSdk().createConnection(options);
    await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(translateSnowflakeError(error, undefined)) : resolve())));
    return SnowflakeWarehouse.fromConnection(connection, logger);
  }

  /** Wraps a connected connection and applies the session settings every query relies on (UTC). */
  static async fromConnection(connection: SnowflakeConnectionLike, logger: Logger): Promise<SnowflakeWarehouse> {
    const warehouse = new SnowflakeWarehouse(connection, logger);
    for (const statement of snowflakeSessionStatements()) await warehouse.run(statement);
    return warehouse;
  }

  run(statement: RenderedSql): Promise<void> {
    return this.queue.run(async () => void (await this.execute(statement)));
  }

  query<T extends Row = Row>(statement: RenderedSql): Promise<T[]> {
    return this.queue.run(() => this.execute(statement) as Promise<T[]>);
  }

  transaction<T>(fn: (session: WarehouseSession) => Promise<T>): Promise<T> {
    return this.queue.run(() =>
      runTransaction(
        {
          dialect: this.dialect,
          execute: async (s) => void (await this.execute(s)),
          read: (s) => this.execute(s),
          onRollbackError: (e) => this.logger.warn({ err: e }, 'Snowflake rollback failed'),
        },
        fn,
      ),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.drain();
    await new Promise<void>((resolve, reject) => this.connection.destroy((error) => (error ? reject(translateSnowflakeError(error, undefined)) : resolve())));
  }

  private execute(statement: RenderedSql): Promise<Row[]> {
    if (this.closed) return Promise.reject(new Error('the Snowflake warehouse is closed'));
    let binds: SnowflakeBind[];
    try {
      binds = statement.binds.map(snowflakeBind);
    } catch (error) {
      return Promise.reject(error);
    }
    this.logger.debug({ sql: firstSqlLine(statement.sql) }, 'snowflake statement');
    return new Promise<Row[]>((resolve, reject) => {
      this.connection.execute({
        sqlText: statement.sql,
        ...(binds.length ? { binds } : {}),
        rowMode: 'array',
        fetchAsString: ['Number', 'JSON'],
        complete: (error, stmt, rows) => {
          if (error) return reject(translateSnowflakeError(error, statement.sql));
          const columns = stmt.getColumns() ?? [];
          resolve((rows ?? []).map((values) => normaliseSnowflakeRow(columns, values)));
        },
      });
    });
  }
}
