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

/** Attempts AWS Batch would make of a job that exits 75, and the pause between them here. */
const TRANSIENT_ATTEMPTS = 5;
const RETRY_PAUSE_MS = 20_000;

/** The pipeline for `at`, retried while it exits 75 (transient), as the Batch retry strategy does; the attempts' exits in order. */
export async function pipelineWithRetries(stage: FaultStage, at: Date, env: Readonly<Record<string, string>> = {}): Promise<AppExit[]> {
  const exits: AppExit[] = [];
  do {
    if (exits.length > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    exits.push(await stage.pipeline('hourly', at, env));
  } while (exits.at(-1)?.code === 75 && exits.length < TRANSIENT_ATTEMPTS);
  return exits;
}

function told(exits: readonly AppExit[]): string {
  const last = exits[exits.length - 1];
  const earlier = exits.length > 1 ? ` after ${exits.length - 1}x exit 75` : '';
  return `${howItEnded(last)}${earlier}${last.code ? ` (${failureReason(last)})` : ''}`;
}

/**
 * The 06:00 run (the initial load) retried after a crash, then a normal 07:00
 * hour, each retried on exit 75: the curated tables must be whole.
 */
export async function retryAndGoOn(stage: FaultStage, env: Readonly<Record<string, string>> = {}): Promise<{ retry: string; next: string; problems: string[] }> {
  const retry = await pipelineWithRetries(stage, stage.hour(0), env);
  await stage.sandbox.advanceHour(stage.hour(0));
  const next = await pipelineWithRetries(stage, stage.hour(1), env);
  return { retry: told(retry), next: told(next), problems: [...expectExit('retry of 06:00', retry[retry.length - 1], [0]), ...expectExit('07:00', next[next.length - 1], [0])] };
}
