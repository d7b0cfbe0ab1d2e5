import type { FaultScenario, ScenarioResult } from './fault-scenario';
import { type CuratedComparison } from './curated-comparison';
import { FaultStage } from './fault-stage';
import type { AppCommand } from './running-app';

export interface FaultRunOptions {
  readonly command: AppCommand;
  /** The real PostgreSQL server for scenarios that need one: each gets a scratch database there. */
  readonly postgresAdminUrl: string;
}

/**
 * Runs one scenario on a stage of its own, then compares the curated tables
 * with the source. It passes only when nothing is lost, duplicated or wrong
 * and the runs answered as they should; a scenario that throws is an error,
 * never a pass.
 */
export async function runFaultScenario(scenario: FaultScenario, options: FaultRunOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  let stage: FaultStage | undefined;
  try {
    stage = await FaultStage.open(scenario.name, {
      command: options.command,
      source: scenario.source === 'postgres' ? { postgresAdminUrl: options.postgresAdminUrl } : 'embedded',
      ...scenario.stage,
    });
    const end = await scenario.run(stage);
    const comparison = withSource(await stage.compare(end.windowEnd), end.sourceComparison);
    const clean = comparison.lost === 0 && comparison.duplicated === 0 && comparison.wrong === 0;
    const result = clean && end.problems.length === 0 ? 'pass' : `FAIL${clean ? '' : ': curated differs from the source'}${end.problems.map((p) => `; ${p}`).join('')}`;
    return { fault: scenario.name, done: end.did, lost: comparison.lost, duplicated: comparison.duplicated, wrong: comparison.wrong, result, seconds: seconds(), comparison };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { fault: scenario.name, done: scenario.summary, lost: null, duplicated: null, wrong: null, result: `ERROR: ${message}`, seconds: seconds() };
  } finally {
    await stage?.close().catch(() => undefined);
  }
}

/** The orders comparison with the scenario's own source tables added. */
function withSource(orders: CuratedComparison, source: CuratedComparison | undefined): CuratedComparison {
  if (!source) return orders;
  return {
    lost: orders.lost + source.lost,
    duplicated: orders.duplicated + source.duplicated,
    wrong: orders.wrong + source.wrong,
    tables: { ...orders.tables, ...source.tables },
  };
}
