import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveRunId } from '@northstar/core';

const root = path.resolve(__dirname, '../..');

/** One measured pipeline run: seconds per job (as the orchestrator reports them) and per model, and the largest process's peak RSS. */
export interface PipelineHourFigures {
  readonly seconds: number;
  readonly jobs: Readonly<Record<string, number>>;
  readonly models: Readonly<Record<string, number>>;
  readonly peakRssMb: number;
}

/**
 * `npm run pipeline -- hourly --at <at>` as an operator runs it, under GNU
 * time: its maximum RSS covers every job process the orchestrator waited for,
 * so it is the largest job's peak (the size a container needs).
 */
/** The sources with no API sandbox to serve: the bench measures the orders and partner-files chains. */
const BENCH_SOURCES = 'orders_db,partner_files';

export function runPipelineHour(env: NodeJS.ProcessEnv, at: Date, sources = BENCH_SOURCES): PipelineHourFigures {
  const rssFile = path.join(mkdtempSync(path.join(tmpdir(), 'northstar-bench-rss-')), 'rss');
  const started = Date.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, '--import', 'tsx', path.join(root, 'apps/orchestrator/src/main.ts'), 'hourly', '--at', at.toISOString(), '--sources', sources], {
    cwd: root, env, encoding: 'utf8',
  });
  const seconds = (Date.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`the hourly pipeline at ${at.toISOString()} failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  const jobs = Object.fromEntries(
    [...run.stdout.matchAll(/^succeeded\s+(\S+)\s+([\d.]+)s/gm)].map((m) => [m[1], Number(m[2])]),
  );
  const peakKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
  return { seconds, jobs, models: modelSeconds(path.join(String(env['NORTHSTAR_HOME']), 'logs', deriveRunId('hourly', at))), peakRssMb: Math.round(peakKb / 1024) };
}

/** The model runner logs one `model` line per model with its seconds; summed per model over the run's job logs. */
function modelSeconds(logDir: string): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const file of readdirSync(logDir).filter((f) => f.endsWith('.log'))) {
    for (const line of readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
      if (!line.includes('"msg":"model"')) continue;
      const entry = JSON.parse(line) as { model?: string; seconds?: number };
      if (entry.model && typeof entry.seconds === 'number') seconds[entry.model] = (seconds[entry.model] ?? 0) + entry.seconds;
    }
  }
  return seconds;
}
