import * as path from 'node:path';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { TransientError } from '@northstar/core';
import type { Column, LogicalType } from '@northstar/contracts';
import { columnList, loadSqlTemplate, postgresDialect, renderSql, type RenderedSql } from '@northstar/sql';

const sqlDir = path.join(__dirname, '../sql');
const extractWindowSql = loadSqlTemplate(path.join(sqlDir, 'extract_window.sql'));
const setWindowSql = loadSqlTemplate(path.join(sqlDir, 'set_window.sql'));
const observedColumnsSql = loadSqlTemplate(path.join(sqlDir, 'observed_columns.sql'));

export interface ObservedColumn {
  readonly name: string;
  readonly type?: LogicalType;
}

/**
 * One connection to the orders DB holding one REPEATABLE READ snapshot, so
 * every entity of a run sees the same instant of the database.
 */
export class OrdersDbSource {
  private constructor(private readonly client: Client) {}

  static async connect(url: string, applicationName: string): Promise<OrdersDbSource> {
    const client = new Client({ connectionString: url, application_name: applicationName });
    try {
      await client.connect();
    } catch (error) {
      throw new TransientError(`cannot connect to the orders DB at ${redact(url)}: ${(error as Error).message}`, { cause: error });
    }
    const source = new OrdersDbSource(client);
    await client.query("set TimeZone = 'UTC'");
    await client.query("set DateStyle = 'ISO, YMD'");
    await client.query('begin isolation level repeatable read read only');
    return source;
  }

  async observedColumns(table: string): Promise<ObservedColumn[]> {
    const result = await this.run(renderSql(observedColumnsSql, postgresDialect, { params: { schema: 'public', table } }));
    return result.map((row) => ({ name: String(row['column_name']), type: logicalTypeOf(row) }));
  }

  /** CSV of `columns` for rows with cursor in [start, end), in column order. */
  async *copyWindow(table: string, columns: readonly Column[], cursor: string, window: { start: Date; end: Date }): AsyncGenerator<Buffer> {
    await this.run(renderSql(setWindowSql, postgresDialect, { params: { window_start: window.start.toISOString(), window_end: window.end.toISOString() } }));
    const copy = renderSql(extractWindowSql, postgresDialect, {
      idents: { table, cursor },
      fragments: { columns: columnList(columns.map((c) => c.name), postgresDialect) },
    });
    yield* this.client.query(copyTo(copy.sql));
  }

  async close(): Promise<void> {
    try {
      await this.client.query('commit');
    } finally {
      await this.client.end();
    }
  }

  private async run(statement: RenderedSql): Promise<Record<string, unknown>[]> {
    return (await this.client.query(statement.sql, statement.binds as unknown[])).rows;
  }
}

function logicalTypeOf(row: Record<string, unknown>): LogicalType | undefined {
  switch (row['data_type']) {
    case 'bigint': case 'integer': case 'smallint': return { kind: 'integer' };
    case 'numeric': return { kind: 'decimal', precision: Number(row['numeric_precision'] ?? 38), scale: Number(row['numeric_scale'] ?? 0) };
    case 'text': case 'character varying': case 'character': return { kind: 'string' };
    case 'boolean': return { kind: 'boolean' };
    case 'date': return { kind: 'date' };
    case 'timestamp with time zone': case 'timestamp without time zone': return { kind: 'timestamp' };
    case 'double precision': case 'real': return { kind: 'double' };
    case 'json': case 'jsonb': return { kind: 'json' };
    default: return undefined;
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
