// "On one core", as the issue measures it: the case process on one CPU and
// the PostgreSQL backend serving it on another, as a database host of its own
// would be. Without that, the server, Node and DuckDB share both cores and
// the ratio measures the scheduler. Needs taskset and the right to re-pin the
// server's processes (root, or the postgres user); otherwise nothing is pinned.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Client } from 'pg';

export interface CpuPlan {
  /** CPU the case process runs on; undefined = not pinned. */
  readonly caseCpu?: number;
  /** CPU the case's PostgreSQL backend is moved to. */
  readonly serverCpu?: number;
  readonly description: string;
}

export function planCpus(wanted: boolean): CpuPlan {
  if (!wanted) return { description: 'not pinned (--no-pin)' };
  if (availableParallelism() < 2) return { description: 'not pinned (one CPU)' };
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
  } catch {
    return { description: 'not pinned (no taskset)' };
  }
  return { caseCpu: 1, serverCpu: 0, description: 'case process on CPU 1, its PostgreSQL backend on CPU 0' };
}

/** The command that runs `args` under the plan. */
export function pinnedCommand(plan: CpuPlan, command: string, args: string[]): [string, string[]] {
  return plan.caseCpu === undefined ? [command, args] : ['taskset', ['-c', String(plan.caseCpu), command, ...args]];
}

/** Moves the backends of `applicationName` to `cpu`; false when the server's processes may not be re-pinned. */
export async function pinServerBackends(url: string, applicationName: string, cpu: number): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [applicationName]);
    if (rows.length === 0) return false;
    for (const { pid } of rows) execFileSync('taskset', ['-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}
