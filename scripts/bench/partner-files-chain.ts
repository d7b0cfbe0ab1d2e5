import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeCsv } from './partner-files-bench';
import { jobProcess } from './job-process';
import { runPipelineHour, type PipelineHourFigures } from './pipeline-hour';

export interface PartnerFilesChainFigures extends PipelineHourFigures {
  readonly fileMb: number;
}

/**
 * The partner-files chain as an operator runs it (`npm run pipeline --
 * hourly --sources partner_files`) over a local raw zone holding one
 * generated northfreight file of `mb` MB: the extract, the load of its parts
 * into a fresh DuckDB warehouse, and the partner models, seconds per job and
 * model, the largest job's peak RSS, under the jobs' malloc setting.
 */
export async function benchPartnerFilesChain(mb: number): Promise<PartnerFilesChainFigures> {
  const home = mkdtempSync(path.join(tmpdir(), 'northstar-bench-partner-chain-'));
  try {
    const file = path.join(home, 'raw', 'partners', 'northfreight', '2026', '11', '02', 'drop.csv');
    mkdirSync(path.dirname(file), { recursive: true });
    const bytes = await writeCsv(file, 'northfreight', mb, false);
    const env = {
      ...process.env, ...jobProcess('extract-partner-files').env,
      NORTHSTAR_ENV: 'local', NORTHSTAR_HOME: home, NORTHSTAR_LOG_LEVEL: 'info', NORTHSTAR_LOG_FORMAT: 'json',
    };
    const figures = runPipelineHour(env, new Date('2026-11-02T12:00:00Z'), 'partner_files');
    return { ...figures, fileMb: Math.round(bytes / 1024 / 1024) };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
