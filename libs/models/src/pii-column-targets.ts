import { DataContractError, type Logger } from '@northstar/core';
import { allContracts, piiColumns, type Contract, type PiiColumn } from '@northstar/contracts';
import { declaresColumns, parseCreateTable, rawTableRef, type Dialect } from '@northstar/sql';
import { tagPiiColumns, untaggedPiiColumns, type PiiColumnTarget, type Warehouse } from '@northstar/warehouse';
import { loadModelCatalog, type Model } from './model-catalog';
import { rawTablesUpstream } from './raw-tables-upstream';
import { renderModel } from './render-model';

const anyBatch = { processed_through: new Date(0), batch_end: new Date(0), now: new Date(0), run_id: 'pii-targets' };

/**
 * Every column of raw, staging and curated tables that holds personal data,
 * from the contracts' PII tags alone: a raw table's PII columns are its
 * contract's; a staging or curated table's are the columns its DDL declares
 * under the name of a PII column of a contract upstream of it (a model that
 * renames a PII column must keep a name a contract tags, or add it to its
 * contract). Analytics views read these tables, so their masking applies there.
 * `lineage` holds the models upstream of `models` that are not among them:
 * a model of a domain's job reads staging models of other jobs, and without
 * them its PII columns would trace back to no contract.
 */
export function piiColumnTargets(contracts: readonly Contract[], models: readonly Model[], dialect: Dialect, lineage: readonly Model[] = models): PiiColumnTarget[] {
  const raw = contracts.flatMap((contract) => piiColumns(contract).map((c) => target(rawTableRef(contract), c.name, c)));
  const byRawTable = new Map(contracts.map((c) => [rawTableRef(c), piiColumns(c)]));
  const upstream = rawTablesUpstream([...new Map([...lineage, ...models].map((m) => [m.name, m])).values()]);
  const modelled = models.filter((m) => m.layer !== 'analytics').flatMap((model) => {
    const ddl = renderModel(model, dialect, anyBatch)[0];
    if (!ddl || !declaresColumns(ddl.sql)) return [];
    const declared = parseCreateTable(ddl.sql);
    const pii = new Map<string, PiiColumn>();
    for (const table of upstream.get(model.name) ?? []) for (const c of byRawTable.get(table) ?? []) if (!pii.has(c.name)) pii.set(c.name, c);
    return declared.columns.flatMap((column) => {
      const source = pii.get(column.name);
      return source ? [target(declared.table, column.name, source)] : [];
    });
  });
  return [...raw, ...modelled];
}

/**
 * PII columns a staging model does not declare under their contract name:
 * staging is where columns are renamed, and a renamed PII column would leave
 * masking behind (`country` -> `country_code`). A spec keeps this empty.
 */
export function piiColumnsRenamedInStaging(contracts: readonly Contract[], models: readonly Model[], dialect: Dialect): string[] {
  return models.filter((m) => m.layer === 'staging').flatMap((model) => {
    const ddl = renderModel(model, dialect, anyBatch)[0];
    if (!ddl || !declaresColumns(ddl.sql)) return [];
    const declared = new Set(parseCreateTable(ddl.sql).columns.map((c) => c.name));
    return contracts
      .filter((c) => model.dependsOn.includes(rawTableRef(c)))
      .flatMap((c) => piiColumns(c).filter((col) => !declared.has(col.name)).map((col) => `${model.name} lacks ${rawTableRef(c)}.${col.name}`));
  });
}

/**
 * After a load's models ran: tags every contract PII column of raw tables and
 * of these models' tables that exists untagged, so a column the loader or a
 * model just created is masked from its first run on (Snowflake only).
 * Lineage is the whole catalog: a load runs one source's or domain's models,
 * whose PII may come from another's staging models.
 */
export async function tagNewPiiColumns(warehouse: Warehouse, models: readonly Model[], logger: Logger): Promise<void> {
  if (warehouse.dialect.name !== 'snowflake') return;
  const tagged = await tagPiiColumns(warehouse, piiColumnTargets(allContracts, models, warehouse.dialect, loadModelCatalog()));
  if (tagged.length > 0) logger.info({ columns: tagged.map((t) => `${t.table}.${t.column}`) }, 'tagged PII columns for masking');
}

/** The quality job's check (exit 3): a contract PII column in the warehouse without its pii tag is readable in clear by every role. */
export async function assertPiiColumnsTagged(warehouse: Warehouse, models: readonly Model[]): Promise<void> {
  const untagged = await untaggedPiiColumns(warehouse, piiColumnTargets(allContracts, models, warehouse.dialect));
  if (untagged.length === 0) return;
  throw new DataContractError(`PII columns without the ops.pii tag, so unmasked for every role: ${untagged.map((t) => `${t.table}.${t.column} (${t.pii})`).join(', ')}`);
}

function target(table: string, column: string, source: PiiColumn): PiiColumnTarget {
  return { table, column, pii: source.pii, type: source.type };
}
