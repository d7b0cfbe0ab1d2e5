import { Client } from 'pg';
import { contractFor } from '@northstar/contracts';
import { createScratchDatabase, OrdersDbSandbox, type ScratchDatabase } from '@northstar/sandbox';
import { extractStatements } from './extract-statements';
import { ADMIN_URL } from './testing';

const orders = contractFor('orders_db', 'orders');

interface PlanNode { 'Filter'?: string; 'Index Cond'?: string; 'Subplan Name'?: string; 'Plans'?: PlanNode[] }

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/** The plan PostgreSQL chooses for the select inside a window COPY (COPY itself cannot be explained). */
async function planOfWindowCopy(client: Client, sharded: boolean): Promise<PlanNode[]> {
  const copy = extractStatements.windowCopy('orders', orders, sharded).sql;
  const select = /copy \(([\s\S]*)\) to stdout with \(format csv\)\s*$/.exec(copy)?.[1];
  if (!select) throw new Error(`not a COPY of a select:\n${copy}`);
  const window = extractStatements.setWindow(
    { start: new Date('1970-01-01T00:00:00Z'), end: new Date('2100-01-01T00:00:00Z') },
    sharded ? { index: 1, count: 3 } : undefined,
  );
  await client.query(window.sql, window.binds as unknown[]);
  const { rows } = await client.query(`explain (format json) ${select}`);
  return nodesOf((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan);
}

describe('window COPY on PostgreSQL: settings read once per query', () => {
  let database: ScratchDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createScratchDatabase(ADMIN_URL, `northstar_plan_${process.pid}_${Math.random().toString(36).slice(2, 8)}`);
    const sandbox = await OrdersDbSandbox.connect(database.url, { scale: 0.001, start: new Date('2026-11-02T00:00:00Z') });
    await sandbox.createSchema();
    await sandbox.close();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query('begin');
  });

  afterAll(async () => {
    await client?.query('rollback');
    await client?.end();
    await database?.drop();
  });

  // A current_setting() cast in a per-row Filter is parsed for every row: it
  // doubled the server's CPU on a full-table read. In an InitPlan it runs once.
  it.each([false, true])('sharded=%s: no scan condition calls current_setting(); the settings are InitPlans', async (sharded) => {
    const nodes = await planOfWindowCopy(client, sharded);
    const conditions = nodes.flatMap((n) => [n.Filter, n['Index Cond']]).filter((c): c is string => c !== undefined);
    expect(conditions.length).toBeGreaterThan(0);
    expect(conditions.filter((c) => c.includes('current_setting'))).toEqual([]);
    expect(nodes.filter((n) => n['Subplan Name']?.startsWith('InitPlan')).length).toBe(sharded ? 4 : 2);
  });
});
