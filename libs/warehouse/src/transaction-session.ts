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
