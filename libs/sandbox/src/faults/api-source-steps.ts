import type { FaultStage } from './fault-stage';
import type { AppExit } from './running-app';
import { howItEnded } from './scenario-steps';

/** Attempts of an extract that exits 75, as the Batch retry strategy makes them; an API fault is over in seconds, so the pause is short. */
const EXTRACT_ATTEMPTS = 5;
const EXTRACT_PAUSE_MS = 2_000;

export interface SourceHour {
  readonly exits: readonly AppExit[];
  /** Whether the raw loads and models ran (only after an extract that exited 0). */
  readonly loaded: boolean;
}

/**
 * One hour of a source the hourly graph does not run (Stripe, Zendesk): its
 * extractor as a process, retried while it exits 75, then its raw loads and
 * the models through the stage's loader, as the load job would.
 */
export async function sourceHour(stage: FaultStage, app: 'extract-stripe' | 'extract-zendesk', at: Date, env: Readonly<Record<string, string>> = {}): Promise<SourceHour> {
  await stage.apis.syncTo(at);
  const exits: AppExit[] = [];
  do {
    if (exits.length > 0) await new Promise((resolve) => setTimeout(resolve, EXTRACT_PAUSE_MS));
    exits.push(await stage.startApp(app, at, [], env).exited);
  } while (exits.at(-1)?.code === 75 && exits.length < EXTRACT_ATTEMPTS);
  if (exits.at(-1)?.code !== 0) return { exits, loaded: false };
  await stage.loadSource(app === 'extract-stripe' ? 'stripe' : 'zendesk', `load-${app}-${at.getTime()}-${Date.now()}`);
  return { exits, loaded: true };
}

/** "exit 0", "exit 75, exit 0": how the attempts ended. */
export function attempts(hour: SourceHour): string {
  return hour.exits.map(howItEnded).join(', ');
}

/** A problem line unless the hour's last attempt exited 0 and loaded. */
export function expectLoaded(what: string, hour: SourceHour): string[] {
  return hour.loaded ? [] : [`${what}: ${attempts(hour)}, expected an exit 0 and a load`];
}

/** Log lines (pino JSON) of the attempts whose message matches. */
export function logLines(hour: SourceHour, pattern: RegExp): string[] {
  return hour.exits.flatMap((e) => e.output.split('\n')).filter((line) => pattern.test(line));
}
