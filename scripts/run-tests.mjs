// The one test command (npm test): runs every Jest project and ends with a
// plain "N passed, N failed" line taken from Jest's JSON report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const report = path.join(root, 'tmp', 'jest-results.json');
mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });

// Jest's default (cores - 1) is one worker on a 2-core machine, and the e2e
// suites spend most of their time waiting on the processes they start: two
// workers there halve the wall time (docs/performance.md, "Test suite").
const args = process.argv.slice(2);
const workers = args.some((a) => a.startsWith('--maxWorkers') || a === '-w' || a === '--runInBand' || a === '-i') ? [] : [`--maxWorkers=${Math.max(2, availableParallelism() - 1)}`];
const jest = require.resolve('jest/bin/jest');
const run = spawnSync(process.execPath, [jest, '--json', '--forceExit', `--outputFile=${report}`, ...workers, ...args], { cwd: root, stdio: 'inherit' });

let results;
try {
  results = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error('jest wrote no report: it failed before running tests');
  process.exit(run.status || 1);
}
// A suite that fails to load has no failed test of its own; count it once.
const brokenSuites = results.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
const passed = results.numPassedTests;
const failed = results.numFailedTests + brokenSuites;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : run.status ?? 1);
