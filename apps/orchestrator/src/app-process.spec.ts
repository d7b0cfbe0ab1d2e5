import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ExitCode } from '@northstar/core';
import { exitCodeOf, runAppProcess } from './app-process';
import type { AppName, JobNode } from './job-graph';
import { workspaceRoot } from './testing';

/**
 * Each app of a throwaway workspace is a few lines standing in for a real
 * job's way of ending; the workspace borrows the real one's packages and
 * path aliases, so the fakes end through the real runMain and logger.
 */
describe('runAppProcess', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'orchestrator-apps-'));
    await symlink(path.join(workspaceRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    await writeFile(path.join(root, 'tsconfig.json'), JSON.stringify({ extends: path.join(workspaceRoot, 'tsconfig.base.json') }));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function run(app: AppName, source: string): Promise<{ exitCode: number; message?: string }> {
    await mkdir(path.join(root, 'apps', app, 'src'), { recursive: true });
    await writeFile(path.join(root, 'apps', app, 'src', 'main.ts'), source);
    const node: JobNode = { id: app, app, args: [], dependsOn: [] };
    return runAppProcess(node, { workspaceRoot: root, logDir: path.join(root, 'logs'), env: { ...process.env, NORTHSTAR_LOG_FORMAT: 'json' } });
  }

  it("reports an unexpected failure by the job's error message, not the stack frames printed after it", async () => {
    const result = await run('extract-orders-db', `
      import { createLogger, runMain } from '@northstar/core';
      void runMain('extract-orders-db', async (setLogger) => {
        setLogger(createLogger({ level: 'info', format: 'json', bindings: { app: 'extract-orders-db' } }));
        throw new Error('cannot connect to the orders DB: the database system is starting up');
      });
    `);
    expect(result.exitCode).toBe(ExitCode.unexpected);
    expect(result.message).toBe(`cannot connect to the orders DB: the database system is starting up\n(full log: ${path.join(root, 'logs', 'extract-orders-db.log')})`);
  });

  it('reports a job that failed before it had a logger by its plain lines, without the stack frames', async () => {
    const result = await run('load', `
      import { runMain } from '@northstar/core';
      void runMain('load', async () => {
        throw new Error('the raw zone vanished');
      });
    `);
    expect(result.exitCode).toBe(ExitCode.unexpected);
    expect(result.message).toMatch(/^load: the raw zone vanished\n/);
    expect(result.message).not.toMatch(/^\s+at /m);
  });

  it.each(['SIGKILL', 'SIGTERM'] as const)('reports a job killed by %s from outside as transient (75), naming the signal', async (signal) => {
    const result = await run('quality', `process.kill(process.pid, '${signal}'); setTimeout(() => undefined, 10_000);`);
    expect(result.exitCode).toBe(ExitCode.transient);
    expect(result.message).toMatch(new RegExp(`^killed by ${signal} \\(`));
  });
});

describe('exitCodeOf', () => {
  it("keeps a job's own exit code", () => {
    expect(exitCodeOf(3, null)).toBe(ExitCode.dataViolation);
    expect(exitCodeOf(0, null)).toBe(ExitCode.ok);
  });

  it('counts a crash signal from inside (native code) as a bug, not a retry', () => {
    expect(exitCodeOf(null, 'SIGSEGV')).toBe(ExitCode.unexpected);
    expect(exitCodeOf(null, 'SIGABRT')).toBe(ExitCode.unexpected);
  });
});
