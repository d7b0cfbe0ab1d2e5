import { ConfigError, exitCodeFor } from './errors';
import { defaultHourWindow, deriveRunId, HelpShown, parseRunArgs } from './run-parameters';
import { evaluateInTimeZone } from './testing';

const now = new Date('2026-11-29T10:42:17Z');
const parse = (argv: string[], env: Record<string, string> = {}) => parseRunArgs('extract-test', argv, env, now);

function configError(argv: string[], env: Record<string, string> = {}): string {
  try {
    parse(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('parseRunArgs accepted the arguments');
}

describe('parseRunArgs', () => {
  it('defaults to the hourly run of the current hour', () => {
    const { run } = parse([]);
    expect(run).toEqual({ mode: 'hourly', scheduledAt: new Date('2026-11-29T10:00:00Z'), window: undefined, runId: 'hourly-20261129T10' });
    expect(defaultHourWindow(run)).toEqual({ start: new Date('2026-11-29T10:00:00Z'), end: new Date('2026-11-29T11:00:00Z') });
  });

  it('takes the scheduled hour from --at, as EventBridge passes it', () => {
    expect(parse(['--at', '2026-11-28T23:59:59Z']).run).toMatchObject({ scheduledAt: new Date('2026-11-28T23:00:00Z'), runId: 'hourly-20261128T23' });
  });

  it('falls back to NORTHSTAR_* variables, and flags win over them', () => {
    const env = { NORTHSTAR_MODE: 'nightly', NORTHSTAR_AT: '2026-11-27T02:00:00Z', NORTHSTAR_RUN_ID: 'from-env' };
    expect(parse([], env).run).toMatchObject({ mode: 'nightly', scheduledAt: new Date('2026-11-27T02:00:00Z'), runId: 'from-env' });
    expect(parse(['--mode', 'hourly', '--run-id', 'from-flag'], env).run).toMatchObject({ mode: 'hourly', runId: 'from-flag' });
  });

  it('counts empty variables as unset, as loadConfig does (Batch passes "" for an unset Ref::)', () => {
    const env = { NORTHSTAR_MODE: '', NORTHSTAR_RUN_ID: '', NORTHSTAR_AT: '', NORTHSTAR_START: '', NORTHSTAR_END: '' };
    expect(parse([], env).run).toEqual({ mode: 'hourly', scheduledAt: new Date('2026-11-29T10:00:00Z'), window: undefined, runId: 'hourly-20261129T10' });
  });

  it('counts empty flag values as unset, falling back to the variable, then the default', () => {
    expect(parse(['--mode', '', '--run-id', '', '--at', '']).run).toEqual({ mode: 'hourly', scheduledAt: new Date('2026-11-29T10:00:00Z'), window: undefined, runId: 'hourly-20261129T10' });
    expect(parse(['--mode=', '--run-id='], { NORTHSTAR_MODE: 'nightly', NORTHSTAR_RUN_ID: 'from-env' }).run).toMatchObject({ mode: 'nightly', runId: 'from-env' });
  });

  it('gives an app’s own option given empty its default too', () => {
    const { options } = parseRunArgs<{ entities?: string }>('extract-test', ['--entities', ''], {}, now, (command) => {
      command.option('--entities <list>', 'entities', 'all');
    });
    expect(options.entities).toBe('all');
  });

  it('still reads the word after a flag as its value, as commander does, even when it looks like a flag', () => {
    expect(configError(['--run-id', '--at'])).toContain('--run-id: expected letters, digits, ".", "_" or "-" (it becomes part of object keys), got "--at"');
  });

  it('reads --at, --start and --end without an offset as UTC, whatever the machine’s zone', () => {
    const runs = evaluateInTimeZone('America/New_York', `[
      ['--at', '2026-11-02T07:00:00'],
      ['--mode', 'backfill', '--start', '2026-11-02', '--end', '2026-11-03T00:00'],
    ].map((argv) => core.parseRunArgs('extract-test', argv, {}, new Date('2026-11-29T10:42:17Z')).run)`);
    expect(runs).toEqual([
      { mode: 'hourly', scheduledAt: '2026-11-02T07:00:00.000Z', runId: 'hourly-20261102T07' },
      {
        mode: 'backfill',
        scheduledAt: '2026-11-02T00:00:00.000Z',
        window: { start: '2026-11-02T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' },
        runId: 'backfill-20261102T00-20261103T00',
      },
    ]);
  });

  it('reads only the environment it is given', () => {
    process.env['NORTHSTAR_MODE'] = 'nightly';
    try {
      expect(parse([]).run.mode).toBe('hourly');
    } finally {
      delete process.env['NORTHSTAR_MODE'];
    }
  });

  it('gives backfills of windows that share their hours different run ids', () => {
    const idOf = (start: string, end: string) => parse(['--mode', 'backfill', '--start', start, '--end', end]).run.runId;
    expect(idOf('2026-11-02T10:00:00Z', '2026-11-02T10:30:00Z')).toBe('backfill-20261102T100000000-20261102T103000000');
    expect(idOf('2026-11-02T10:00:00Z', '2026-11-02T10:45:00.5Z')).toBe('backfill-20261102T100000000-20261102T104500500');
    expect(idOf('2026-11-02T10:00:00Z', '2026-11-02T12:00:00Z')).toBe('backfill-20261102T10-20261102T12');
  });

  it('runs a backfill over an explicit window', () => {
    const { run } = parse(['--mode', 'backfill', '--start', '2026-11-01T00:00:00Z', '--end', '2026-11-03T00:00:00Z']);
    expect(run).toEqual({
      mode: 'backfill',
      scheduledAt: new Date('2026-11-01T00:00:00Z'),
      window: { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-03T00:00:00Z') },
      runId: 'backfill-20261101T00-20261103T00',
    });
    expect(defaultHourWindow(run)).toBe(run.window);
  });

  it.each([
    [['--mode', 'backfill'], '--mode backfill needs --start and --end'],
    [['--start', '2026-11-01T00:00:00Z'], '--start and --end go together'],
    [['--start', '2026-11-02T00:00:00Z', '--end', '2026-11-01T00:00:00Z'], '--end (2026-11-01T00:00:00Z) must be after --start (2026-11-02T00:00:00Z)'],
    [['--at', 'yesterday'], '--at: expected an ISO-8601 instant such as 2026-11-29T10:00:00Z, got "yesterday"'],
    [['--at', '2026-13-45T00:00:00Z'], '--at: expected an ISO-8601 instant'],
    [['--at', '2026-02-30T00:00:00Z'], '--at: expected an ISO-8601 instant such as 2026-11-29T10:00:00Z, got "2026-02-30T00:00:00Z"'],
    [['--mode', 'backfill', '--start', '2026-11-01T00:00:00Z', '--end', '2026-11-31'], '--end: expected an ISO-8601 instant such as 2026-11-29T10:00:00Z, got "2026-11-31"'],
    [['--run-id', ' '], '--run-id: expected letters, digits, ".", "_" or "-"'],
    [['--mode', 'weekly'], "extract-test: option '--mode <mode>' argument 'weekly' is invalid. Allowed choices are hourly, nightly, backfill."],
    [['--shard', '3'], "extract-test: unknown option '--shard'"],
    [['--run-id', 'a/b'], '--run-id: expected letters, digits, ".", "_" or "-"'],
    [['--run-id'], "extract-test: option '--run-id <id>' argument missing"],
  ])('refuses %j with a ConfigError', (argv, message) => {
    expect(configError(argv)).toContain(message);
  });

  it('parses the app’s own options beside the shared ones', () => {
    const { options } = parseRunArgs<{ entity?: string }>('extract-test', ['--entity', 'orders'], {}, now, (command) => {
      command.option('--entity <name>', 'one entity only');
    });
    expect(options.entity).toBe('orders');
  });
});

describe('deriveRunId', () => {
  it('is the same for the same schedule, so a duplicate invocation finds its work done', () => {
    const at = new Date('2026-11-29T10:00:00Z');
    expect(deriveRunId('hourly', at)).toBe(deriveRunId('hourly', new Date(at)));
    expect(deriveRunId('hourly', at)).toBe('hourly-20261129T10');
    expect(deriveRunId('nightly', at)).toBe('nightly-20261129');
  });
});

describe('--help', () => {
  it('prints the usage to stdout and stops with exit code 0, not as an error', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      let thrown: unknown;
      try {
        parseRunArgs('help-test', ['--help'], {}, new Date('2026-11-29T10:30:00Z'));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HelpShown);
      expect(exitCodeFor(thrown)).toBe(0);
      expect(write.mock.calls.map(([text]) => String(text)).join('')).toContain('--run-id <id>');
    } finally {
      write.mockRestore();
    }
  });
});
