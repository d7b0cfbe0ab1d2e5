import type { FaultStage } from './fault-stage';
import type { AppExit } from './running-app';

const MINUTE_MS = 60_000;

/** Parts of one row make the first extract long enough to be caught half-way. */
export const SLOW_PARTS = { NORTHSTAR_ROWS_PER_PART: '1' };

export function minutesAfter(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * MINUTE_MS);
}

/** "exit 0", "SIGKILL": how a process ended, for a scenario's one-line account. */
export function howItEnded(exit: AppExit): string {
  return exit.signal ? exit.signal : `exit ${exit.code}`;
}

/** A problem line when a run did not end with one of `codes`. */
export function expectExit(what: string, exit: AppExit, codes: readonly number[]): string[] {
  return codes.includes(exit.code) ? [] : [`${what} ${howItEnded(exit)}, expected exit ${codes.join(' or ')}`];
}

/** The text of the log line, or the last lines of the output, that says why a run failed (for the account). */
export function failureReason(exit: AppExit): string {
  const line = exit.output.split('\n').reverse().find((l) => /"level":(50|60)|"level":"(error|fatal)"/.test(l));
  if (!line) return '';
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    return (entry.err?.message ?? entry.msg ?? '').split('\n')[0].slice(0, 160);
  } catch {
    return '';
  }
}

/** The 06:00 run (the initial load) retried after a crash, then a normal 07:00 hour: the curated tables must be whole. */
export async function retryAndGoOn(stage: FaultStage, env: Readonly<Record<string, string>> = {}): Promise<{ retry: string; next: string; problems: string[] }> {
  const retry = await stage.pipeline('hourly', stage.hour(0), env);
  await stage.sandbox.advanceHour(stage.hour(0));
  const next = await stage.pipeline('hourly', stage.hour(1), env);
  const told = (exit: AppExit) => `${howItEnded(exit)}${exit.code ? ` (${failureReason(exit)})` : ''}`;
  return { retry: told(retry), next: told(next), problems: [...expectExit('retry of 06:00', retry, [0]), ...expectExit('07:00', next, [0])] };
}

