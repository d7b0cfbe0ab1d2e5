import { silentLogger, type NorthstarConfig } from '@northstar/core';
import { freshnessSlo, loadModelCatalog } from '@northstar/models';
import { writeRunReport } from '@northstar/run-report';
import { openWarehouse } from '@northstar/warehouse';

/** The report of the configured warehouse, with the model catalog as its lineage; read-only on the warehouse. */
export async function writeDemoRunReport(config: NorthstarConfig, file: string): Promise<string> {
  const lineage = loadModelCatalog().map((m) => ({ name: m.name, layer: m.layer, dependsOn: m.dependsOn }));
  const warehouse = await openWarehouse(config.warehouse, silentLogger(), { readOnly: true });
  try {
    return await writeRunReport(warehouse, file, { runLimit: 24, lineage, now: new Date(), slo: freshnessSlo });
  } finally {
    await warehouse.close();
  }
}
