import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { readTerraformModule, repoRoot } from './testing/terraform-module';

const script = path.join(repoRoot, 'scripts/backfill.sh');
const run = (...args: string[]) => spawnSync('bash', [script, ...args], { encoding: 'utf8' });

it("scripts/backfill.sh submits the orchestrator's backfill entry to the backfill queue with the parameters its command takes", async () => {
  const result = run('--start', '2026-08-01', '--end', '2026-10-30', '--dry-run');
  expect(result.status).toBe(0);
  const words = result.stdout.trim().replace(/\\,/g, ',').split(/\s+/);
  const option = (name: string) => words[words.indexOf(name) + 1];
  const batch = await readTerraformModule('modules/batch');
  const definitions = batch.locals()['orchestrator_definitions'] as Record<string, { command: string[] }>;
  const queues = batch.locals()['queues'] as Record<string, unknown>;
  expect(option('--job-definition')).toBe('northstar-orchestrator');
  expect(Object.keys(queues)).toContain(option('--job-queue'));
  expect(option('--job-queue')).toBe('backfill');
  expect(option('--job-name')).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
  const parameters = Object.fromEntries(option('--parameters').split(',').map((pair) => pair.split('=')));
  expect(parameters).toEqual({ mode: 'backfill', start: '2026-08-01T00:00:00Z', end: '2026-10-30T00:00:00Z' });
  const refs = definitions['orchestrator'].command.filter((w) => w.startsWith('Ref::')).map((w) => w.slice(5));
  expect(refs.sort()).toEqual(Object.keys(parameters).sort());
});

it.each([
  [['--start', '2026-02-30', '--end', '2026-03-02'], /--start expects a day/],
  [['--start', '2026-08-02', '--end', '2026-08-01'], /must be after --start/],
  [['--start', '2026-08-01'], /--start and --end are required/],
  [['--start', '2026-08-01', '--end', '2026-08-02', '--sources', 'Orders DB'], /--sources expects names/],
])('refuses %j with exit 2 before submitting anything', (args, message) => {
  const result = run(...args, '--dry-run');
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stdout).toBe('');
});
