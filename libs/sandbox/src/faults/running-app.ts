import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How a scenario starts a process of the project: `npx tsx <entry> ...args`, with its own environment. */
export type AppCommand = (entry: AppEntry, args: readonly string[]) => { readonly command: string; readonly args: readonly string[]; readonly cwd: string };
/** The apps' entry points the scenarios run; the composition root maps them to files. */
export type AppEntry = 'pipeline' | 'extract-orders-db' | 'extract-stripe' | 'extract-zendesk' | 'load' | 'quality';

export interface AppExit {
  readonly code: number;
  /** 'SIGKILL' when a scenario killed it. */
  readonly signal: string | null;
  readonly output: string;
}

/**
 * One app process, its stdout and stderr read line by line so a scenario can
 * act at a named moment (a log message) rather than after a sleep.
 */
export class RunningApp {
  readonly exited: Promise<AppExit>;
  private readonly lines: string[] = [];
  private readonly waiters = new Set<{ test: (line: string) => boolean; resolve: (line: string) => void }>();

  constructor(readonly child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => this.onLine(line));
    }
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => resolve({ code: code ?? -1, signal, output: this.lines.join('\n') }));
    });
  }

  static start(command: AppCommand, entry: AppEntry, args: readonly string[], env: NodeJS.ProcessEnv): RunningApp {
    const c = command(entry, args);
    return new RunningApp(spawn(c.command, [...c.args], { cwd: c.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Resolves with the first line (already seen or still to come) that passes `test`; rejects if the process ends first. */
  async waitForLine(test: (line: string) => boolean, what: string): Promise<string> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return seen;
    return new Promise<string>((resolve, reject) => {
      const waiter = { test, resolve: (line: string) => { this.waiters.delete(waiter); resolve(line); } };
      this.waiters.add(waiter);
      void this.exited.then((exit) => {
        if (!this.waiters.has(waiter)) return;
        this.waiters.delete(waiter);
        reject(new Error(`process ended (exit ${exit.code}) before ${what}:\n${exit.output.slice(-2000)}`));
      });
    });
  }

  /** SIGKILL, and waits for the process to be gone. */
  async kill(): Promise<AppExit> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  private onLine(line: string): void {
    this.lines.push(line);
    for (const waiter of [...this.waiters]) if (waiter.test(line)) waiter.resolve(line);
  }
}

/** A pino JSON line's `msg`, or undefined for other lines. */
export function logMessage(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return (JSON.parse(line) as { msg?: string }).msg;
  } catch {
    return undefined;
  }
}
