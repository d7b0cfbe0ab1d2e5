import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { workspaceRoot } from './pipeline-harness';

describe('npm run sql', () => {
  it('reports a mistyped column as a bad parameter (exit 2): DuckDB\'s message once, no stack', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'northstar-sql-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(workspaceRoot, 'scripts/sql.ts'), 'select nope from ops.watermarks'], {
        cwd: workspaceRoot, env: { ...process.env, NORTHSTAR_HOME: home, NORTHSTAR_ENV: 'local' }, encoding: 'utf8',
      });
      expect(run.status).toBe(2);
      expect(run.stderr.match(/Referenced column "nope" not found/g)).toHaveLength(1);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
