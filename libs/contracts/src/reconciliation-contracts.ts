import { col } from './column-builder';
import type { Column, Contract } from './contract';
import { defineContract } from './define-contract';
import { parseDigestState, type DigestState } from './digest-state-term';
import { sourceRegistry } from './sources';

/**
 * The column whose per-day sum the digest carries, as its source declares
 * (`digestAmounts`), so finance totals can be checked day by day against the
 * source; entities without one digest counts only.
 */
export function digestAmountColumn(contract: Pick<Contract, 'source' | 'entity'>): string | undefined {
  return declarationOf(contract)?.digestAmounts?.[contract.entity];
}

/** The state columns the digest hashes with the key per row and sums per day, as its source declares them (`digestStates`: `status`, `lower(status)`); none: no state_sum. */
export function digestStateColumns(contract: Pick<Contract, 'source' | 'entity'>): readonly string[] {
  return declarationOf(contract)?.digestStates?.[contract.entity] ?? [];
}

/** The same, read: each state's column and whether it is hashed lower-cased (defineSource refused any other entry). */
export function digestStates(contract: Pick<Contract, 'source' | 'entity'>): readonly DigestState[] {
  return digestStateColumns(contract).map((entry) => {
    const state = parseDigestState(entry);
    if (!state) throw new Error(`${contract.source}.${contract.entity}: digest state "${entry}" is neither a column nor lower(<column>)`);
    return state;
  });
}

/** The column a key set and digest derive `created_day` from, unless the source's keySets name another. */
export const CREATED_AT_COLUMN = 'created_at';

/** The contract column whose UTC day is the entity's creation day, as its source declares (Stripe: created). */
export function createdColumnOf(contract: Pick<Contract, 'source'>): string {
  return declarationOf(contract)?.keySets?.createdColumn ?? CREATED_AT_COLUMN;
}

/** Whether the entity lands a nightly key set and digests: its source runs nightly-key-sets and lists it (or lists none). */
export function hasNightlyKeySet(contract: Pick<Contract, 'source' | 'entity'>): boolean {
  const source = declarationOf(contract);
  if (!source?.modes.includes('nightly-key-sets')) return false;
  return source.keySets?.entities?.includes(contract.entity) ?? true;
}

/** Creation days back from the nightly the entity's key set covers; undefined for the whole history. */
export function keySetLookbackDays(contract: Pick<Contract, 'source'>): number | undefined {
  return declarationOf(contract)?.keySets?.lookbackDays;
}

/**
 * `<entity>_keys`: every business key in the source at the nightly snapshot,
 * with its cursor and creation day. A key staging holds but this set lacks was
 * hard-deleted in the source.
 */
export function keySetContract(contract: Contract): Contract {
  const keys = contract.businessKey.map((name) => columnOf(contract, name));
  const cursor = columnOf(contract, contract.cursor);
  const createdColumn = createdColumnOf(contract);
  const created = columnOf(contract, createdColumn);
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
      col.date('created_day', { nullable: created.nullable, description: `UTC day of ${createdColumn}.` }),
    ],
  });
}

/** `<entity>_digests`: one row per creation day, to reconcile the warehouse against the source. */
export function digestContract(contract: Contract): Contract {
  const createdColumn = createdColumnOf(contract);
  const created = columnOf(contract, createdColumn);
  const amount = digestAmountColumn(contract);
  const states = digestStateColumns(contract);
  return defineContract({
    source: contract.source,
    entity: `${contract.entity}_digests`,
    version: contract.version,
    description: `Nightly per-day digest of ${contract.source}.${contract.entity}: row count, amount sum, a hash of the keys with their cursors and a sum of per-row state hashes, per UTC creation day.`,
    businessKey: ['created_day'],
    cursor: 'created_day',
    biFacing: false,
    columns: [
      col.date('created_day', { nullable: created.nullable, description: `UTC day of ${createdColumn}; null collects rows whose ${createdColumn} is null.` }),
      col.integer('row_count', { description: 'Source rows created that day.' }),
      col.decimal('amount_sum', 38, 2, { nullable: true, description: amount ? `Sum of ${amount} over the day's rows.` : 'Null: the entity has no amount column.' }),
      col.string('key_hash', { description: `md5 of the day's "key:${contract.cursor}" pairs in key order, comma-separated; a changed hash means rows changed, appeared or vanished.` }),
      col.integer('state_sum', {
        nullable: true,
        description: states.length
          ? `Sum over the day's rows of the first 32 bits of md5(hash_key(${[contract.businessKey[0], ...states].join(', ')})): moves when a row's state does.`
          : 'Null: the entity declares no state columns.',
      }),
    ],
  });
}

/** The key-set and digest contracts of each given entity that has them (hasNightlyKeySet), in that order. */
export function reconciliationContracts(contracts: readonly Contract[]): Contract[] {
  return contracts.filter(hasNightlyKeySet).flatMap((c) => [keySetContract(c), digestContract(c)]);
}

function declarationOf(contract: Pick<Contract, 'source'>) {
  return sourceRegistry.find((s) => s.name === contract.source);
}

function columnOf(contract: Contract, name: string): Column {
  const column = contract.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${contract.source}.${contract.entity}: no column ${name} to derive reconciliation contracts from`);
  return column;
}
