import type { JobNode } from './job-graph';
import type { JobOutcome } from './local-executor';

/** Where a terminal reader sees the run: stdout when it is a TTY. */
export interface JobLineOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const colours = { succeeded: '\x1b[32m', failed: '\x1b[31m', skipped: '\x1b[33m', reset: '\x1b[0m', dim: '\x1b[2m' } as const;

/** A job's figures as its run record reports them (the last line of its JSON log). */
function figuresOf(outcome: JobOutcome): { source: string; rows: number | undefined } {
  const record = outcome.runRecord ?? {};
  const source = typeof record['Source'] === 'string' ? record['Source'] : '-';
  const rowsOut = typeof record['RowsOut'] === 'number' ? record['RowsOut'] : undefined;
  const rowsIn = typeof record['RowsIn'] === 'number' ? record['RowsIn'] : undefined;
  return { source, rows: rowsOut || rowsIn };
}

/** One line per finished job: source, job, rows, seconds, status (coloured). */
export function jobLine(node: JobNode, outcome: JobOutcome, colour: boolean): string {
  const { source, rows } = figuresOf(outcome);
  const paint = (text: string) => (colour ? `${colours[outcome.status]}${text}${colours.reset}` : text);
  const why = outcome.status === 'succeeded' ? '' : `  ${outcome.exitCode !== undefined ? `exit ${outcome.exitCode}: ` : ''}${(outcome.message ?? '').split('\n')[0]}`;
  return `${paint(outcome.status.padEnd(9))} ${source.padEnd(14)} ${node.id.padEnd(24)} ${(rows === undefined ? '-' : rows.toLocaleString('en-US')).padStart(10)} rows ${outcome.seconds.toFixed(1).padStart(7)}s${why}\n`;
}

/** The run's summary: jobs by status, rows and seconds in all. */
export function runSummaryLine(runId: string, outcomes: readonly JobOutcome[], logDir: string, colour: boolean): string {
  const count = (status: JobOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const failed = count('failed');
  const rows = outcomes.reduce((sum, o) => sum + (figuresOf(o).rows ?? 0), 0);
  const seconds = outcomes.reduce((sum, o) => sum + o.seconds, 0);
  const verdict = failed > 0 ? 'FAILED' : 'ok';
  const painted = colour ? `${failed > 0 ? colours.failed : colours.succeeded}${verdict}${colours.reset}` : verdict;
  return `run ${runId} ${painted}: ${count('succeeded')} succeeded, ${failed} failed, ${count('skipped')} skipped; ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)}s (JSON logs: ${logDir})\n`;
}
