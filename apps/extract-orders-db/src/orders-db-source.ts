import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { TransientError, type TimeWindow } from '@northstar/core';
import type { Contract, LogicalType } from '@northstar/contracts';
import type { RenderedSql } from '@northstar/sql';
import type { ShardSpec } from '@northstar/extract';
import { extractStatements } from './extract-statements';
import type { SnapshotHorizon } from './snapshot-horizon';

export interface ObservedColumn {
  readonly name: string;
  readonly type?: LogicalType;
}

/**
 * One connection to the orders DB holding one REPEATABLE READ snapshot, so
 * every entity of a run sees the same instant of the database.
 */
export class OrdersDbSource {
  private constructor(
    private readonly client: Client,
    /** Open writers as the snapshot saw them, read with the snapshot itself. */
    readonly horizon: SnapshotHorizon,
  ) {}

  static async connect(url: string, applicationName: string): Promise<OrdersDbSource> {
    const client = new Client({ connectionString: url, application_name: applicationName });
    try {
      await client.connect();
    } catch (error) {
      throw new TransientError(`cannot connect to the orders DB at ${redact(url)}: ${(error as Error).message}`, { cause: error });
    }
    try {
      await client.query("set TimeZone = 'UTC'");
      await client.query("set DateStyle = 'ISO, YMD'");
      await client.query('begin isolation level repeatable read read only');
      return new OrdersDbSource(client, await readHorizon(client));
    } catch (error) {
      await client.end();
      throw error;
    }
  }

  async observedColumns(table: string): Promise<ObservedColumn[]> {
    const result = await this.run(extractStatements.observedColumns(table));
    return result.map((row) => ({ name: String(row['column_name']), type: logicalTypeOf(row) }));
  }

  /** CSV of the contract's columns for rows with cursor in [start, end) (and in the shard), in column order. */
  async *copyWindow(table: string, contract: Pick<Contract, 'columns' | 'cursor' | 'businessKey'>, window: TimeWindow, shard?: ShardSpec): AsyncGenerator<Buffer> {
    const sharded = shard !== undefined && shard.count > 1;
    await this.run(extractStatements.setWindow(window, sharded ? shard : undefined));
    yield* this.copy(extractStatements.windowCopy(table, contract, sharded));
  }

  /** CSV of every row's key, cursor and creation day: the whole table, no window. */
  async *copyKeySet(table: string, contract: Contract): AsyncGenerator<Buffer> {
    yield* this.copy(extractStatements.keySetCopy(table, contract));
  }

  /** CSV of one digest row per UTC creation day: count, amount sum, key hash. */
  async *copyDigests(table: string, contract: Contract): AsyncGenerator<Buffer> {
    yield* this.copy(extractStatements.digestsCopy(table, contract));
  }

  async close(): Promise<void> {
    try {
      await this.client.query('commit');
    } finally {
      await this.client.end();
    }
  }

  private async *copy(statement: RenderedSql): AsyncGenerator<Buffer> {
    yield* this.client.query(copyTo(statement.sql));
  }

  private async run(statement: RenderedSql): Promise<Record<string, unknown>[]> {
    return (await this.client.query(statement.sql, statement.binds as unknown[])).rows;
  }
}

/**
 * The first statement of the transaction, so it fixes the snapshot. Run under
 * a savepoint: a server without pg_stat_activity (or without the snapshot
 * functions) must not abort the run's transaction, only lose the horizon.
 */
async function readHorizon(client: Client): Promise<SnapshotHorizon> {
  const statement = extractStatements.snapshotHorizon();
  await client.query('savepoint snapshot_horizon');
  try {
    const [row] = (await client.query(statement.sql, statement.binds as unknown[])).rows as Record<string, unknown>[];
    await client.query('release savepoint snapshot_horizon');
    const seesAll = row['sees_all_sessions'] === true;
    return {
      snapshotXmin: row['snapshot_xmin'] == null ? undefined : String(row['snapshot_xmin']),
      oldestOpenXactStart: row['oldest_open_xact_start'] instanceof Date ? row['oldest_open_xact_start'] : undefined,
      ...(row['oldest_writer_pid'] == null ? {} : { oldestWriter: { pid: Number(row['oldest_writer_pid']), applicationName: String(row['oldest_writer_application'] ?? '') } }),
      openWriters: Number(row['open_writers'] ?? 0),
      observed: seesAll,
      ...(seesAll ? {} : { unobservedReason: 'the role lacks pg_read_all_stats, so other sessions are hidden in pg_stat_activity' }),
    };
  } catch (error) {
    await client.query('rollback to savepoint snapshot_horizon');
    return { snapshotXmin: undefined, oldestOpenXactStart: undefined, openWriters: 0, observed: false, unobservedReason: (error as Error).message };
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
