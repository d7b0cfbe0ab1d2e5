import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@northstar/core';
import { sourceRegistry } from '@northstar/contracts';
import { loadSqlTemplate, renderSql, type Dialect, type RenderedSql, type SqlFragment, type SqlTemplate } from '@northstar/sql';
import { tableExists, type Warehouse } from '@northstar/warehouse';
import { parseCheckScope, type CheckScope } from './check-scope';

export { checkScopesFor, type CheckScope } from './check-scope';
import { keyChecks } from './key-checks';
import { declaredChecks, freshnessCutoff } from './check-declarations';
import { loadModelCatalog, modelsSqlDir, type Model } from './model-catalog';
import { tableHasRows } from './table-has-rows';

export interface QualityCheck {
  readonly name: string;
  readonly table: string;
  readonly severity: 'error' | 'warn';
  /** Which runs include it (checkScopesFor): the batch's rows hourly, whole tables nightly. */
  readonly scope: CheckScope;
  readonly template: SqlTemplate;
  /** Identifiers a generated check's template is rendered with (keyChecks). */
  readonly idents?: Readonly<Record<string, string>>;
  /** SQL a generated check's template is rendered with, per dialect (keyChecks: the key's column list). */
  readonly fragments?: (dialect: Dialect) => Readonly<Record<string, SqlFragment>>;
  /** Bind values besides :run_id, and a freshness check's allowed age (declaredChecks). */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly maxAgeMinutes?: number;
}

export interface QualityResult {
  readonly check: string;
  readonly table: string;
  readonly severity: 'error' | 'warn';
  readonly status: 'pass' | 'fail';
  readonly failingRows: number;
  /** A few failing rows' keys (declared checks), for the alert and the report. */
  readonly sampleKeys?: readonly string[];
  /** Why a check failed without counting rows: its table is missing though its inputs have landed. */
  readonly details?: string;
}

const recordResultSql = loadSqlTemplate(path.join(modelsSqlDir, 'quality/record_dq_result.sql'));

/** Each check is a query returning `failing_rows`; zero passes. The library's own also get the key checks generated from the models' headers. */
export function loadQualityChecks(dir = path.join(modelsSqlDir, 'checks')): QualityCheck[] {
  const catalog = dir === path.join(modelsSqlDir, 'checks') ? loadModelCatalog() : [];
  const generated = [...keyChecks(catalog), ...declaredChecks(catalog)];
  return [...fileChecks(dir), ...generated].sort((a, b) => a.name.localeCompare(b.name));
}

function fileChecks(dir: string): QualityCheck[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const template = loadSqlTemplate(path.join(dir, f));
      const severity = template.header['severity'];
      const table = template.header['table'];
      if (severity !== 'error' && severity !== 'warn') throw new Error(`${template.file}: header "severity" must be error or warn`);
      if (!table) throw new Error(`${template.file}: header "table" must name the table checked`);
      return { name: template.name, table, severity, scope: parseCheckScope(template.header['scope'], template.file), template };
    });
}

export interface QualityDeps {
  readonly warehouse: Warehouse;
  readonly runId: string;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** The model catalog, to tell a table not built yet from one that is missing (see missingTableResult). */
  readonly models?: readonly Model[];
  /** The run's scheduled time, which freshness is judged at (default: the clock). */
  readonly asOf?: Date;
  /** PII columns as schema.table.column (piiColumnTargets): a sample of such keys is recorded masked. Required, so no caller records them in clear by forgetting it. */
  readonly piiColumns: ReadonlySet<string>;
}

/**
 * Runs the checks and records each outcome in ops.dq_results (idempotent per
 * run). A check whose table does not exist is skipped while nothing it is
 * built from has landed, and fails once its raw inputs hold rows: the table
 * was dropped or never built, and "every check passed" would hide it.
 */
export async function runQualityChecks(checks: readonly QualityCheck[], deps: QualityDeps): Promise<QualityResult[]> {
  const results: QualityResult[] = [];
  for (const check of checks) {
    const missing = await missingTables(check, deps);
    const result = missing.length === 0 ? await countFailures(check, deps) : await missingTableResult(check, missing, deps);
    if (!result) continue;
    await recordQualityResult(result, deps);
    results.push(result);
  }
  return results;
}

/** One outcome into ops.dq_results (idempotent per run and check) and the log: checks run here, and measured ones (freshnessSloResult). */
export async function recordQualityResult(result: QualityResult, deps: Pick<QualityDeps, 'warehouse' | 'runId' | 'clock' | 'logger'>): Promise<void> {
  await deps.warehouse.run(renderSql(recordResultSql, deps.warehouse.dialect, {
    params: { run_id: deps.runId, check_name: result.check, table_name: result.table, severity: result.severity, status: result.status, failing_rows: result.failingRows, details: result.details ?? null, now: deps.clock() },
  }));
  deps.logger[result.status === 'pass' ? 'info' : result.severity === 'error' ? 'error' : 'warn'](result, 'quality check');
}

/** A check's query for a run: the one way to render one, wherever checks run (the quality job, the load's publish gate). */
export function renderQualityCheck(check: QualityCheck, dialect: Dialect, run: { readonly runId: string; readonly asOf: Date }): RenderedSql {
  const params = { run_id: run.runId, ...check.params, stale_before: freshnessCutoff(check, run.asOf) ?? null };
  return renderSql(check.template, dialect, { params, idents: check.idents, fragments: check.fragments?.(dialect) });
}

/** What a check's query returns: the count on every row, and a failing key per row for the checks that sample. */
export type QualityCheckRow = {
  readonly failing_rows: number | bigint | string;
  readonly failing_key?: string | null;
};

async function countFailures(check: QualityCheck, deps: QualityDeps): Promise<QualityResult> {
  const statement = renderQualityCheck(check, deps.warehouse.dialect, { runId: deps.runId, asOf: deps.asOf ?? deps.clock() });
  return qualityResultOf(check, await deps.warehouse.query<QualityCheckRow>(statement), deps.piiColumns);
}

/** A check's outcome from its query's rows, wherever it ran (here, the load's publish gate): the sample of keys masked when the key column is PII. */
export function qualityResultOf(check: QualityCheck, rows: readonly QualityCheckRow[], piiColumns: ReadonlySet<string>): QualityResult {
  const failingRows = Number(rows[0]?.failing_rows ?? 0);
  const keys = rows.flatMap((r) => (r.failing_key === undefined || r.failing_key === null ? [] : [String(r.failing_key)]));
  const sampleKeys = piiColumns.has(`${check.table}.${check.idents?.['key']}`) ? keys.map(maskedKey) : keys;
  const sample = sampleKeys.length > 0 ? { sampleKeys, details: `sample failing keys: ${sampleKeys.join(', ')}` } : {};
  return { check: check.name, table: check.table, severity: check.severity, status: failingRows === 0 ? 'pass' : 'fail', failingRows, ...sample };
}

/** The tables a check reads (its own, and the models its header depends on) that do not exist. */
async function missingTables(check: QualityCheck, deps: QualityDeps): Promise<string[]> {
  const targets = new Map((deps.models ?? []).map((m) => [m.name, m.target]));
  const read = new Set([check.table, ...check.template.dependsOn.map((d) => (d.includes('.') ? d : targets.get(d))).filter((t): t is string => t !== undefined)]);
  const missing: string[] = [];
  for (const table of read) if (!(await tableExists(deps.warehouse, table))) missing.push(table);
  return missing;
}

/**
 * undefined (skip) while no missing table is due: a table is due once every
 * raw table it is built from exists (a source that never loaded here, as in a
 * run of fewer sources, leaves its models unbuilt) and one of them holds rows,
 * and its sources are all ones the registry runs. A failure names the due ones.
 */
async function missingTableResult(check: QualityCheck, missing: readonly string[], deps: QualityDeps): Promise<QualityResult | undefined> {
  const due: string[] = [];
  const landed = new Set<string>();
  for (const table of missing) {
    const inputs = rawInputsOf(table, deps.models ?? []);
    if (inputs.some((raw) => !registeredSources.has(/^raw\.([a-z0-9_]+?)__/.exec(raw)?.[1] ?? ''))) continue;
    const present = await Promise.all(inputs.map((raw) => tableExists(deps.warehouse, raw)));
    if (present.includes(false)) continue;
    const holding: string[] = [];
    for (const raw of inputs) if (await tableHasRows(deps.warehouse, raw)) holding.push(raw);
    if (holding.length === 0) continue;
    due.push(table);
    for (const raw of holding) landed.add(raw);
  }
  if (due.length === 0) return undefined;
  const details = `${due.join(', ')} ${due.length === 1 ? 'does' : 'do'} not exist, though ${[...landed].sort().join(', ')} hold rows: dropped or never built (a failed --full-refresh, a model that failed); the next load rebuilds it`;
  return { check: check.name, table: check.table, severity: check.severity, status: 'fail', failingRows: 0, details };
}

const registeredSources = new Set<string>(sourceRegistry.map((s) => s.name));

/** The raw tables a table is built from, through every model between them. */
function rawInputsOf(table: string, models: readonly Model[]): string[] {
  const byTarget = new Map(models.map((m) => [m.target, m]));
  const byName = new Map(models.map((m) => [m.name, m]));
  const raw = new Set<string>();
  const visit = (model: Model | undefined) => {
    for (const input of model?.dependsOn ?? []) {
      if (input.startsWith('raw.')) raw.add(input);
      else visit(byName.get(input));
    }
  };
  visit(byTarget.get(table));
  return [...raw].sort();
}

/** A PII key in a sample: a short digest, enough to tell two apart and to find the row again by hashing, never the value. */
function maskedKey(key: string): string {
  return `masked:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}
