import * as path from 'node:path';
import { runMetricNames } from '@northstar/core';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import type { Warehouse } from '@northstar/warehouse';
import type { JobGraph, JobNode } from './job-graph';
import type { JobOutcome } from './local-executor';

const sqlFile = sqlTemplatesIn(path.join(__dirname, '../sql'));
const nextAttemptSql = sqlFile('next_attempt');
const startSql = sqlFile('record_step_start');
const finishSql = sqlFile('record_step_finish');
const closeRunningSql = sqlFile('close_running_steps');

/**
 * Records each job of a run in ops.pipeline_runs. The warehouse is opened
 * per write: the embedded DuckDB file admits one writer, and the jobs
 * themselves need it between these writes.
 */
export class PipelineRunLog {
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly graph: JobGraph,
    private readonly withWarehouse: <T>(fn: (warehouse: Warehouse) => Promise<T>) => Promise<T>,
    private readonly clock: () => Date,
  ) {}

  async started(step: string): Promise<void> {
    await this.withWarehouse(async (warehouse) => {
      const rows = await warehouse.query<{ attempt: number }>(renderSql(nextAttemptSql, warehouse.dialect, { params: { run_id: this.graph.runId, step } }));
      const attempt = Number(rows[0]?.attempt ?? 1);
      this.attempts.set(step, attempt);
      await warehouse.run(renderSql(startSql, warehouse.dialect, { params: { run_id: this.graph.runId, step, mode: this.graph.mode, attempt, started_at: this.clock() } }));
    });
  }

  async finished(step: string, outcome: Pick<JobOutcome, 'status' | 'exitCode' | 'message' | 'runRecord'>): Promise<void> {
    if (!this.attempts.has(step)) await this.started(step);
    await this.withWarehouse((warehouse) =>
      warehouse.run(renderSql(finishSql, warehouse.dialect, {
        params: {
          run_id: this.graph.runId,
          step,
          attempt: this.attempts.get(step),
          status: outcome.status,
          finished_at: this.clock(),
          exit_code: outcome.exitCode ?? null,
          message: outcome.message?.slice(0, 4000) ?? null,
          rows_written: rowsWritten(outcome.runRecord),
          ...runRecordColumns(outcome.runRecord),
        },
      })),
    );
  }

  /**
   * Marks every row of this run still 'running' (any attempt) as failed with
   * `message`: left by an orchestrator that stopped between a job's start and
   * its end being recorded, they would otherwise read as running for ever.
   * The exit code stays null: nobody saw how those jobs ended.
   */
  async closeRunning(message: string): Promise<void> {
    await this.withWarehouse((warehouse) =>
      warehouse.run(renderSql(closeRunningSql, warehouse.dialect, {
        params: { run_id: this.graph.runId, finished_at: this.clock(), message: message.slice(0, 4000) },
      })),
    );
  }

  onStart = (node: JobNode) => this.started(node.id);
  onFinish = (node: JobNode, outcome: JobOutcome) => this.finished(node.id, outcome);
}

/** The rows a job wrote, from its run record (RowsOut, else RowsIn for a job that only loads); null when it wrote no record. */
function rowsWritten(record: Readonly<Record<string, unknown>> | undefined): number | null {
  const out = record?.['RowsOut'];
  const into = record?.['RowsIn'];
  if (typeof out === 'number' && out > 0) return out;
  return typeof into === 'number' ? into : null;
}

/** The run record's figures as ops.pipeline_runs columns; each null when the job wrote no record or left it out. */
export function runRecordColumns(record: Readonly<Record<string, unknown>> | undefined): Record<string, number | string | null> {
  const number = (field: string) => (typeof record?.[field] === 'number' ? (record[field] as number) : null);
  const note = record?.['Note'];
  return {
    rows_in: number(runMetricNames.rowsIn),
    rows_out: number(runMetricNames.rowsOut),
    bytes: number(runMetricNames.bytes),
    duration_seconds: number(runMetricNames.seconds),
    lag_minutes: number(runMetricNames.lagMinutes),
    retries: number(runMetricNames.retries),
    note: typeof note === 'string' && note ? note.slice(0, 4000) : null,
  };
}
