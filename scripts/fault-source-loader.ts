import { silentLogger } from '@northstar/core';
import { contractsForSource } from '@northstar/contracts';
import { loadCommittedRuns } from '@northstar/extract';
import { loadModelCatalog, runModels } from '@northstar/models';
import { openObjectStore } from '@northstar/object-store';
import type { SourceLoader } from '@northstar/sandbox';
import { openWarehouse } from '@northstar/warehouse';

/**
 * The load step of the Stripe and Zendesk fault scenarios: the source's
 * committed raw runs, then every model, as the load job does. It lives here,
 * not in libs/sandbox, because a testing lib may not import the extract
 * runtime or the models.
 */
export const loadSourceForFaults: SourceLoader = async (source, config, runId) => {
  const warehouse = await openWarehouse(config.warehouse, silentLogger());
  try {
    const deps = { warehouse, store: openObjectStore(config.rawUrl, {}), logger: silentLogger(), clock: () => new Date(), runId };
    for (const contract of contractsForSource(source)) await loadCommittedRuns(contract, deps);
    await runModels(loadModelCatalog(), deps);
  } finally {
    await warehouse.close();
  }
};
