import type { LogicalType } from '@northstar/contracts';

export interface ParquetColumn {
  readonly name: string;
  readonly type: LogicalType;
  /** Replace the value by its keyed hash (see maskValue); the column becomes varchar. */
  readonly mask: boolean;
}
