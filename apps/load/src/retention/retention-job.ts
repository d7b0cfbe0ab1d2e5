import { DataContractError, type Logger } from '@northstar/core';
import { allContracts } from '@northstar/contracts';
import { loadModelCatalog } from '@northstar/models';
import type { ObjectStore } from '@northstar/object-store';
import type { Warehouse } from '@northstar/warehouse';
import { applyRetention, planRetention } from './retention-plan';
import { formatRetentionPlan } from './retention-report';

export interface RetentionRun {
  /** The instant the hot period ends at: the run's scheduled time on AWS. */
  readonly now: Date;
  readonly hotYears: number;
  readonly dryRun: boolean;
}

/**
 * One retention run, as `npm run retention` and the load app's monthly
 * `--retention` job both do it: plan with the archive check, print the plan,
 * delete the months that passed (unless a dry run), and exit 3 when a month
 * was kept for a failed check.
 */
export async function runRetention(run: RetentionRun, deps: { warehouse: Warehouse; store: ObjectStore; logger: Logger; out: (text: string) => void }): Promise<void> {
  const plan = await planRetention({ warehouse: deps.warehouse, store: deps.store }, allContracts, loadModelCatalog(), run.now, run.hotYears);
  deps.out(`${formatRetentionPlan(plan, run.dryRun)}\n`);
  if (!run.dryRun) deps.logger.info({ months: (await applyRetention(deps.warehouse, plan)).map((i) => `${i.table} ${i.month.label}`) }, 'retention: deleted');
  const kept = plan.filter((i) => i.problems.length > 0);
  if (kept.length > 0) throw new DataContractError(`${kept.length} table months kept: their raw-zone files failed the archive check (see above)`);
}
