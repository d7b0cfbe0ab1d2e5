import { Client } from 'pg';
import { describeDbUrl, type TimeWindow } from '@northstar/core';
import type { Contract, LogicalType, ObservedColumn } from '@northstar/contracts';
import type { RenderedSql } from '@northstar/sql';
import type { ShardSpec } from '@northstar/extract';
import { CopyOutStream } from './copy-out-stream';
import { extractStatements } from './extract-statements';
import { classifyOrdersDbError } from './orders-db-errors';
import type { SnapshotHorizon } from './snapshot-horizon';

/**
 * One connection to the orders DB holding one REPEATABLE READ snapshot, so
 * every entity of a run sees the same instant of the database.
 */
export class OrdersDbSource {
  /** The server's last connection error, surfaced by the next statement instead of crashing the process. */
  private lost: Error | undefined;
  /** A COPY abandoned mid-stream: the connection still carries its rows and cannot take another statement. */
  private abandonedCopy = false;

  private constructor(
    private readonly client: Client,
    /** Transactions open just before the snapshot, and the snapshot's xmin. */
    readonly horizon: SnapshotHorizon,
  ) {
    client.on('error', (error) => (this.lost = error));
  }

  static async connect(url: string, applicationName: string): Promise<OrdersDbSource> {
    const client = new Client({ connectionString: url, application_name: applicationName });
    // Until the source owns it: a server that drops the session during start-up must fail connect, not the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      throw classifyOrdersDbError(error, `cannot connect to the orders DB at ${describeDbUrl(url)}`);
    }
    try {
      await client.query("set TimeZone = 'UTC'");
      await client.query("set DateStyle = 'ISO, YMD'");
      const open = await readOpenTransactions(client);
      await client.query('begin isolation level repeatable read read only');
      const sourceClock = await readSourceClock(client);
      return new OrdersDbSource(client, { ...open, sourceClock, snapshotXmin: await readSnapshotXmin(client) });
    } catch (error) {
      await client.end();
      throw classifyOrdersDbError(error, 'orders DB: cannot open the run\'s snapshot');
    }
  }

  async observedColumns(table: string): Promise<ObservedColumn[]> {
    const result = await this.run(extractStatements.observedColumns(table), `orders DB: reading the columns of "${table}"`);
    return result.map((row) => {
      const type = logicalTypeOf(row);
      return type ? { name: String(row['column_name']), type } : { name: String(row['column_name']), unsupportedType: String(row['data_type']) };
    });
  }

  /** CSV of the contract's columns for rows with cursor in [start, end) (and in the shard), in column order. */
  async *copyWindow(table: string, contract: Pick<Contract, 'columns' | 'cursor' | 'businessKey'>, window: TimeWindow, shard?: ShardSpec): AsyncGenerator<Buffer> {
    const sharded = shard !== undefined && shard.count > 1;
    await this.run(extractStatements.setWindow(window, sharded ? shard : undefined), `orders DB: setting the window of "${table}"`);
    yield* this.copy(extractStatements.windowCopy(table, contract, sharded), `orders DB: reading "${table}"`);
  }

  /** CSV of every row's key, cursor and creation day: the whole table, no window. */
  async *copyKeySet(table: string, contract: Contract): AsyncGenerator<Buffer> {
    yield* this.copy(extractStatements.keySetCopy(table, contract), `orders DB: reading the key set of "${table}"`);
  }

  /** CSV of one digest row per UTC creation day: count, amount sum, key hash. */
  async *copyDigests(table: string, contract: Contract): AsyncGenerator<Buffer> {
    yield* this.copy(extractStatements.digestsCopy(table, contract), `orders DB: reading the digests of "${table}"`);
  }

  /**
   * Ends the read-only transaction. After an abandoned COPY or a lost
   * connection there is nothing to commit and no statement would be answered
   * (a commit would wait for ever behind the COPY's rows): the connection
   * is ended, and the server ends the transaction with it.
   */
  async close(): Promise<void> {
    if (this.abandonedCopy || this.lost) {
      await this.client.end();
      return;
    }
    try {
      await this.client.query('commit');
    } finally {
      await this.client.end();
    }
  }

  private async *copy(statement: RenderedSql, doing: string): AsyncGenerator<Buffer> {
    let finished = false;
    try {
      yield* this.client.query(new CopyOutStream(statement.sql));
      finished = true;
    } catch (error) {
      throw classifyOrdersDbError(this.lost ?? error, doing);
    } finally {
      if (!finished) this.abandonedCopy = true;
    }
  }

  private async run(statement: RenderedSql, doing: string): Promise<Record<string, unknown>[]> {
    if (this.lost) throw classifyOrdersDbError(this.lost, doing);
    try {
      return (await this.client.query(statement.sql, statement.binds as unknown[])).rows;
    } catch (error) {
      throw classifyOrdersDbError(this.lost ?? error, doing);
    }
  }
}

/**
 * Open transactions, read before the snapshot's transaction begins (see
 * open_transactions.sql). A server that hides pg_stat_activity (or lacks
 * it) loses the horizon, not the run.
 */
async function readOpenTransactions(client: Client): Promise<Omit<SnapshotHorizon, 'snapshotXmin' | 'sourceClock'>> {
  const statement = extractStatements.openTransactions();
  try {
    const [row] = (await client.query(statement.sql, statement.binds as unknown[])).rows as Record<string, unknown>[];
    const seesAll = row['sees_all_sessions'] === true;
    return {
      observedAt: row['observed_at'] instanceof Date ? row['observed_at'] : undefined,
      oldestOpenXactStart: row['oldest_open_xact_start'] instanceof Date ? row['oldest_open_xact_start'] : undefined,
      ...(row['oldest_open_pid'] == null ? {} : { oldestWriter: { pid: Number(row['oldest_open_pid']), applicationName: String(row['oldest_open_application'] ?? '') } }),
      openWriters: Number(row['open_transactions'] ?? 0),
      observed: seesAll,
      ...(seesAll ? {} : { unobservedReason: 'the role lacks pg_read_all_stats, so other sessions are hidden in pg_stat_activity' }),
    };
  } catch (error) {
    return { observedAt: undefined, oldestOpenXactStart: undefined, openWriters: 0, observed: false, unobservedReason: (error as Error).message };
  }
}

/** The transaction's first statement, which takes its snapshot; a server that cannot tell the time fails the run. */
async function readSourceClock(client: Client): Promise<Date> {
  const statement = extractStatements.sourceClock();
  const [row] = (await client.query(statement.sql, statement.binds as unknown[])).rows as Record<string, unknown>[];
  if (!(row?.['source_clock'] instanceof Date)) throw new Error(`orders DB: statement_timestamp() answered ${String(row?.['source_clock'])}, not a time`);
  return row['source_clock'];
}

/** Read after the source clock, under a savepoint: a server without the snapshot functions loses the xmin, not the run. */
async function readSnapshotXmin(client: Client): Promise<string | undefined> {
  const statement = extractStatements.snapshotXmin();
  await client.query('savepoint snapshot_xmin');
  try {
    const [row] = (await client.query(statement.sql, statement.binds as unknown[])).rows as Record<string, unknown>[];
    await client.query('release savepoint snapshot_xmin');
    return row['snapshot_xmin'] == null ? undefined : String(row['snapshot_xmin']);
  } catch {
    await client.query('rollback to savepoint snapshot_xmin');
    return undefined;
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
