import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { silentLogger, type NorthstarConfig } from '@northstar/core';
import { loadSqlTemplate, renderSql } from '@northstar/sql';
import { openWarehouse } from '@northstar/warehouse';

export const workspaceRoot = path.resolve(__dirname, '../../..');

const pipelineRunRowsSql = loadSqlTemplate(path.join(__dirname, '../sql/testing/pipeline_run_rows.sql'));

export type PipelineRunRow = {
  readonly step: string;
  readonly attempt: number;
  readonly status: string;
  readonly exit_code: number | null;
  readonly message: string | null;
};

/** Every ops.pipeline_runs row of a run, by step and attempt. */
export async function pipelineRunRows(config: NorthstarConfig, runId: string): Promise<PipelineRunRow[]> {
  const warehouse = await openWarehouse(config.warehouse, silentLogger(), { readOnly: true });
  try {
    const rows = await warehouse.query<PipelineRunRow>(renderSql(pipelineRunRowsSql, warehouse.dialect, { params: { run_id: runId } }));
    return rows.map((row) => ({ ...row, attempt: Number(row.attempt) }));
  } finally {
    await warehouse.close();
  }
}

/** Another process holding the DuckDB file's lock until `release`. */
export async function holdDuckDbFile(file: string): Promise<{ release: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'testing', 'hold-warehouse.ts'), file], {
    cwd: workspaceRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`warehouse holder exited early (${code})`)));
  });
  return {
    release: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
