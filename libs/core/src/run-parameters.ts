import { Command, CommanderError, Option } from 'commander';
import { ConfigError, ExitCode, NorthstarError } from './errors';
import { givenVariables } from './given-variables';
import { floorToHour, hourWindow, parseInstant, type TimeWindow } from './time-window';

export const runModes = ['hourly', 'nightly', 'backfill'] as const;
export type RunMode = (typeof runModes)[number];

/** The parameters every app takes, as flags or environment variables (for AWS Batch `Ref::`). */
export interface RunParameters {
  readonly mode: RunMode;
  /** The scheduled instant this run stands for (the start of its hour). */
  readonly scheduledAt: Date;
  /** Explicit bounds: required for backfill, optional otherwise. */
  readonly window?: TimeWindow;
  readonly runId: string;
}

export interface ParsedArgs<T> {
  readonly run: RunParameters;
  readonly options: T;
}

/**
 * Parses the shared flags plus an app's own. `defineOptions` adds the app's
 * options to the command; its values come back as `options`.
 */
export function parseRunArgs<T = Record<string, unknown>>(
  app: string,
  argv: readonly string[],
  env: Record<string, string | undefined>,
  now: Date,
  defineOptions: (command: Command) => void = () => undefined,
): ParsedArgs<T> {
  const command = new Command(app)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: (text) => process.stdout.write(text) })
    .addOption(new Option('--mode <mode>', 'hourly | nightly | backfill').choices(runModes).env('NORTHSTAR_MODE').default('hourly'))
    .addOption(new Option('--at <iso>', 'the scheduled hour this run stands for, UTC unless an offset is given (default: the current hour)').env('NORTHSTAR_AT'))
    .addOption(new Option('--start <iso>', 'window start, UTC unless an offset is given (backfill)').env('NORTHSTAR_START'))
    .addOption(new Option('--end <iso>', 'window end, exclusive, UTC unless an offset is given (backfill)').env('NORTHSTAR_END'))
    .addOption(new Option('--run-id <id>', 'run id (default: derived from mode and scheduled time)').env('NORTHSTAR_RUN_ID'));
  defineOptions(command);
  const saved = process.env;
  try {
    // Commander reads Option.env from process.env only; only the given env may
    // count, so a test's {} is not topped up from the real environment. Empty
    // values, given as variables or as flags, are unset here as in loadConfig.
    process.env = givenVariables(env) as NodeJS.ProcessEnv;
    command.parse(withoutEmptyValues(command, argv), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') throw new HelpShown();
    if (error instanceof CommanderError) throw new ConfigError(`${app}: ${error.message.replace(/^error: /, '')}`);
    throw error;
  } finally {
    process.env = saved;
  }
  const opts = command.opts<{ mode: RunMode; at?: string; start?: string; end?: string; runId?: string }>();
  return { run: runParameters(opts, now), options: command.opts() as T };
}

function runParameters(opts: { mode: RunMode; at?: string; start?: string; end?: string; runId?: string }, now: Date): RunParameters {
  const window = opts.start || opts.end ? explicitWindow(opts.start, opts.end) : undefined;
  if (opts.mode === 'backfill' && !window) throw new ConfigError('--mode backfill needs --start and --end');
  const scheduledAt = floorToHour(opts.at ? parseInstant(opts.at, '--at') : window?.start ?? now);
  if (opts.runId !== undefined && !runIdPattern.test(opts.runId)) {
    throw new ConfigError(`--run-id: expected letters, digits, ".", "_" or "-" (it becomes part of object keys), got "${opts.runId}"`);
  }
  return { mode: opts.mode, scheduledAt, window, runId: opts.runId ?? deriveRunId(opts.mode, scheduledAt, window) };
}

/**
 * Drops flags given an empty value (`--run-id ""`, `--mode=`: what a Batch
 * `Ref::` parameter left empty becomes), so each falls back to its variable
 * or default, as an empty variable does.
 */
function withoutEmptyValues(command: Command, argv: readonly string[]): string[] {
  const takesValue = (flag: string) => command.options.some((option) => option.required && (option.long === flag || option.short === flag));
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [arg, next] = [argv[i], argv[i + 1]];
    if (arg === '--') return [...kept, ...argv.slice(i)];
    if (takesValue(arg) && next !== undefined) {
      // The next word is this flag's value whatever it looks like, as commander reads it.
      if (next !== '') kept.push(arg, next);
      i++;
    } else if (!(arg.endsWith('=') && takesValue(arg.slice(0, -1)))) {
      kept.push(arg);
    }
  }
  return kept;
}

/** Run ids land in raw-zone keys (`run=<id>/`) and ledger rows: no slashes, spaces or `=`. */
const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function explicitWindow(start: string | undefined, end: string | undefined): TimeWindow {
  if (!start || !end) throw new ConfigError('--start and --end go together');
  const window = { start: parseInstant(start, '--start'), end: parseInstant(end, '--end') };
  if (window.end <= window.start) throw new ConfigError(`--end (${end}) must be after --start (${start})`);
  return window;
}

/**
 * Derived from the schedule, never random: a duplicate EventBridge invocation
 * gets the same id, so it finds the work done instead of doing it twice.
 */
export function deriveRunId(mode: RunMode, scheduledAt: Date, window?: TimeWindow): string {
  const stamp = (d: Date) => d.toISOString().slice(0, 13).replace(/[-:]/g, '');
  if (mode === 'backfill' && window) {
    // Hour stamps would give [10:00, 10:30) and [10:00, 10:45) one id, and the
    // second backfill would find the first committed and read nothing.
    const onHours = [window.start, window.end].every((d) => d.getTime() % 3_600_000 === 0);
    const exact = (d: Date) => (onHours ? stamp(d) : d.toISOString().replace(/[-:.]/g, '').slice(0, -1));
    return `backfill-${exact(window.start)}-${exact(window.end)}`;
  }
  if (mode === 'nightly') return `nightly-${stamp(scheduledAt).slice(0, 8)}`;
  return `${mode}-${stamp(scheduledAt)}`;
}

export function defaultHourWindow(run: RunParameters): TimeWindow {
  return run.window ?? hourWindow(run.scheduledAt);
}

/** `--help` was asked for and printed: the app stops here, successfully. */
export class HelpShown extends NorthstarError {
  readonly exitCode = ExitCode.ok;
  constructor() {
    super('help shown');
  }
}
