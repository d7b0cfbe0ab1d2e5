import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { customersContract, piiColumns } from '@northstar/contracts';
import { ClearPiiValues, scanFiles, scanWarehouse } from './clear-pii-scan';
import { seededOrdersDb } from './pipeline-harness';

/**
 * Outside prod no clear PII may land anywhere: the sandbox knows the clear
 * values it generated, so a non-prod run is searched for every one of them
 * in every table (ops included), every Parquet file and every log.
 */
describe('a non-prod run leaves no clear PII behind', () => {
  const env = seededOrdersDb('e2e_pii_scan');
  let clear: ClearPiiValues;

  beforeAll(async () => {
    // The contract names the PII columns; the sandbox's customers hold their clear values.
    const columns = piiColumns(customersContract).map((c) => c.name);
    const customers = (await env.sandbox.customers()) as unknown as Record<string, unknown>[];
    clear = new ClearPiiValues(customers.flatMap((c) => columns.map((name) => c[name]).filter((v): v is string => typeof v === 'string')));
  }, 60_000);

  it('has clear values to look for', () => {
    expect(clear.size).toBeGreaterThan(50);
  });

  it('finds none in any table of the warehouse', async () => {
    const { tables, findings } = await scanWarehouse(env.harness, clear);
    expect(tables).toBeGreaterThan(10);
    expect(findings).toEqual([]);
  }, 60_000);

  it('finds none in any Parquet file, log or other file of the run', async () => {
    const { parquet, text, findings } = await scanFiles(env.harness, env.harness.home, clear);
    expect(parquet).toBeGreaterThan(0);
    expect(text).toBeGreaterThan(0);
    expect(findings).toEqual([]);
  }, 60_000);

  it('would find a clear value that leaked into a log', async () => {
    const customers = await env.sandbox.customers();
    const leaked = path.join(env.harness.home, 'logs', 'leak.log');
    appendFileSync(leaked, `{"msg":"customer ${customers[0].email} updated"}\n`);
    const { findings } = await scanFiles(env.harness, path.dirname(leaked), clear);
    expect(findings).toEqual([{ where: `${leaked}:1`, value: customers[0].email }]);
  });
});
