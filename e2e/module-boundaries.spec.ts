import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');

/**
 * The dependency rules of docs/architecture.md must bite: lint code that
 * breaks each one, placed inside the project it would break, and expect
 * the boundary rule to report it.
 */
const cases: [string, string, string][] = [
  ['a lib importing an app-tier lib upward', 'libs/warehouse/src/probe.ts', "import { loadModelCatalog } from '@northstar/models';\nexport const x = loadModelCatalog;\n"],
  ['an adapter importing another adapter', 'libs/parquet/src/probe.ts', "import { openObjectStore } from '@northstar/object-store';\nexport const x = openObjectStore;\n"],
  ['contracts importing core', 'libs/contracts/src/probe.ts', "import { loadConfig } from '@northstar/core';\nexport const x = loadConfig;\n"],
  ['the runtime importing DuckDB directly', 'libs/extract/src/probe.ts', "import { DuckDBInstance } from '@duckdb/node-api';\nexport const x = DuckDBInstance;\n"],
  ['an app importing snowflake-sdk directly', 'apps/load/src/probe.ts', "import * as snowflake from 'snowflake-sdk';\nexport const x = snowflake;\n"],
  ['an app importing the sandbox', 'apps/load/src/probe.ts', "import { startEmbeddedOrdersDb } from '@northstar/sandbox';\nexport const x = startEmbeddedOrdersDb;\n"],
];
const allowed = "import { openWarehouse } from '@northstar/warehouse';\nimport { loadConfig } from '@northstar/core';\nexport const x = [openWarehouse, loadConfig];\n";

// ESLint runs in a process of its own (its config is an ES module, which
// Jest's VM cannot import), linting every snippet in one go.
const lintSnippets = `
  const { ESLint } = require('eslint');
  const snippets = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ cwd: process.cwd() });
  Promise.all(snippets.map(([file, code]) => eslint.lintText(code, { filePath: file }).then(([r]) =>
    r.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message))))
    .then((all) => process.stdout.write(JSON.stringify(all)));
`;

describe('module boundaries', () => {
  let errors: string[][];

  beforeAll(() => {
    // The rule reads Nx's project graph; make sure one is cached.
    execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
    const snippets = [...cases.map(([, file, code]) => [path.join(root, file), code]), [path.join(root, 'apps/load/src/probe.ts'), allowed]];
    const run = spawnSync(process.execPath, ['-e', lintSnippets], { cwd: root, input: JSON.stringify(snippets), encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
    errors = JSON.parse(run.stdout) as string[][];
  }, 120_000);

  it.each(cases.map(([name], index) => [name, index] as const))('refuses %s', (_name, index) => {
    expect(errors[index]).not.toEqual([]);
  });

  it('allows what the rules allow', () => {
    expect(errors[cases.length]).toEqual([]);
  });
});
