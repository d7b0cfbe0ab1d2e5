import { allContracts, curatedDomains, customersContract, type Contract } from '@northstar/contracts';
import { DataContractError, silentLogger } from '@northstar/core';
import { duckdbDialect, snowflakeDialect } from '@northstar/sql';
import { SnowflakeWarehouse } from '@northstar/warehouse';
import { fakeSnowflakeColumn, RecordingSnowflakeConnection, type RecordedStatement } from '@northstar/warehouse/testing';
import { loadModelCatalog, type Model } from './model-catalog';
import { runModels } from './model-runner';
import { assertPiiColumnsTagged, piiColumnsRenamedInStaging, piiColumnTargets, tagNewPiiColumns } from './pii-column-targets';
import { modelsOfDomain } from './source-models';

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

/** Snowflake where raw.orders_db__customers exists with its columns and `tagged` carry the pii tag; no other table exists. */
function customersTable(tagged: () => string[]) {
  return (s: RecordedStatement) => {
    if (s.sql.includes('information_schema.columns')) {
      const names = s.binds[1] === 'orders_db__customers' ? customersContract.columns.map((c) => c.name) : [];
      return { columns: ['column_name', 'data_type', 'numeric_precision', 'numeric_scale'].map((n) => fakeSnowflakeColumn(n, 'text')), rows: names.map((n) => [n, 'TEXT', null, null]) };
    }
    if (s.sql.includes('tag_references_all_columns')) {
      const rows = s.binds[0] === 'raw.orders_db__customers' ? tagged().map((c) => [c, c === 'email' ? 'email' : c === 'phone' ? 'phone' : 'name']) : [];
      return { columns: [fakeSnowflakeColumn('column_name', 'text'), fakeSnowflakeColumn('tag_value', 'text')], rows };
    }
    return undefined;
  };
}

describe('PII tags in the load and quality jobs (Snowflake)', () => {
  it('the model runner tags the PII columns the loader created, and the check then passes', async () => {
    const tagged: string[] = [];
    const connection = new RecordingSnowflakeConnection(customersTable(() => tagged));
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    await expect(assertPiiColumnsTagged(warehouse, [])).rejects.toThrow(DataContractError);
    await runModels([], { warehouse, logger: silentLogger(), clock: () => new Date('2026-11-02T07:00:00Z'), runId: 'load-1' });
    const tagging = connection.statements.filter((s) => s.sql.startsWith('alter table')).map((s) => s.sql);
    expect(tagging).toEqual(['email', 'first_name', 'last_name', 'phone'].map((c) => `alter table raw.orders_db__customers modify column ${c} set tag ops.pii = '${c === 'email' ? 'email' : c === 'phone' ? 'phone' : 'name'}'`));
    tagged.push('email', 'first_name', 'last_name', 'phone');
    await expect(assertPiiColumnsTagged(warehouse, [])).resolves.toBeUndefined();
    await warehouse.close();
  });

  it('the check names the untagged column', async () => {
    const connection = new RecordingSnowflakeConnection(customersTable(() => ['email', 'first_name', 'last_name']));
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    await expect(assertPiiColumnsTagged(warehouse, [])).rejects.toThrow('raw.orders_db__customers.phone (phone)');
    await warehouse.close();
  });
});

/** fct_support_tickets (the support domain's job) as if it kept the requester's email, which it reads from stg_zendesk__users (the zendesk job's). */
function ticketsKeepingEmail(model: Model): Model {
  const line = '  requester_id bigint,\n';
  if (!model.template.body.includes(line)) throw new Error(`${model.name} has no line ${line}`);
  return { ...model, template: { ...model.template, body: model.template.body.replace(line, `${line}  email varchar,\n`) } };
}

describe('a PII column a domain job\'s model takes from another job\'s staging model', () => {
  const catalog = loadModelCatalog().map((m) => (m.name === 'fct_support_tickets' ? ticketsKeepingEmail(m) : m));
  const support = modelsOfDomain(catalog, curatedDomains().find((d) => d.name === 'support')!, curatedDomains());
  const ticketColumns = (lineage: readonly Model[]) =>
    piiColumnTargets(allContracts, support, snowflakeDialect, lineage).filter((t) => t.table === 'curated.fct_support_tickets').map((t) => `${t.column}:${t.pii}`);

  it('is traced to its contract through the catalog, though the job runs only its own models', () => {
    expect(support.map((m) => m.name)).not.toContain('stg_zendesk__users');
    expect(ticketColumns(catalog)).toEqual(['email:email']);
    // The job's models alone end at stg_zendesk__users, a table no contract describes: the column would go untagged.
    expect(ticketColumns(support)).toEqual([]);
  });

  it('is tagged after the domain job\'s models ran', async () => {
    const declared = ['ticket_sk', 'ticket_id', 'requester_id', 'email', 'customer_id'];
    const connection = new RecordingSnowflakeConnection((s) => {
      if (s.sql.includes('information_schema.columns')) {
        const names = s.binds[1] === 'fct_support_tickets' ? declared : [];
        return { columns: ['column_name', 'data_type', 'numeric_precision', 'numeric_scale'].map((n) => fakeSnowflakeColumn(n, 'text')), rows: names.map((n) => [n, 'TEXT', null, null]) };
      }
      if (s.sql.includes('tag_references_all_columns')) return { columns: [fakeSnowflakeColumn('column_name', 'text'), fakeSnowflakeColumn('tag_value', 'text')], rows: [] };
      return undefined;
    });
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    await tagNewPiiColumns(warehouse, support, silentLogger());
    expect(connection.statements.filter((s) => s.sql.startsWith('alter table')).map((s) => s.sql)).toEqual([
      "alter table curated.fct_support_tickets modify column email set tag ops.pii = 'email'",
    ]);
    await warehouse.close();
  });
});
