import * as path from 'node:path';
import { createdColumnOf, digestAmountColumn, digestContract, digestStateColumns, digestStates, keySetContract, rawTableName, stagingModelName, type Contract, type DigestState } from '@northstar/contracts';
import { fragment, loadSqlTemplate, renderSql, sqlTemplatesIn, type Dialect, type RenderedSql } from '@northstar/sql';
import { tableExists, type Warehouse } from '@northstar/warehouse';
import { modelsSqlDir } from './model-catalog';
import { stagedColumnNamed, stagedStateColumnNamed } from './staging-model';

const sql = sqlTemplatesIn(path.join(modelsSqlDir, 'repair'));
const differingDaysSql = sql('differing_days');
const differingKeysSql = sql('differing_keys');
const recordResultSql = sql('record_reconciliation_result');
const recordDqSql = sqlTemplatesIn(path.join(modelsSqlDir, 'quality'))('record_dq_result');


export interface DayFigures {
  readonly created_day: string;
  readonly source_rows: number;
  readonly source_amount: string | null;
  readonly warehouse_rows: number;
  readonly warehouse_amount: string | null;
  /** Sums of per-row state hashes; null where the digest carries none. */
  readonly source_state_sum: string | null;
  readonly warehouse_state_sum: string | null;
}

/** A differing day as the night found it, and (`after`) as its repair left it when it still differs. */
export interface DayRepair extends DayFigures {
  readonly entity: string;
  readonly after?: DayFigures;
  readonly result: 'repaired' | 'still_differs';
  readonly differingKeys: readonly string[];
}

export interface DayRepairDeps {
  /**
   * Opens the warehouse for one step: released while repairDay runs, since
   * the embedded DuckDB file admits one writer and the re-extract's jobs need it.
   */
  readonly withWarehouse: <T>(fn: (warehouse: Warehouse) => Promise<T>) => Promise<T>;
  readonly runId: string;
  readonly clock: () => Date;
  /**
   * Re-extracts and reloads the rows created on `day` (YYYY-MM-DD): a
   * backfill from that day to the digest's snapshot through the same path
   * (every row created that day has updated_at at or after it), then the models.
   */
  readonly repairDay: (contract: Contract, day: string) => Promise<void>;
  /** Days re-extracted per entity and night (default 7); the rest are recorded as found, action none. */
  readonly maxDaysRepaired?: number;
}

/**
 * The nightly repair: per entity and creation day, the source's digest
 * (rows, amount, state hash sum) against the same figures over staging; a
 * differing day is re-extracted and compared again. Each differing day lands in
 * ops.reconciliation_results; a day still differing fails the `error` check
 * nightly_repair_<source>__<entity>, naming the day and the keys that differ.
 */
export async function repairDifferingDays(contracts: readonly Contract[], deps: DayRepairDeps): Promise<DayRepair[]> {
  const repairs: DayRepair[] = [];
  for (const contract of contracts) {
    if (!(await deps.withWarehouse((w) => tableExists(w, `raw.${rawTableName(digestContract(contract))}`)))) continue;
    const before = await deps.withWarehouse((w) => differingDays(w, contract));
    const entityRepairs: DayRepair[] = [];
    for (const [index, day] of before.entries()) {
      // A warehouse missing months (a backfill not run yet) would otherwise start a re-extract per day.
      const act = index < (deps.maxDaysRepaired ?? 7);
      if (act) await deps.repairDay(contract, day.created_day);
      const repair = await deps.withWarehouse(async (w) => {
        const after = (await differingDays(w, contract)).find((d) => d.created_day === day.created_day);
        const keys = after ? await differingKeys(w, contract, day.created_day) : [];
        const outcome: DayRepair = { ...day, entity: contract.entity, result: after ? 'still_differs' : 'repaired', differingKeys: keys, ...(after ? { after } : {}) };
        await record(w, deps, contract, outcome, after, act ? 'reextracted' : 'none');
        return outcome;
      });
      entityRepairs.push(repair);
    }
    await deps.withWarehouse((w) => recordCheck(w, deps, contract, entityRepairs.filter((r) => r.result === 'still_differs')));
    repairs.push(...entityRepairs);
  }
  return repairs;
}

function stagingFileOf(contract: Contract) {
  return loadSqlTemplate(path.join(modelsSqlDir, 'staging', contract.source, `${stagingModelName(contract)}.sql`));
}

/** The entity's staging file: the names it gives the key, cursor, creation time and amount (total -> total_amount, created -> created_at). */
function stagedNames(contract: Contract): (contractColumn: string) => string {
  const file = stagingFileOf(contract);
  return (column) => stagedColumnNamed(file, contract, column);
}

/** The staging side of the digest's state_sum: the same per-row term as the source's, summed; null without state columns. */
function stateSumOverStaging(contract: Contract, dialect: Dialect): string {
  const states = digestStates(contract);
  if (!states.length) return 'cast(null as bigint)';
  const file = stagingFileOf(contract);
  const state = (s: DigestState) => {
    const staged = dialect.quoteIdent(stagedStateColumnNamed(file, contract, s));
    return s.lower ? `lower(${staged})` : staged;
  };
  const parts = [dialect.quoteIdent(stagedColumnNamed(file, contract, contract.businessKey[0])), ...states.map(state)];
  return `sum(${dialect.macros['hash_key_int'](...parts)})`;
}

function idents(contract: Contract) {
  const staged = stagedNames(contract);
  return {
    digest_table: `raw.${rawTableName(digestContract(contract))}`,
    key_set_table: `raw.${rawTableName(keySetContract(contract))}`,
    staging_table: `staging.${stagingModelName(contract)}`,
    created_at: staged(createdColumnOf(contract)),
    key_set_key: contract.businessKey[0],
    key_set_cursor: contract.cursor,
    staged_key: staged(contract.businessKey[0]),
    staged_cursor: staged(contract.cursor),
  };
}

/** The comparison and key statements for one entity, as run (and kept as goldens). */
export function dayRepairStatements(contract: Contract, dialect: Dialect, day = '1970-01-01'): { differingDays: RenderedSql; differingKeys: RenderedSql } {
  const amount = digestAmountColumn(contract);
  return {
    differingDays: renderSql(differingDaysSql, dialect, {
      idents: idents(contract),
      fragments: {
        amount: fragment(amount ? dialect.quoteIdent(stagedNames(contract)(amount)) : 'cast(null as decimal(38, 2))'),
        state_sum: fragment(stateSumOverStaging(contract, dialect)),
      },
    }),
    differingKeys: renderSql(differingKeysSql, dialect, { idents: idents(contract), params: { created_day: day } }),
  };
}

async function differingDays(warehouse: Warehouse, contract: Contract): Promise<DayFigures[]> {
  const rows = await warehouse.query<Record<string, unknown>>(dayRepairStatements(contract, warehouse.dialect).differingDays);
  return rows.map((r) => ({
    created_day: String(r['created_day']).slice(0, 10),
    source_rows: Number(r['source_rows']),
    source_amount: r['source_amount'] == null ? null : String(r['source_amount']),
    warehouse_rows: Number(r['warehouse_rows']),
    warehouse_amount: r['warehouse_amount'] == null ? null : String(r['warehouse_amount']),
    source_state_sum: r['source_state_sum'] == null ? null : String(r['source_state_sum']),
    warehouse_state_sum: r['warehouse_state_sum'] == null ? null : String(r['warehouse_state_sum']),
  }));
}

async function differingKeys(warehouse: Warehouse, contract: Contract, day: string): Promise<string[]> {
  if (!(await tableExists(warehouse, idents(contract).key_set_table))) return [];
  const rows = await warehouse.query<{ business_key: unknown }>(dayRepairStatements(contract, warehouse.dialect, day).differingKeys);
  return rows.map((r) => String(r.business_key));
}

async function record(warehouse: Warehouse, deps: DayRepairDeps, contract: Contract, repair: DayRepair, after: DayFigures | undefined, action: 'reextracted' | 'none'): Promise<void> {
  await warehouse.run(renderSql(recordResultSql, warehouse.dialect, {
    params: {
      run_id: deps.runId, source: contract.source, entity: contract.entity, created_day: repair.created_day,
      source_rows: repair.source_rows, source_amount: repair.source_amount, warehouse_rows: repair.warehouse_rows, warehouse_amount: repair.warehouse_amount,
      action, result: repair.result,
      rows_after: after ? after.warehouse_rows : repair.source_rows, amount_after: after ? after.warehouse_amount : repair.source_amount,
      differing_keys: repair.differingKeys.length ? repair.differingKeys.join(',') : null, now: deps.clock(),
    },
  }));
}

/** A missing row moves every figure; the states are worth naming only when they alone differ. */
function onlyStatesDiffer(day: DayFigures): boolean {
  return day.source_rows === day.warehouse_rows && day.source_amount === day.warehouse_amount && day.source_state_sum !== null && day.source_state_sum !== day.warehouse_state_sum;
}

async function recordCheck(warehouse: Warehouse, deps: DayRepairDeps, contract: Contract, failed: readonly DayRepair[]): Promise<void> {
  const details = failed.map((r) => {
    const now = r.after ?? r;
    return `${contract.source}.${contract.entity} ${r.created_day}: source ${now.source_rows} rows / ${now.source_amount ?? '-'}, warehouse ${now.warehouse_rows} / ${now.warehouse_amount ?? '-'} after repair; ` +
      (onlyStatesDiffer(now) ? `same rows and amount, but row states differ (${digestStateColumns(contract).join(', ')}); ` : '') +
      `keys differing: ${r.differingKeys.length ? r.differingKeys.join(', ') : `none by key and ${contract.cursor} (a change without a ${contract.cursor} bump)`}`;
  });
  await warehouse.run(renderSql(recordDqSql, warehouse.dialect, {
    params: {
      run_id: deps.runId, check_name: `nightly_repair_${contract.source}__${contract.entity}`, table_name: `staging.${stagingModelName(contract)}`,
      severity: 'error', status: failed.length ? 'fail' : 'pass', failing_rows: failed.length, details: details.length ? details.join('; ') : null, now: deps.clock(),
    },
  }));
}
