import type { Contract } from '@northstar/contracts';

/** One source table: its contract (columns, key, cursor) and where it lives. */
export interface OrdersDbStream {
  readonly contract: Contract;
  readonly table: string;
}
