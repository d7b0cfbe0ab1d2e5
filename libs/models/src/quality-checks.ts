import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@northstar/core';
import { loadSqlTemplate, renderSql, type SqlTemplate } from '@northstar/sql';
import { tableExists, type Warehouse } from '@northstar/warehouse';
import { modelsSqlDir } from './model-catalog';

export interface QualityCheck {
  readonly name: string;
  readonly table: string;
  readonly severity: 'error' | 'warn';
  readonly template: SqlTemplate;
}

export interface QualityResult {
  readonly check: string;
  readonly table: string;
  readonly severity: 'error' | 'warn';
  readonly status: 'pass' | 'fail';
  readonly failingRows: number;
}

const recordResultSql = loadSqlTemplate(path.join(modelsSqlDir, 'quality/record_dq_result.sql'));

/** Each check is a query returning `failing_rows`; zero passes. */
export function loadQualityChecks(dir = path.join(modelsSqlDir, 'checks')): QualityCheck[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const template = loadSqlTemplate(path.join(dir, f));
      const severity = template.header['severity'];
      const table = template.header['table'];
      if (severity !== 'error' && severity !== 'warn') throw new Error(`${template.file}: header "severity" must be error or warn`);
      if (!table) throw new Error(`${template.file}: header "table" must name the table checked`);
      return { name: template.name, table, severity, template };
    });
}

/** Runs the checks whose table exists and records each outcome in ops.dq_results (idempotent per run). */
export async function runQualityChecks(checks: readonly QualityCheck[], deps: { warehouse: Warehouse; runId: string; clock: () => Date; logger: Logger }): Promise<QualityResult[]> {
  const results: QualityResult[] = [];
  for (const check of checks) {
    if (!(await tableExists(deps.warehouse, check.table))) continue; // nothing built there yet: nothing to check
    const rows = await deps.warehouse.query<{ failing_rows: number | bigint | string }>(renderSql(check.template, deps.warehouse.dialect, { params: { run_id: deps.runId } }));
    const failingRows = Number(rows[0]?.failing_rows ?? 0);
    const result: QualityResult = { check: check.name, table: check.table, severity: check.severity, status: failingRows === 0 ? 'pass' : 'fail', failingRows };
    await deps.warehouse.run(renderSql(recordResultSql, deps.warehouse.dialect, {
      params: { run_id: deps.runId, check_name: check.name, table_name: check.table, severity: check.severity, status: result.status, failing_rows: failingRows, details: null, now: deps.clock() },
    }));
    deps.logger[result.status === 'pass' ? 'info' : check.severity === 'error' ? 'error' : 'warn'](result, 'quality check');
    results.push(result);
  }
  return results;
}
