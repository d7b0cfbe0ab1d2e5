import { floorToHour, type Logger, type NorthstarConfig, type RunParameters } from '@northstar/core';
import { hasNightlyKeySet, sourceRegistry, sourcesIn } from '@northstar/contracts';
import { repairDifferingDays, type DayRepair } from '@northstar/models';
import { openWarehouse, type Warehouse } from '@northstar/warehouse';
import { buildGraph, type JobGraph } from './job-graph';
import { runPipeline, type PipelineDeps } from './run-pipeline';

/**
 * The backfill that re-reads `day` of `source` for a nightly run: from the
 * day to the nightly's scheduled time (a row created that day may have been
 * updated any time since), under a run id of its own so an earlier backfill
 * of the same window is never taken for this re-read. None when the day
 * starts at or after the nightly.
 */
export function repairRunFor(nightly: RunParameters, day: string, source: string): RunParameters | undefined {
  const window = { start: new Date(`${day}T00:00:00Z`), end: nightly.scheduledAt };
  if (window.end <= window.start) return undefined;
  return { mode: 'backfill', scheduledAt: floorToHour(window.start), window, runId: `repair-${day.replace(/-/g, '')}-${source.replace(/_/g, '-')}-${nightly.runId}` };
}

/**
 * The graph of a day's re-read: only the sources the nightly compares (those
 * with nightly key sets), narrowed further by the run's --sources if given
 * (the repair names the one source whose day differs). A re-read of every
 * registered source would wait out the retries of an API that has nothing
 * to repair, or is not served at all.
 */
export function repairGraphOf(run: RunParameters, sources?: string): JobGraph {
  const named = sources?.split(',').map((name) => name.trim()).filter(Boolean);
  return buildGraph(run, sourcesIn('nightly-key-sets', sourceRegistry).filter((s) => !named || named.includes(s.name)));
}

/**
 * The nightly repair, wherever the re-reads run: the days whose digests
 * differ from staging, for every entity the registry gives a key set, are
 * each re-read by `reRead` (a backfill of that day of that source alone) and
 * compared again (repairDifferingDays). A source's day is re-read once a
 * night however many of its entities differ on it.
 */
export async function repairDifferingDaysOf(
  nightly: RunParameters,
  deps: { config: NorthstarConfig; logger: Logger; clock: () => Date },
  reRead: (run: RunParameters, day: string, source: string) => Promise<void>,
): Promise<DayRepair[]> {
  const withWarehouse = async <T>(fn: (warehouse: Warehouse) => Promise<T>): Promise<T> => {
    const warehouse = await openWarehouse(deps.config.warehouse, deps.logger);
    try {
      return await fn(warehouse);
    } finally {
      await warehouse.close();
    }
  };
  const contracts = sourcesIn('nightly-key-sets', sourceRegistry).flatMap((source) => source.contracts.filter(hasNightlyKeySet));
  const reReadDays = new Set<string>();
  return repairDifferingDays(contracts, {
    withWarehouse,
    runId: nightly.runId,
    clock: deps.clock,
    repairDay: async (contract, day) => {
      const run = repairRunFor(nightly, day, contract.source);
      if (!run || reReadDays.has(run.runId)) return;
      reReadDays.add(run.runId);
      deps.logger.warn({ source: contract.source, entity: contract.entity, day, runId: run.runId }, 'nightly repair: digests differ; re-extracting the day');
      await reRead(run, day, contract.source);
    },
  });
}

/** After the local nightly graph: each differing day re-extracted and reloaded here, in the same run. */
export function repairNightly(nightly: RunParameters, deps: PipelineDeps, sources?: string): Promise<DayRepair[]> {
  return repairDifferingDaysOf(nightly, deps, async (run, day, source) => {
    const result = await runPipeline(run, { ...deps, graphOf: (r) => sourceRepairGraphOf(r, source, sources) });
    if (!result.succeeded) deps.logger.error({ runId: run.runId, day }, 'nightly repair: the re-extract failed; the day is compared again as it is');
  });
}

/** The graph of a re-read of one source's day: that source, if the run's --sources (when given) names it; otherwise no source. */
export function sourceRepairGraphOf(run: RunParameters, source: string, sources?: string): JobGraph {
  const named = sources?.split(',').map((name) => name.trim()).filter(Boolean);
  return repairGraphOf(run, !named || named.includes(source) ? source : '');
}
