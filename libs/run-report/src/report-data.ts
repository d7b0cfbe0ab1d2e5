import * as path from 'node:path';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import { tableExists, type Row, type Warehouse } from '@northstar/warehouse';
import { summariseRuns, type FreshnessSlo, type RunSummary } from './run-summary';

const sql = sqlTemplatesIn(path.join(__dirname, '..', 'sql'));

/** The model lineage: each model and what it reads (models by name, raw tables as raw.<table>). */
export interface LineageNode {
  readonly name: string;
  readonly layer: string;
  readonly dependsOn: readonly string[];
}

/** Everything the report shows, read from the warehouse in one pass. */
export interface ReportData {
  readonly generatedAt: string;
  readonly steps: readonly Row[];
  readonly checks: readonly Row[];
  readonly freshness: readonly Row[];
  readonly quarantine: readonly Row[];
  /** Undefined when curated.fct_daily_reconciliation does not exist (no payments loaded). */
  readonly reconciliation?: readonly Row[];
  readonly lineage: readonly LineageNode[];
  readonly slo: FreshnessSlo;
  /** Per run, newest first, from the steps: duration, failures, retries, lag against the SLO. */
  readonly runs: readonly RunSummary[];
}

export interface ReportOptions {
  /** How many runs the timeline and the trends reach back. */
  readonly runLimit: number;
  readonly lineage: readonly LineageNode[];
  readonly now: Date;
  /** Where lag turns into a warning and into an SLO breach (the models' freshnessSlo). */
  readonly slo: FreshnessSlo;
}

/** Reads the report's data; an ops table missing (a warehouse no app has opened yet) reads as no rows. */
export async function readReportData(warehouse: Warehouse, options: ReportOptions): Promise<ReportData> {
  const read = async (name: string, table: string): Promise<Row[]> =>
    (await tableExists(warehouse, table)) ? plain(await warehouse.query(renderSql(sql(name), warehouse.dialect, { params: { run_limit: options.runLimit } }))) : [];
  const steps = await read('recent_steps', 'ops.pipeline_runs');
  return {
    generatedAt: options.now.toISOString(),
    steps,
    runs: summariseRuns(steps, options.slo),
    slo: options.slo,
    checks: await read('check_results', 'ops.dq_results'),
    freshness: await read('source_freshness', 'ops.source_freshness'),
    quarantine: await read('quarantine_summary', 'ops.quarantine'),
    reconciliation: (await tableExists(warehouse, 'curated.fct_daily_reconciliation')) ? await read('daily_reconciliation', 'curated.fct_daily_reconciliation') : undefined,
    lineage: options.lineage,
  };
}

/** JSON-ready values: instants as ISO text, big integers and decimals as numbers. */
function plain(rows: readonly Row[]): Row[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plainValue(v)])) as Row);
}

function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object') return String(value);
  return value;
}
