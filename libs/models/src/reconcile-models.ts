import * as path from 'node:path';
import { keySetContract, rawTableName, sourceRegistry, sourcesIn, stagingModelName, type SourceDeclaration } from '@northstar/contracts';
import { loadSqlTemplate } from '@northstar/sql';
import type { Model } from './model-catalog';

const template = loadSqlTemplate(path.join(__dirname, '../sql/templates/reconcile_hard_deletes.sql'));

/**
 * One hard-delete reconciliation per entity of a source that lands nightly
 * key sets of its whole history and has a staging model, all rendered from
 * one template: the entities differ only in their names and key, which their
 * contracts say. A key set of a lookback (the APIs') proves no delete: an
 * older key is outside it, not gone.
 */
export function reconcileModels(fileModels: readonly Model[], registry: readonly SourceDeclaration[] = sourceRegistry): Model[] {
  const staged = new Map(fileModels.map((m) => [m.name, m]));
  return sourcesIn('nightly-key-sets', registry)
    .filter((source) => source.keySets?.lookbackDays === undefined)
    .flatMap((source) => source.contracts.filter((c) => source.keySets?.entities?.includes(c.entity) ?? true))
    .filter((contract) => staged.has(stagingModelName(contract)))
    .map((contract) => {
      if (contract.businessKey.length !== 1) throw new Error(`${contract.source}.${contract.entity}: hard-delete reconciliation needs a single-column key`);
      const staging = stagingModelName(contract);
      const stagingModel = staged.get(staging);
      const keySet = `raw.${rawTableName(keySetContract(contract))}`;
      const name = `reconcile_${contract.source}__${contract.entity}`;
      const dependsOn = [staging, keySet];
      return {
        name,
        layer: 'staging' as const,
        target: `staging.${name}`, // nominal: the model flags rows of its staging table and owns none
        template: { ...template, name, dependsOn, header: { ...template.header, name, 'depends-on': dependsOn.join(', '), tracks: `${keySet}._loaded_at` } },
        dependsOn,
        tracks: [{ table: keySet, column: '_loaded_at' }],
        // A staging model on the template may rename the key and the cursor; the key set keeps the contract's names.
        idents: {
          staging_table: `staging.${staging}`,
          key_set_key: contract.businessKey[0],
          staged_key: stagingModel?.template.header['keys']?.trim() || contract.businessKey[0],
          cursor: stagingModel?.idents?.['cursor'] ?? contract.cursor,
          key_set_table: keySet,
        },
      };
    });
}
