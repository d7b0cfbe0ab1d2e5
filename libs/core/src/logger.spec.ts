import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { silentLogger } from './logger';

const root = path.resolve(__dirname, '../../..');

/** Runs a snippet in a fresh Node (the JSON logger writes straight to fd 2). */
function runNode(script: string) {
  return spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
}

describe('loggers', () => {
  it('silentLogger accepts every call and writes nothing', () => {
    const logger = silentLogger();
    expect(() => logger.child({ run: 'r' }).error({ err: new Error('x') }, 'ignored')).not.toThrow();
    expect(logger.isLevelEnabled('error')).toBe(false);
  });

  it('createLogger json writes one JSON object per line to stderr, honouring the level', () => {
    const result = runNode(`
      const { createLogger } = require('./libs/core/src/logger.ts');
      const logger = createLogger({ level: 'info', format: 'json', bindings: { app: 'load' } });
      logger.debug('hidden');
      logger.child({ runId: 'hourly-20261129T10' }).info({ rows: 3 }, 'loaded');
      logger.error({ err: new Error('boom') }, 'failed');
    `);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', app: 'load', runId: 'hourly-20261129T10', rows: 3, msg: 'loaded' });
    expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'failed', err: { type: 'Error', message: 'boom' } });
  });

  it('blanks secret-bearing fields in every record, however they reach it', () => {
    const result = runNode(`
      const { createLogger } = require('./libs/core/src/logger.ts');
      const logger = createLogger({ level: 'info', format: 'json' });
      logger.info({ config: { ordersDbUrl: 'postgres://u:SECRETPW@db/x', maskKey: 'SECRETKEY', rows: 3 } }, 'config');
      logger.info({ password: 'SECRETPW', ORDERS_DB_URL: 'postgres://u@db/x?password=SECRETPW' }, 'env');
      let urlError; try { new URL('postgres://u:SECRETPW@db:port/x'); } catch (e) { urlError = e; }
      logger.error({ err: urlError }, 'failed');
    `);
    expect(result.stderr).not.toMatch(/SECRET/);
    const lines = result.stderr.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0].config).toEqual({ ordersDbUrl: '[redacted]', maskKey: '[redacted]', rows: 3 });
    expect(lines[1]).toMatchObject({ password: '[redacted]', ORDERS_DB_URL: '[redacted]' });
    expect(lines[2].err).toMatchObject({ code: 'ERR_INVALID_URL', input: '[redacted]' });
  });
});
