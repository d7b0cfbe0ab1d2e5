import type { Dialect, RenderedSql } from '@northstar/sql';
import type { Row, WarehouseSession } from './warehouse';

/**
 * The session a transaction callback gets. It runs straight on the
 * connection (the transaction already holds the warehouse's queue) and
 * refuses work once the transaction has ended, so a stray late call cannot
 * run outside the transaction it was written for.
 */
export class TransactionSession implements WarehouseSession {
  private ended = false;

  constructor(
    readonly dialect: Dialect,
    private readonly execute: (statement: RenderedSql) => Promise<void>,
    private readonly read: (statement: RenderedSql) => Promise<Row[]>,
  ) {}

  run(statement: RenderedSql): Promise<void> {
    return this.guard(() => this.execute(statement));
  }

  query<T extends Row = Row>(statement: RenderedSql): Promise<T[]> {
    return this.guard(() => this.read(statement) as Promise<T[]>);
  }

  end(): void {
    this.ended = true;
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.ended) return Promise.reject(new Error('this transaction has already ended; its session can no longer be used'));
    return work();
  }
}

const begin: RenderedSql = { sql: 'begin transaction', binds: [] };
const commit: RenderedSql = { sql: 'commit', binds: [] };
const rollback: RenderedSql = { sql: 'rollback', binds: [] };

export interface TransactionConnection {
  readonly dialect: Dialect;
  execute(statement: RenderedSql): Promise<void>;
  read(statement: RenderedSql): Promise<Row[]>;
  /** A failed rollback must not hide the error that caused it. */
  onRollbackError(error: unknown): void;
}

/**
 * begin; fn(session); commit, or rollback when fn throws. Both adapters call
 * it from inside their call queue, so nothing else interleaves.
 */
export async function runTransaction<T>(connection: TransactionConnection, fn: (session: WarehouseSession) => Promise<T>): Promise<T> {
  await connection.execute(begin);
  const session = new TransactionSession(connection.dialect, (s) => connection.execute(s), (s) => connection.read(s));
  try {
    const result = await fn(session);
    session.end();
    await connection.execute(commit);
    return result;
  } catch (error) {
    session.end();
    await connection.execute(rollback).catch((e) => connection.onRollbackError(e));
    throw error;
  }
}
