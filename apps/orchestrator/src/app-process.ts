import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { JobNode } from './job-graph';

export interface AppProcessOptions {
  readonly workspaceRoot: string;
  readonly logDir: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Runs an app as its own process, exactly as a container would, and keeps
 * its log in <logDir>/<job>.log; the last lines come back on failure.
 */
export async function runAppProcess(node: JobNode, options: AppProcessOptions): Promise<{ exitCode: number; message?: string }> {
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
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  await new Promise<void>((resolve) => log.end(() => resolve()));
  if (exitCode === 0) return { exitCode };
  return { exitCode, message: `${lastLines(await readFile(logFile, 'utf8'), 5)}\n(full log: ${logFile})` };
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).map(readableLogLine).join('\n');
}

function readableLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    return entry.err?.message ?? entry.msg ?? line;
  } catch {
    return line;
  }
}
