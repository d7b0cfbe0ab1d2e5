import { allContracts, customersContract, type Contract } from '@northstar/contracts';
import { duckdbDialect, snowflakeDialect } from '@northstar/sql';
import { loadModelCatalog } from './model-catalog';
import { piiColumnsRenamedInStaging, piiColumnTargets } from './pii-column-targets';

const names = (contracts: readonly Contract[]) => piiColumnTargets(contracts, loadModelCatalog(), snowflakeDialect).map((t) => `${t.table}.${t.column}:${t.pii}`);

function markedPii(contract: Contract, column: string): Contract {
  return { ...contract, columns: contract.columns.map((c) => (c.name === column ? { ...c, pii: 'address' } : c)) };
}

describe('piiColumnTargets', () => {
  it('tags the contract PII columns of raw, staging and curated tables, and no view', () => {
    const targets = names([customersContract]);
    for (const table of ['raw.orders_db__customers', 'staging.stg_orders_db__customers', 'curated.dim_customer']) {
      expect(targets).toEqual(expect.arrayContaining([`${table}.email:email`, `${table}.first_name:name`, `${table}.last_name:name`, `${table}.phone:phone`]));
    }
    expect(targets.filter((t) => t.startsWith('analytics.'))).toEqual([]);
    // dim_customer's customer_id and country_code are not personal data in the contract.
    expect(targets.filter((t) => /customer_id|country_code/.test(t))).toEqual([]);
  });

  it('tags a column a new contract version marks as PII, in raw and wherever a model carries it by name', () => {
    const before = names([customersContract]);
    const added = names([markedPii(customersContract, 'created_at')]).filter((t) => !before.includes(t));
    // dim_customer carries it as customer_created_at: curated keeps no contract name there.
    expect(added).toEqual(['raw.orders_db__customers.created_at:address', 'staging.stg_orders_db__customers.created_at:address']);
  });

  it('keeps every PII column under its contract name in staging, so masking follows it', () => {
    expect(piiColumnsRenamedInStaging(allContracts, loadModelCatalog(), snowflakeDialect)).toEqual([]);
    // Staging renames country to country_code: marked PII, it would be left unmasked there.
    expect(piiColumnsRenamedInStaging([markedPii(customersContract, 'country')], loadModelCatalog(), snowflakeDialect)).toEqual(['stg_orders_db__customers lacks raw.orders_db__customers.country']);
  });

  it('derives the same columns in both dialects', () => {
    const duck = piiColumnTargets([customersContract], loadModelCatalog(), duckdbDialect).map((t) => `${t.table}.${t.column}`);
    expect(duck).toEqual(piiColumnTargets([customersContract], loadModelCatalog(), snowflakeDialect).map((t) => `${t.table}.${t.column}`));
  });
});
