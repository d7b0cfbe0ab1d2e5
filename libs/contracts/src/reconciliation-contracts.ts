import { col } from './column-builder';
import type { Column, Contract } from './contract';
import { defineContract } from './define-contract';
import { sourceRegistry } from './sources';

/**
 * The column whose per-day sum the digest carries, as its source declares
 * (`digestAmounts`), so finance totals can be checked day by day against the
 * source; entities without one digest counts only.
 */
export function digestAmountColumn(contract: Pick<Contract, 'source' | 'entity'>): string | undefined {
  return sourceRegistry.find((s) => s.name === contract.source)?.digestAmounts?.[contract.entity];
}

/** The column a key set and digest derive `created_day` from. */
export const CREATED_AT_COLUMN = 'created_at';

/**
 * `<entity>_keys`: every business key in the source at the nightly snapshot,
 * with its cursor and creation day. A key staging holds but this set lacks was
 * hard-deleted in the source.
 */
export function keySetContract(contract: Contract): Contract {
  const keys = contract.businessKey.map((name) => columnOf(contract, name));
  const cursor = columnOf(contract, contract.cursor);
  const created = columnOf(contract, CREATED_AT_COLUMN);
  return defineContract({
    source: contract.source,
    entity: `${contract.entity}_keys`,
    version: contract.version,
    description: `Nightly key set of ${contract.source}.${contract.entity}: one row per source row at the snapshot (business key, cursor, creation day), used to find hard deletes.`,
    businessKey: contract.businessKey,
    cursor: contract.cursor,
    biFacing: false,
    columns: [
      ...keys,
      ...(contract.businessKey.includes(contract.cursor) ? [] : [cursor]),
      col.date('created_day', { nullable: created.nullable, description: `UTC day of ${CREATED_AT_COLUMN}.` }),
    ],
  });
}

/** `<entity>_digests`: one row per creation day, to reconcile the warehouse against the source. */
export function digestContract(contract: Contract): Contract {
  const created = columnOf(contract, CREATED_AT_COLUMN);
  const amount = digestAmountColumn(contract);
  return defineContract({
    source: contract.source,
    entity: `${contract.entity}_digests`,
    version: contract.version,
    description: `Nightly per-day digest of ${contract.source}.${contract.entity}: row count, amount sum and a hash of the keys with their cursors, per UTC creation day.`,
    businessKey: ['created_day'],
    cursor: 'created_day',
    biFacing: false,
    columns: [
      col.date('created_day', { nullable: created.nullable, description: `UTC day of ${CREATED_AT_COLUMN}; null collects rows whose ${CREATED_AT_COLUMN} is null.` }),
      col.integer('row_count', { description: 'Source rows created that day.' }),
      col.decimal('amount_sum', 38, 2, { nullable: true, description: amount ? `Sum of ${amount} over the day's rows.` : 'Null: the entity has no amount column.' }),
      col.string('key_hash', { description: `md5 of the day's "key:${contract.cursor}" pairs in key order, comma-separated; a changed hash means rows changed, appeared or vanished.` }),
    ],
  });
}

/** The key-set and digest contracts of each given entity, in that order. */
export function reconciliationContracts(contracts: readonly Contract[]): Contract[] {
  return contracts.flatMap((c) => [keySetContract(c), digestContract(c)]);
}

function columnOf(contract: Contract, name: string): Column {
  const column = contract.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${contract.source}.${contract.entity}: no column ${name} to derive reconciliation contracts from`);
  return column;
}
