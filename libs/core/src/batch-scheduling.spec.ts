import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const SCHED_BATCH = 3;

/**
 * Runs `body` in a Node of its own (the policy would otherwise stay on the
 * test worker), then prints the outcome and the scheduling policy of every
 * thread (field 41 of /proc/self/task/<tid>/stat), one started afterwards included.
 */
function inChild(body: string, env: NodeJS.ProcessEnv = process.env) {
  const script = `
    const fs = require('node:fs');
    const { Worker } = require('node:worker_threads');
    const core = require('./libs/core/src/index.ts');
    const policies = () => fs.readdirSync('/proc/self/task').map((tid) => Number(fs.readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[38]));
    (async () => {
      const outcome = await (async () => { ${body} })();
      const worker = new Worker('setTimeout(() => {}, 200)', { eval: true });
      await new Promise((resolve) => worker.once('online', resolve));
      process.stdout.write(JSON.stringify({ outcome, policies: policies() }));
      await worker.terminate();
    })();
  `;
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as { outcome: { applied: boolean; reason?: string }; policies: number[] };
}

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('scheduleAsBatchWork', () => {
  it('puts every thread of the process under SCHED_BATCH, threads started later included', () => {
    const before = inChild('return undefined;');
    expect(before.policies.every((policy) => policy !== SCHED_BATCH)).toBe(true);

    const after = inChild('return core.scheduleAsBatchWork();');
    expect(after.outcome).toEqual({ applied: true });
    expect(after.policies.length).toBeGreaterThan(2);
    expect(after.policies.every((policy) => policy === SCHED_BATCH)).toBe(true);
  });

  it('leaves the policy alone and says why when chrt cannot be found', () => {
    const result = inChild('return core.scheduleAsBatchWork();', { ...process.env, PATH: '/nonexistent' });
    expect(result.outcome).toEqual({ applied: false, reason: 'chrt --batch failed: chrt (util-linux) is not installed' });
    expect(result.policies.every((policy) => policy !== SCHED_BATCH)).toBe(true);
  });
});
