// `npm run faults [-- --only a,b] [-- --list]`: the fault suite. Each named
// fault runs through the real apps as processes on a stage of its own (the
// embedded orders DB, DuckDB and a local raw zone; the real PostgreSQL where the
// fault needs one), then the curated tables are compared with the source:
// rows lost, duplicated, wrong. One line per scenario as it ends, then one table.
import * as path from 'node:path';
import { Command } from 'commander';
import { ConfigError, createLogger, DataContractError, formatTextTable, loadConfig, runMain } from '@northstar/core';
import { appCommandIn, faultScenarios, runFaultScenario, selectFaultScenarios, type ScenarioResult } from '@northstar/sandbox';

const workspaceRoot = path.resolve(__dirname, '..');

void runMain('faults', async (setLogger) => {
  setLogger(createLogger({ ...loadConfig().log, bindings: { app: 'faults' } }));
  const program = new Command('faults')
    .option('--only <faults>', 'comma-separated fault names (default: all)')
    .option('--list', 'list the faults and what each does, then stop')
    .option('--postgres <url>', 'admin URL of the PostgreSQL server for the faults that need a real one', 'postgres://postgres@127.0.0.1:5432/postgres')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse(process.argv);
  } catch (error) {
    if (error instanceof Error && 'exitCode' in error && error.exitCode === 0) return; // --help
    throw new ConfigError(error instanceof Error ? error.message.replace(/^error: /, '') : String(error));
  }
  const flags = program.opts<{ only?: string; list?: boolean; postgres: string }>();
  if (flags.list) {
    process.stdout.write(`${formatTextTable(faultScenarios.map((s) => ({ fault: s.name, source: s.source ?? 'embedded', what: s.summary })))}\n`);
    return;
  }
  const scenarios = selectFaultScenarios((flags.only ?? '').split(',').map((n) => n.trim()).filter(Boolean));
  const results: ScenarioResult[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const result = await runFaultScenario(scenario, { command: appCommandIn(workspaceRoot), postgresAdminUrl: flags.postgres });
    results.push(result);
    process.stderr.write(`[${i + 1}/${scenarios.length}] ${result.fault}: ${result.result} (${result.seconds}s)\n`);
  }
  process.stdout.write(`${formatTextTable(results.map(({ fault, done, lost, duplicated, wrong, result }) => ({ fault, done, lost, duplicated, wrong, result })))}\n`);
  const failed = results.filter((r) => r.result !== 'pass');
  if (failed.length) throw new DataContractError(`${failed.length} of ${results.length} faults did not pass: ${failed.map((r) => r.fault).join(', ')}`);
});
