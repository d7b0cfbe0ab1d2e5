import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ExitCode, runRecordInLog } from '@northstar/core';
import { jobFailureMessage } from './job-failure-message';
import type { JobNode } from './job-graph';

export interface AppProcessOptions {
  readonly workspaceRoot: string;
  readonly logDir: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface AppProcessResult {
  readonly exitCode: number;
  readonly message?: string;
  /** The app's run record from its log: rows, bytes, seconds, exit code. */
  readonly runRecord?: Readonly<Record<string, unknown>>;
}

/**
 * Runs an app as its own process, exactly as a container would, and keeps
 * its log in <logDir>/<job>.log; on failure the message says why.
 */
export async function runAppProcess(node: JobNode, options: AppProcessOptions): Promise<AppProcessResult> {
  await mkdir(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${node.id}.log`);
  const log = createWriteStream(logFile);
  const entry = path.join(options.workspaceRoot, 'apps', node.app, 'src', 'main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...node.args], {
    cwd: options.workspaceRoot,
    env: { ...options.env, NORTHSTAR_LOG_FORMAT: options.env['NORTHSTAR_LOG_FORMAT'] ?? 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  await new Promise<void>((resolve) => log.end(() => resolve()));
  const logText = await readFile(logFile, 'utf8');
  const runRecord = runRecordInLog(logText);
  if (ended.code === 0) return { exitCode: ExitCode.ok, runRecord };
  const why = ended.signal ? killedMessage(ended.signal) : jobFailureMessage(logText);
  return { exitCode: exitCodeOf(ended.code, ended.signal), message: `${why}\n(full log: ${logFile})`, runRecord };
}

/**
 * A job ended by a signal did not fail in its own code. SIGKILL is what the
 * kernel's OOM killer and a stop that ran out of patience send, SIGTERM what
 * `docker stop` and AWS Batch's TerminateJob send: both 75, retried like
 * any interruption (jobs are idempotent by run id), and the message names the
 * signal, so a job killed for memory on every attempt is told apart from a
 * network blip. Any other signal (SIGSEGV, SIGABRT from native code) is a
 * crash of ours: 1, a bug.
 */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return signal === 'SIGKILL' || signal === 'SIGTERM' ? ExitCode.transient : ExitCode.unexpected;
}

function killedMessage(signal: NodeJS.Signals): string {
  if (signal === 'SIGKILL') return 'killed by SIGKILL (out of memory, or stopped from outside)';
  if (signal === 'SIGTERM') return 'killed by SIGTERM (stopped from outside)';
  return `killed by ${signal} (crashed)`;
}
