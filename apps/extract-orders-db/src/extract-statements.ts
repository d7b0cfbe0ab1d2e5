import * as path from 'node:path';
import type { TimeWindow } from '@northstar/core';
import { CREATED_AT_COLUMN, digestAmountColumn, digestStates, type Contract, type DigestState } from '@northstar/contracts';
import type { ShardSpec } from '@northstar/extract';
import { columnList, fragment, postgresDialect, renderSql, sqlTemplatesIn, type RenderedSql } from '@northstar/sql';

const sql = sqlTemplatesIn(path.join(__dirname, '../sql'));
const extractWindowSql = sql('extract_window');
const extractWindowShardSql = sql('extract_window_shard');
const extractKeySetSql = sql('extract_key_set');
const extractDigestsSql = sql('extract_digests');
const extractDigestsWithoutAmountSql = sql('extract_digests_without_amount');
const setWindowSql = sql('set_window');
const observedColumnsSql = sql('observed_columns');
const openTransactionsSql = sql('open_transactions');
const snapshotXminSql = sql('snapshot_xmin');
const sourceClockSql = sql('source_clock');

type KeyedContract = Pick<Contract, 'columns' | 'cursor' | 'businessKey'>;

/** Every statement the orders DB extractor sends, rendered from apps/extract-orders-db/sql. */
export const extractStatements = {
  /** Sent before the snapshot's transaction begins. */
  openTransactions(): RenderedSql {
    return renderSql(openTransactionsSql, postgresDialect);
  },
  /** The transaction's first statement, which fixes its snapshot: the source's clock. */
  sourceClock(): RenderedSql {
    return renderSql(sourceClockSql, postgresDialect);
  },
  /** The snapshot's xmin, read right after sourceClock in the same transaction. */
  snapshotXmin(): RenderedSql {
    return renderSql(snapshotXminSql, postgresDialect);
  },
  observedColumns(table: string): RenderedSql {
    return renderSql(observedColumnsSql, postgresDialect, { params: { schema: 'public', table } });
  },
  /** Binds the window (and shard) for the COPY that follows in the same transaction. */
  setWindow(window: TimeWindow, shard: ShardSpec | undefined): RenderedSql {
    return renderSql(setWindowSql, postgresDialect, {
      params: {
        window_start: window.start.toISOString(),
        window_end: window.end.toISOString(),
        shard_index: String(shard ? shard.index : 0),
        shard_count: String(shard ? shard.count : 1),
      },
    });
  },
  /** CSV of the contract's columns for the window set by setWindow. */
  windowCopy(table: string, contract: KeyedContract, sharded: boolean): RenderedSql {
    return renderSql(sharded ? extractWindowShardSql : extractWindowSql, postgresDialect, {
      idents: { table, cursor: contract.cursor, ...(sharded ? { shard_key: singleKey(contract) } : {}) },
      fragments: { columns: columnList(contract.columns.map((c) => c.name), postgresDialect) },
    });
  },
  /** CSV of every row's key, cursor and creation day: the whole table, no window. */
  keySetCopy(table: string, contract: KeyedContract): RenderedSql {
    return renderSql(extractKeySetSql, postgresDialect, {
      idents: { table, key: singleKey(contract), cursor: contract.cursor, created_at: CREATED_AT_COLUMN },
    });
  },
  /**
   * CSV of one digest row per UTC creation day: count, amount sum, key hash,
   * state sum. `states` defaults to the entity's declared digest states.
   */
  digestsCopy(table: string, contract: Contract, states: readonly DigestState[] = digestStates(contract)): RenderedSql {
    const amount = digestAmountColumn(contract);
    const key = singleKey(contract);
    const idents = { table, key, cursor: contract.cursor, created_at: CREATED_AT_COLUMN };
    const q = (name: string) => postgresDialect.quoteIdent(name);
    const state = (s: DigestState) => (s.lower ? `lower(${q(s.column)})` : q(s.column));
    const fragments = { state_sum: fragment(states.length ? `sum(${postgresDialect.macros['hash_key_int'](q(key), ...states.map(state))})` : 'null::bigint') };
    return amount
      ? renderSql(extractDigestsSql, postgresDialect, { idents: { ...idents, amount }, fragments })
      : renderSql(extractDigestsWithoutAmountSql, postgresDialect, { idents, fragments });
  },
};

/** Sharding, key sets and digests hash or order by one key column; every orders DB table has one. */
function singleKey(contract: Pick<Contract, 'businessKey'>): string {
  if (contract.businessKey.length !== 1) throw new Error(`orders DB: expected a single-column business key, got ${contract.businessKey.join(', ')}`);
  return contract.businessKey[0];
}
