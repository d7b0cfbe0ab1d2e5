import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * What an app's Batch job runs its process with, for a bench's child
 * process, so a memory figure is the job's:
 * - the image's glibc malloc setting (docker/Dockerfile's ENV);
 * - V8's old generation as the job definition states it, a quarter of the
 *   job's memory (terraform/sizing.json). Node would otherwise size it from
 *   the bench host's RAM (4 GB here), and V8 lets a heap that large grow up
 *   to 4x between collections where the job's grows ~1.3x.
 */
export function jobProcess(app: string): { env: { MALLOC_ARENA_MAX: string }; nodeFlags: string[] } {
  const dockerfile = path.join(root, 'docker/Dockerfile');
  const malloc = /\bMALLOC_ARENA_MAX=(\d+)/.exec(readFileSync(dockerfile, 'utf8'));
  if (!malloc) throw new Error(`${dockerfile}: no MALLOC_ARENA_MAX=<n> in its ENV; the benches measure memory as the image runs`);
  const sizing = JSON.parse(readFileSync(path.join(root, 'terraform/sizing.json'), 'utf8')) as { jobs: Record<string, { memory_mib: number }> };
  const job = sizing.jobs[app];
  if (!job) throw new Error(`terraform/sizing.json has no job "${app}"`);
  return { env: { MALLOC_ARENA_MAX: malloc[1] }, nodeFlags: [`--max-old-space-size=${Math.floor(job.memory_mib / 4)}`] };
}
