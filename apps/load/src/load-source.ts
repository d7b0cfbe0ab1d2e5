import type { Logger } from '@northstar/core';
import { rawTableName, type Contract } from '@northstar/contracts';
import { loadCommittedRuns, type RawLoadResult } from '@northstar/extract';
import { downstreamOf, runModels, type Model, type ModelRunResult } from '@northstar/models';
import type { ObjectStore } from '@northstar/object-store';
import { ensureWarehouseSchemas, type Warehouse } from '@northstar/warehouse';

export interface LoadSourceDeps {
  readonly warehouse: Warehouse;
  readonly store: ObjectStore;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly runId: string;
}

/** Raw loads for each contract, then the staging and curated models downstream of them. */
export async function loadSource(contracts: readonly Contract[], models: readonly Model[], deps: LoadSourceDeps): Promise<{ raw: RawLoadResult[]; models: ModelRunResult[] }> {
  await ensureWarehouseSchemas(deps.warehouse);
  const raw: RawLoadResult[] = [];
  for (const contract of contracts) raw.push(await loadCommittedRuns(contract, deps));
  const affected = downstreamOf(models, contracts.map((c) => `raw.${rawTableName(c)}`));
  return { raw, models: await runModels(affected, deps) };
}
