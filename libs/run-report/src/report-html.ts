import { readFileSync } from 'node:fs';
import type { Row } from '@northstar/warehouse';
import { reportCharts } from './report-charts';
import type { ReportData } from './report-data';
import type { FreshnessSlo } from './run-summary';

/** ECharts' own minified bundle, inlined: the page opens offline, with no CDN. */
export function echartsBundle(): string {
  return readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
}

const style = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2430; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 32px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d5d9e0; padding: 4px 8px; text-align: left; vertical-align: top; white-space: pre-line; }
th { background: #f0f2f5; }
tr.fail-error td { background: #f8d0d0; color: #8a0000; font-weight: 600; }
tr.fail-warn td { background: #fdebc8; color: #6b4a00; }
.chart { width: 100%; max-width: 1200px; height: 320px; }
.tall { height: 480px; }
.note { color: #5b6475; }
`;

/** The whole report as one HTML page: tables written here, charts drawn in the page from the embedded data. */
export function renderReportHtml(data: ReportData, echarts: string): string {
  const latestRun = data.checks.at(-1)?.['run_id'];
  const latestChecks = data.checks.filter((c) => c['run_id'] === latestRun);
  const failed = latestChecks.filter((c) => c['status'] === 'fail');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Northstar run report</title><style>${style}</style></head>
<body>
<h1>Northstar run report</h1>
<p class="note">Generated ${escapeHtml(data.generatedAt)} from the warehouse. ${data.steps.length} step attempts over the last runs; ${failed.length} of ${latestChecks.length} checks failing in ${escapeHtml(String(latestRun ?? 'no run'))}.</p>
<h2 id="runs">Runs against the ${data.slo.errorMinutes}-minute SLO</h2>
<p class="note">Lag: the worst source's minutes from its window closing to its curated tables publishing (warn from ${data.slo.warnMinutes}). Re-attempts: jobs started again; retries: requests the apps retried within an attempt.</p>
${table(data.runs as unknown as Row[], ['run_id', 'started_at', 'minutes', 'jobs', 'failed_jobs', 'reattempts', 'retries', 'rows_out', 'lag_minutes', 'slo', 'notes'], runClass)}
<h2>Runs: steps per source over time</h2>
<div id="timeline" class="chart tall"></div>
${table(data.steps.slice(-40).reverse(), ['run_id', 'step', 'attempt', 'status', 'exit_code', 'started_at', 'duration_seconds', 'rows_out', 'retries', 'lag_minutes', 'message', 'note'], (r) => (r['status'] === 'failed' ? 'fail-error' : ''))}
<h2 id="checks">Checks in ${escapeHtml(String(latestRun ?? '-'))}</h2>
${table(sortFailedFirst(latestChecks), ['check_name', 'table_name', 'severity', 'status', 'failing_rows', 'details'], checkClass)}
<h2>Check trend</h2>
<div id="check-trend" class="chart"></div>
<h2>Freshness against the 45-minute SLO</h2>
<div id="freshness" class="chart"></div>
${table(data.freshness, ['run_id', 'source', 'window_closed_at', 'published_at', 'lag_minutes', 'rows_landed', 'late_rows'], (r) => lagClass(r['lag_minutes'], data.slo))}
<h2>Daily reconciliation</h2>
${data.reconciliation ? table(data.reconciliation, Object.keys(data.reconciliation[0] ?? {}), () => '') : '<p class="note">No curated.fct_daily_reconciliation yet: payments are not loaded.</p>'}
<h2>Quarantined rows</h2>
${data.quarantine.length ? table(data.quarantine, ['source', 'entity', 'reason', 'quarantined_rows', 'last_quarantined_at'], () => '') : '<p class="note">None.</p>'}
<h2>Model lineage</h2>
<div id="lineage" class="chart tall"></div>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${echarts}</script>
<script>${reportCharts}</script>
</body></html>
`;
}

function sortFailedFirst(rows: readonly Row[]): Row[] {
  const rank = (r: Row) => (r['status'] !== 'fail' ? 2 : r['severity'] === 'error' ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b) || String(a['check_name']).localeCompare(String(b['check_name'])));
}

function runClass(row: Row): string {
  if (Number(row['failed_jobs']) > 0 || row['slo'] === 'breach') return 'fail-error';
  return row['slo'] === 'warn' ? 'fail-warn' : '';
}

function lagClass(lag: unknown, slo: FreshnessSlo): string {
  if (typeof lag !== 'number') return '';
  return lag >= slo.errorMinutes ? 'fail-error' : lag >= slo.warnMinutes ? 'fail-warn' : '';
}

function checkClass(row: Row): string {
  if (row['status'] !== 'fail') return '';
  return row['severity'] === 'error' ? 'fail-error' : 'fail-warn';
}

function table(rows: readonly Row[], columns: readonly string[], rowClass: (row: Row) => string): string {
  if (rows.length === 0) return '<p class="note">No rows.</p>';
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => {
    const cls = rowClass(r);
    return `<tr${cls ? ` class="${cls}"` : ''}>${columns.map((c) => `<td>${escapeHtml(cell(r[c]))}</td>`).join('')}</tr>`;
  }).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isInteger(value)) return value.toFixed(1);
  return String(value);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

/** JSON inside a script element: `<` escaped, so no value can close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
