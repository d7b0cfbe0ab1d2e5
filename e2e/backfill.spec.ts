import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { ALL_SUCCEEDED, SEEDED_START, seededOrdersDb, workspaceRoot } from './pipeline-harness';

const orchestrator = path.join(workspaceRoot, 'apps/orchestrator/src/main.ts');
const DAY1 = 'backfill-20261031T00-20261101T00';
const DAY2 = 'backfill-20261101T00-20261102T00';

type OrderStatus = { order_id: number; status: string | null };

/**
 * `npm run pipeline -- backfill` end to end on the sandbox: killed mid-way
 * with an hourly run landing before it resumes, and a backfill whose error
 * check fails. Each day chunk's models and checks publish in one
 * transaction (docs/backfills.md).
 */
describe('backfill, end to end', () => {
  const env = seededOrdersDb('e2e_backfill');
  const backfill = (start: string, end: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', orchestrator, 'backfill', '--start', start, '--end', end, '--sources', 'orders_db'], { cwd: workspaceRoot, env: env.harness.env, encoding: 'utf8' });
  const sourceOrders = async (): Promise<OrderStatus[]> => {
    const client = new Client({ connectionString: env.db.url });
    await client.connect();
    try {
      return (await client.query<OrderStatus>('select order_id::int as order_id, status from orders order by order_id')).rows;
    } finally {
      await client.end();
    }
  };
  const sourceSql = async (sql: string, values: unknown[]) => {
    const client = new Client({ connectionString: env.db.url });
    await client.connect();
    await client.query(sql, values).finally(() => client.end());
  };
  const curatedOrders = () => env.harness.query<OrderStatus>('select cast(order_id as integer) as order_id, order_status as status from curated.fct_orders order by order_id');

  it('killed mid-way, with an hourly run before the rerun: resumes at the chunk it was in, loses nothing, doubles nothing, keeps the hourly rows', async () => {
    // Killed (the orchestrator and its jobs, as a lost host would be) once the second day's first job has started.
    const first = spawn(process.execPath, ['--import', 'tsx', orchestrator, 'backfill', '--start', '2026-10-31T00:00:00Z', '--end', '2026-11-02T00:00:00Z'], { cwd: workspaceRoot, env: env.harness.env, detached: true, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
    while (!existsSync(path.join(env.harness.home, 'logs', DAY2)) && first.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    process.kill(-(first.pid ?? 0), 'SIGKILL');
    await exited;
    const [committed] = await env.harness.query<{ n: number }>("select count(*) as n from ops.pipeline_runs where step = 'pipeline' and status = 'succeeded' and run_id = :run_id", { run_id: DAY2 });
    expect(committed.n).toBe(0);

    // The hourly schedule goes on meanwhile.
    const hour = await env.sandbox.advanceHour(SEEDED_START);
    expect((await env.harness.hourly('2026-11-02T07:00:00Z')).jobs).toEqual(ALL_SUCCEEDED);

    const rerun = backfill('2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z');
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain('backfill: 1 chunks run, 1 already committed');
    expect(rerun.stderr).toMatch(/"chunksDone":2,"chunksTotal":2,.*"msg":"backfill progress"/);
    const runs = await env.harness.query<{ run_id: string; status: string }>("select run_id, status from ops.pipeline_runs where step = 'pipeline' and run_id like 'backfill-%' and status = 'succeeded' order by run_id");
    expect(runs.map((r) => r.run_id)).toEqual([DAY1, DAY2]);

    // Nothing doubled: no file loaded twice, no raw row twice; nothing lost: curated holds the source, the hour's changes included.
    const [doubled] = await env.harness.query<{ files: number; rows: number }>(
      `select
         (select count(*) - count(distinct source_file) from ops.file_loads) as files,
         (select count(*) - count(distinct _source_file || ':' || cast(_row_number as varchar)) from raw.orders_db__orders) as rows`,
    );
    expect(doubled).toEqual({ files: 0, rows: 0 });
    const source = await sourceOrders();
    expect(await curatedOrders()).toEqual(source);
    expect(hour.newOrderIds.length + hour.updatedOrderIds.length).toBeGreaterThan(0);
    expect(source.filter((o) => hour.newOrderIds.includes(o.order_id))).toHaveLength(hour.newOrderIds.length);
  }, 240_000);

  it('a chunk whose error check fails publishes nothing of its batch (analytics keeps the last good state), says why and exits 3', async () => {
    const [{ next }] = await env.harness.query<{ next: number }>('select cast(max(order_id) as integer) + 1000 as next from curated.fct_orders');
    const [{ customer }] = await env.harness.query<{ customer: number }>('select cast(min(customer_id) as integer) as customer from curated.fct_orders');
    const insert = 'insert into orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, created_at, updated_at) values ($1, $2, $3, \'EUR\', 10, 2, 1, 13, $4, $4, $4)';
    await sourceSql(insert, [next, customer, 'paid', '2026-11-01T10:00:00Z']);
    await sourceSql(insert, [next + 1, customer, null, '2026-11-01T11:00:00Z']);
    const before = await curatedOrders();
    const [viewBefore] = await env.harness.query<{ n: number }>('select count(*) as n from analytics.orders');

    const refused = backfill('2026-11-01T06:00:00Z', '2026-11-01T18:00:00Z');
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/publish refused, nothing committed.*fct_orders_not_null.*order_status/);
    expect(await curatedOrders()).toEqual(before);
    expect(await env.harness.query('select count(*) as n from analytics.orders')).toEqual([viewBefore]);
    const failed = await env.harness.query<{ check_name: string; status: string }>("select check_name, status from ops.dq_results where run_id = 'backfill-20261101T06-20261101T18' and status = 'fail'");
    expect(failed.map((f) => f.check_name)).toEqual([expect.stringMatching(/^fct_orders_not_null/)]);

  }, 120_000);
});
