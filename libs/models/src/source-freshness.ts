import * as path from 'node:path';
import type { Contract, SourceDeclaration } from '@northstar/contracts';
import { rawTableRef, renderSql, sqlTemplatesIn } from '@northstar/sql';
import { tableExists, type Warehouse } from '@northstar/warehouse';
import { modelsSqlDir } from './model-catalog';
import type { QualityResult } from './quality-checks';

const sqlFile = sqlTemplatesIn(path.join(modelsSqlDir, 'quality'));
const arrivalsSql = sqlFile('raw_arrivals');
const previousCloseSql = sqlFile('previous_window_close');
const publishedAtSql = sqlFile('model_published_at');
const recordSql = sqlFile('record_source_freshness');

const DAY_MS = 86_400_000;

/** Source to curated within 45 minutes; a warning from 30. */
export const freshnessSlo = { warnMinutes: 30, errorMinutes: 45 } as const;

/** One run's freshness for one source: what ops.source_freshness holds. */
export interface SourceFreshness {
  readonly source: string;
  readonly windowClosedAt: Date;
  /** Undefined when no curated model the source feeds changed in this run. */
  readonly publishedAt?: Date;
  readonly lagMinutes?: number;
  readonly rowsLanded: number;
  readonly lateRows: number;
}

export interface FreshnessDeps {
  readonly warehouse: Warehouse;
  readonly runId: string;
  readonly clock: () => Date;
}

/**
 * For each source that landed rows in this run: when its window closed, when
 * the curated tables it feeds were published, the lag between and the late
 * rows, recorded in ops.source_freshness (idempotent per run and source).
 */
export async function measureSourceFreshness(sources: readonly SourceDeclaration[], deps: FreshnessDeps): Promise<SourceFreshness[]> {
  const measured: SourceFreshness[] = [];
  for (const source of sources) {
    const arrivals = await landedBySource(source, deps);
    if (!arrivals) continue;
    const publishedAt = await publishedAtOf(Object.values(source.feeds).flat(), deps);
    const lagMinutes = publishedAt ? (publishedAt.getTime() - arrivals.windowClosedAt.getTime()) / 60_000 : undefined;
    const freshness: SourceFreshness = { source: source.name, ...arrivals, publishedAt, lagMinutes };
    await deps.warehouse.run(renderSql(recordSql, deps.warehouse.dialect, {
      params: {
        run_id: deps.runId, source: source.name, window_closed_at: freshness.windowClosedAt, published_at: publishedAt ?? null,
        lag_minutes: lagMinutes ?? null, rows_landed: freshness.rowsLanded, late_rows: freshness.lateRows, now: deps.clock(),
      },
    }));
    measured.push(freshness);
  }
  return measured;
}

async function landedBySource(source: SourceDeclaration, deps: FreshnessDeps): Promise<Pick<SourceFreshness, 'windowClosedAt' | 'rowsLanded' | 'lateRows'> | undefined> {
  const [previous] = await deps.warehouse.query<{ window_closed_at: Date | null }>(renderSql(previousCloseSql, deps.warehouse.dialect, { params: { source: source.name, run_id: deps.runId } }));
  let rowsLanded = 0;
  let lateRows = 0;
  let closed: Date | undefined;
  for (const contract of source.contracts) {
    const raw = rawTableRef(contract);
    if (!(await tableExists(deps.warehouse, raw))) continue;
    const [row] = await deps.warehouse.query<{ rows_landed: number | bigint; window_closed_at: Date | null; late_rows: number | bigint }>(renderSql(arrivalsSql, deps.warehouse.dialect, {
      params: { run_id: deps.runId, window_start: previous?.window_closed_at ?? null, seen_since: new Date(deps.clock().getTime() - DAY_MS) },
      idents: { raw, cursor: lateCursor(contract), key: contract.businessKey[0] },
    }));
    rowsLanded += Number(row.rows_landed);
    lateRows += Number(row.late_rows);
    if (row.window_closed_at && (!closed || row.window_closed_at < closed)) closed = new Date(row.window_closed_at);
  }
  return closed && rowsLanded > 0 ? { windowClosedAt: closed, rowsLanded, lateRows } : undefined;
}

/** The cursor lateness is judged by; a contract without a timestamp cursor judges by _extracted_at, which is never late. */
function lateCursor(contract: Contract): string {
  const column = contract.columns.find((c) => c.name === contract.cursor);
  return column?.type.kind === 'timestamp' ? contract.cursor : '_extracted_at';
}

async function publishedAtOf(models: readonly string[], deps: FreshnessDeps): Promise<Date | undefined> {
  let latest: Date | undefined;
  for (const model of models) {
    const [row] = await deps.warehouse.query<{ published_at: Date }>(renderSql(publishedAtSql, deps.warehouse.dialect, { params: { model, run_id: deps.runId } }));
    if (row && (!latest || row.published_at > latest)) latest = new Date(row.published_at);
  }
  return latest;
}

/**
 * The SLO as a check result (slo_lag_<source>): a warning from 30 minutes,
 * an error from 45. Late data is still correct data, so the quality job
 * alerts on it and does not fail the run or hold back publishing.
 */
export function freshnessSloResult(freshness: SourceFreshness): QualityResult {
  const check = `slo_lag_${freshness.source}`;
  const lag = freshness.lagMinutes;
  const late = `${freshness.lateRows} of ${freshness.rowsLanded} rows landed late`;
  if (lag === undefined) {
    return { check, table: 'ops.source_freshness', severity: 'warn', status: 'pass', failingRows: 0, details: `no curated table it feeds changed in this run; ${late}` };
  }
  const severity = lag >= freshnessSlo.errorMinutes ? 'error' : 'warn';
  const status = lag >= freshnessSlo.warnMinutes ? 'fail' : 'pass';
  const details = `lag ${lag.toFixed(1)} min (SLO ${freshnessSlo.errorMinutes}, warn ${freshnessSlo.warnMinutes}): window closed ${freshness.windowClosedAt.toISOString()} at the source, curated published ${freshness.publishedAt?.toISOString()}; ${late}`;
  return { check, table: 'ops.source_freshness', severity, status, failingRows: 0, details };
}
