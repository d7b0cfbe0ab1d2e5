import type { FaultStage } from './fault-stage';
import type { AppExit } from './running-app';
import { howItEnded } from './scenario-steps';

/** Attempts of an extract that exits 75, as the Batch retry strategy makes them; an API fault is over in seconds, so the pause is short. */
const EXTRACT_ATTEMPTS = 5;
const EXTRACT_PAUSE_MS = 2_000;

export interface SourceHour {
  readonly exits: readonly AppExit[];
  /** Whether its load jobs ran and exited 0 (only after an extract that exited 0). */
  readonly loaded: boolean;
  readonly loads: readonly AppExit[];
}

/** The hourly graph's jobs after each API extractor: its source's load, then the domain job that reads it with the orders DB. */
const loadJobsAfter = {
  'extract-stripe': [['--source', 'stripe'], ['--domain', 'payments']],
  'extract-zendesk': [['--source', 'zendesk'], ['--domain', 'support']],
} as const;

/**
 * One hour of Stripe's or Zendesk's chain on its own: its extractor as a
 * process, retried while it exits 75 (so a scenario sees each attempt), then
 * the load jobs the hourly graph runs after it, as processes; the domain job
 * only once the orders DB has loaded, as its place in the graph has it.
 */
export async function sourceHour(stage: FaultStage, app: 'extract-stripe' | 'extract-zendesk', at: Date, env: Readonly<Record<string, string>> = {}): Promise<SourceHour> {
  await stage.apis.syncTo(at);
  const exits: AppExit[] = [];
  do {
    if (exits.length > 0) await new Promise((resolve) => setTimeout(resolve, EXTRACT_PAUSE_MS));
    exits.push(await stage.startApp(app, at, [], env).exited);
  } while (exits.at(-1)?.code === 75 && exits.length < EXTRACT_ATTEMPTS);
  if (exits.at(-1)?.code !== 0) return { exits, loaded: false, loads: [] };
  const loads: AppExit[] = [];
  for (const args of loadJobsAfter[app].filter(([flag]) => flag === '--source' || stage.ordersLoaded)) {
    loads.push(await stage.startApp('load', at, args, env).exited);
    if (loads.at(-1)?.code !== 0) break;
  }
  return { exits, loaded: loads.every((l) => l.code === 0), loads };
}

/** "exit 0", "exit 75, exit 0": how the attempts ended. */
export function attempts(hour: SourceHour): string {
  return hour.exits.map(howItEnded).join(', ');
}

/** A problem line unless the hour's last attempt exited 0 and loaded. */
export function expectLoaded(what: string, hour: SourceHour): string[] {
  if (hour.loaded) return [];
  return [`${what}: ${attempts(hour)}${hour.loads.length ? `, load ${hour.loads.map(howItEnded).join(', ')}` : ''}, expected an exit 0 and a load`];
}

/** Log lines (pino JSON) of the attempts whose message matches. */
export function logLines(hour: SourceHour, pattern: RegExp): string[] {
  return hour.exits.flatMap((e) => e.output.split('\n')).filter((line) => pattern.test(line));
}
