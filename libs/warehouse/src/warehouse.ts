import type { Dialect, RenderedSql } from '@northstar/sql';

/**
 * One result row. Both adapters normalise values the same way: integers are
 * numbers (bigint beyond 2^53), decimals exact strings, timestamps ISO UTC
 * strings with microseconds, dates 'YYYY-MM-DD', JSON as text, NULL as null;
 * column names are lower case.
 */
export type Row = Record<string, unknown>;

/** What a bind value may be; Dates are sent as UTC timestamps. */
export type BindValue = string | number | bigint | boolean | null | Date;

export interface WarehouseSession {
  readonly dialect: Dialect;
  run(statement: RenderedSql): Promise<void>;
  query<T extends Row = Row>(statement: RenderedSql): Promise<T[]>;
}

export interface Warehouse extends WarehouseSession {
  /** Runs fn in one transaction: commit on success, rollback on throw. */
  transaction<T>(fn: (session: WarehouseSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
