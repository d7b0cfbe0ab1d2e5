import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/** A logger that keeps every record it is given, for tests of what a run warns about. */
export function recordingLogger(): { logger: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(line: Buffer, _encoding, done) {
      records.push(JSON.parse(line.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info', formatters: { level: (label) => ({ level: label }) } }, sink), records };
}

/**
 * The JSON value of `expression`, evaluated in a fresh Node whose time zone is
 * `zone`; `core` is this lib. Setting TZ inside a spec would prove nothing:
 * Jest gives each spec a copy of process.env, which the clock never reads.
 */
export function evaluateInTimeZone(zone: string, expression: string): unknown {
  const script = `const core = require('./libs/core/src/index.ts'); process.stdout.write(JSON.stringify(${expression}));`;
  const root = path.resolve(__dirname, '../../..');
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, env: { ...process.env, TZ: zone }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`evaluating in ${zone} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * ../shared/realdata beside the checkout. Tests built on it call
 * `describeRealData`: on a user's clone without ../shared they report that
 * they did not run; in CI (CI=true) a missing directory is an error.
 */
export function realDataDir(): string | undefined {
  const dir = path.resolve(__dirname, '../../../../shared/realdata');
  return existsSync(dir) ? dir : undefined;
}

export function describeRealData(name: string, body: (dir: string) => void): void {
  const dir = realDataDir();
  if (dir) {
    describe(name, () => body(dir));
    return;
  }
  if (process.env['CI']) {
    describe(name, () => {
      it('needs ../shared/realdata, which CI always has', () => {
        throw new Error(`../shared/realdata is missing beside the checkout; CI must run these tests`);
      });
    });
    return;
  }
  console.warn(`${name}: did not run, ../shared/realdata is not beside this checkout`);
  describe.skip(`${name} (did not run: ../shared/realdata is absent)`, () => body(''));
}
