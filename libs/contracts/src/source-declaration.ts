import type { Contract, SourceName } from './contract';
import { parseDigestState } from './digest-state-term';

/** How a source's extractor knows where the last run stopped. */
export type CursorKind = 'timestamp-window' | 'api-cursor' | 'object-listing';

/**
 * The runs a source takes part in: `hourly` extracts changed records (backfills
 * too); `nightly-key-sets` lands each entity's full key set and digests for
 * the hard-delete reconciliation.
 */
export type SourceMode = 'hourly' | 'nightly-key-sets';

/** What a source's nightly key sets and per-day digests cover (mode nightly-key-sets). */
export interface NightlyKeySets {
  /** The entities with a key set and digests, compared and repaired per creation day; default every contract. */
  readonly entities?: readonly string[];
  /** The contract column whose UTC day is an object's creation day; default created_at. */
  readonly createdColumn?: string;
  /**
   * Creation days back from the nightly that the sets cover, for an API whose
   * whole history is too long to list every night (its lists are paged, 100
   * objects a request for Stripe). Absent: the whole history, and a key
   * missing from the set is a hard delete; a set of a lookback proves none,
   * since an older key is simply outside it.
   */
  readonly lookbackDays?: number;
}

/** One source as data: everything the job graph, the load app and the generated models need to know about it. */
export interface SourceDeclaration {
  readonly name: SourceName;
  /** The app (apps/<app>) that extracts it. */
  readonly app: string;
  readonly contracts: readonly Contract[];
  readonly modes: readonly SourceMode[];
  readonly cursorKind: CursorKind;
  /** Curated domain -> the curated models of that domain that read this source. */
  readonly feeds: Readonly<Record<string, readonly string[]>>;
  /** Entity -> the money column its nightly digest sums per day, for entities that have one. */
  readonly digestAmounts?: Readonly<Record<string, string>>;
  /**
   * Entity -> the columns holding its state (a status, a flag) that its
   * nightly digest hashes per day with the key, so a change that moves no
   * count or amount still makes the day differ. String, integer or boolean
   * columns only, staged as themselves or renamed: their text is then the
   * same in the source, DuckDB and Snowflake. `lower(<column>)` hashes a
   * string column lower-cased on every side, for a column staging lower-cases.
   */
  readonly digestStates?: Readonly<Record<string, readonly string[]>>;
  /** What the nightly key sets cover; absent: every entity, by created_at, over the whole history. */
  readonly keySets?: NightlyKeySets;
  /**
   * Arguments of a job of the source's app after its load that nothing waits
   * on: it fails (exit 3) for what the run refused, after the good data and
   * quality went on. Partner files report their quarantined files this way.
   */
  readonly afterLoadReport?: readonly string[];
  /**
   * Rows per Parquet part at most, whatever NORTHSTAR_ROWS_PER_PART says.
   * DuckDB holds a part's rows (up to a row group) while it writes the file,
   * so where rows are wide or a run is as large as its input (a 1 GB partner
   * file, a Stripe backfill), the part, not the run, must bound the
   * extractor's memory (docs/performance.md D25, D28).
   */
  readonly maxRowsPerPart?: number;
}

/** Freezes a declaration and checks it holds only its own contracts. */
export function defineSource(source: SourceDeclaration): SourceDeclaration {
  const foreign = source.contracts.filter((c) => c.source !== source.name);
  if (foreign.length) throw new Error(`source ${source.name} declares contracts of another source: ${foreign.map((c) => `${c.source}.${c.entity}`).join(', ')}`);
  if (source.contracts.length === 0) throw new Error(`source ${source.name} declares no contracts`);
  if (source.modes.length === 0) throw new Error(`source ${source.name} runs in no mode`);
  if (source.maxRowsPerPart !== undefined && !(Number.isInteger(source.maxRowsPerPart) && source.maxRowsPerPart > 0)) throw new Error(`source ${source.name}: maxRowsPerPart must be a positive integer, got ${source.maxRowsPerPart}`);
  const unknownKeySets = (source.keySets?.entities ?? []).filter((e) => !source.contracts.some((c) => c.entity === e));
  if (unknownKeySets.length) throw new Error(`source ${source.name} declares key sets of entities it has no contract for: ${unknownKeySets.join(', ')}`);
  const badStates = Object.entries(source.digestStates ?? {}).flatMap(([entity, columns]) => digestStateProblems(source, entity, columns));
  if (badStates.length) throw new Error(`source ${source.name} declares digest states it cannot hash: ${badStates.join('; ')}`);
  const feeds = Object.entries(source.feeds).map(([domain, models]) => [domain, Object.freeze([...models])] as const);
  return Object.freeze({
    ...source,
    contracts: Object.freeze([...source.contracts]),
    modes: Object.freeze([...source.modes]),
    feeds: Object.freeze(Object.fromEntries(feeds)),
    ...(source.digestAmounts ? { digestAmounts: Object.freeze({ ...source.digestAmounts }) } : {}),
    ...(source.digestStates ? { digestStates: Object.freeze(Object.fromEntries(Object.entries(source.digestStates).map(([e, cols]) => [e, Object.freeze([...cols])]))) } : {}),
    ...(source.keySets ? { keySets: Object.freeze({ ...source.keySets, ...(source.keySets.entities ? { entities: Object.freeze([...source.keySets.entities]) } : {}) }) } : {}),
    ...(source.afterLoadReport ? { afterLoadReport: Object.freeze([...source.afterLoadReport]) } : {}),
  });
}

/** The part size a source's extractor writes: the configured one, capped by its declaration. */
export function rowsPerPartOf(source: Pick<SourceDeclaration, 'maxRowsPerPart'>, configured: number): number {
  return source.maxRowsPerPart === undefined ? configured : Math.min(configured, source.maxRowsPerPart);
}

/** Timestamps, decimals and JSON print differently per engine, so a hash of their text would differ where the values do not. */
const hashableStateKinds: ReadonlySet<string> = new Set(['string', 'integer', 'boolean']);

function digestStateProblems(source: SourceDeclaration, entity: string, columns: readonly string[]): string[] {
  const contract = source.contracts.find((c) => c.entity === entity);
  if (!contract) return [`${entity}: no contract`];
  if (columns.length === 0) return [`${entity}: no columns`];
  return columns.flatMap((entry) => {
    const state = parseDigestState(entry);
    if (!state) return [`${entity}.${entry}: neither a column nor lower(<column>)`];
    const column = contract.columns.find((c) => c.name === state.column);
    if (!column) return [`${entity}.${state.column}: no such column`];
    if (state.lower && column.type.kind !== 'string') return [`${entity}.${state.column}: lower() of a ${column.type.kind}, not a string`];
    return hashableStateKinds.has(column.type.kind) ? [] : [`${entity}.${state.column}: a ${column.type.kind}, not a string, integer or boolean`];
  });
}
