import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** runMain ends the process, so each case runs in its own Node. */
function runApp(body: string) {
  const script = `
    const core = require('./libs/core/src/index.ts');
    core.runMain('demo-app', async (setLogger) => { ${body} });
  `;
  return spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
}

describe('runMain', () => {
  it('exits 0 when main succeeds', () => {
    expect(runApp('').status).toBe(0);
  });

  it('reports a failure before the logger exists as one plain stderr line', () => {
    const result = runApp("throw new core.ConfigError('NORTHSTAR_ENV: expected one of local, dev, staging, prod');");
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('demo-app: NORTHSTAR_ENV: expected one of local, dev, staging, prod\n');
  });

  it('logs through the app logger once it is set, and exits 75 on a transient failure', () => {
    const result = runApp(`
      setLogger(core.createLogger({ level: 'info', format: 'json' }));
      throw new core.TransientError('Zendesk answered 429');
    `);
    expect(result.status).toBe(75);
    expect(JSON.parse(result.stderr.trim())).toMatchObject({ level: 'error', exitCode: 75, msg: 'demo-app failed: Zendesk answered 429' });
  });

  it('exits 1 with the stack on a bug', () => {
    const result = runApp('null.id;');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TypeError');
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});
