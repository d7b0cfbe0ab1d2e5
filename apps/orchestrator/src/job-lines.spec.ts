import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveRunId, loadConfig, silentLogger, type RunParameters } from '@northstar/core';
import { renderSql } from '@northstar/sql';
import { openWarehouse } from '@northstar/warehouse';
import { jobLine, runSummaryLine } from './job-lines';
import type { JobOutcome } from './local-executor';
import { runPipeline } from './run-pipeline';
import { workspaceRoot } from './testing';

const node = { id: 'load-orders-db', app: 'load' as const, args: [], dependsOn: [] };
const record = { App: 'load', Source: 'orders_db', RowsIn: 1234, RowsOut: 0, ExitCode: 0 };

describe('job lines on a terminal', () => {
  it('say source, job, rows, seconds and status in one line, the status coloured', () => {
    const done: JobOutcome = { id: node.id, status: 'succeeded', exitCode: 0, seconds: 4.25, runRecord: record };
    expect(jobLine(node, done, true)).toBe('\x1b[32msucceeded\x1b[0m orders_db      load-orders-db                1,234 rows     4.3s\n');
    const failed: JobOutcome = { id: node.id, status: 'failed', exitCode: 3, seconds: 1, message: 'blocking quality checks failed: x\n(full log: y)' };
    expect(jobLine(node, failed, true)).toBe('\x1b[31mfailed   \x1b[0m -              load-orders-db                    - rows     1.0s  exit 3: blocking quality checks failed: x\n');
    expect(runSummaryLine('hourly-1', [done, failed], '/h/logs/hourly-1', false)).toBe('run hourly-1 FAILED: 1 succeeded, 1 failed, 0 skipped; 1,234 rows in 5.3s (JSON logs: /h/logs/hourly-1)\n');
  });

  it('replace the job log records when the console is a TTY, and each job\'s rows reach ops.pipeline_runs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'job-lines-'));
    try {
      const env = { NORTHSTAR_HOME: path.join(dir, 'home'), NORTHSTAR_LOG_FORMAT: 'json' };
      const config = loadConfig(env, false);
      const at = new Date('2026-11-29T12:00:00Z');
      const run: RunParameters = { mode: 'hourly', scheduledAt: at, runId: deriveRunId('hourly', at) };
      const written: string[] = [];
      const result = await runPipeline(run, {
        config, logger: silentLogger(), env, workspaceRoot, clock: () => at,
        console: { isTTY: true, write: (t: string) => written.push(t) },
        runJob: async (job) => ({ exitCode: 0, runRecord: job.app === 'load' ? record : undefined }),
      });
      expect(written).toHaveLength(result.outcomes.length);
      expect(written.find((l) => l.includes('load-orders-db'))).toMatch(/orders_db\s+load-orders-db\s+1,234 rows/);
      const warehouse = await openWarehouse(config.warehouse, silentLogger(), { readOnly: true });
      try {
        const rows = await warehouse.query<{ rows_written: bigint | null }>(renderSql("select rows_written from ops.pipeline_runs where step = 'load-orders-db'", warehouse.dialect));
        expect(rows.map((r) => Number(r.rows_written))).toEqual([1234]);
      } finally {
        await warehouse.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
