import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { ORDERS_DB_ONLY, ORDERS_DB_SUCCEEDED, SEEDED_START, seededOrdersDb, workspaceRoot } from './pipeline-harness';

const orchestrator = path.join(workspaceRoot, 'apps/orchestrator/src/main.ts');
const DAY1 = 'backfill-20261031T00-20261101T00';
const DAY2 = 'backfill-20261101T00-20261102T00';
const PUBLISH = 'backfill-20261031T00-20261102T00-publish';

type OrderStatus = { order_id: number; status: string | null };

/**
 * `npm run pipeline -- backfill` end to end on the sandbox: its chunks hold
 * their rows in raw_backfill and one publish moves them to raw with the
 * models and their error checks in one transaction (docs/backfills.md).
 * Killed mid-way with an hourly run before it resumes; a publish refused by
 * a check, then published by the rerun once the source is fixed.
 */
describe('backfill, end to end', () => {
  const env = seededOrdersDb('e2e_backfill', ORDERS_DB_ONLY);
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
  const insertOrder = 'insert into orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, created_at, updated_at) values ($1, $2, $3, \'EUR\', 10, 2, 1, 13, $4, $4, $4)';
  const newOrderIds = async (count: number) => {
    const [{ next, customer }] = await env.harness.query<{ next: number; customer: number }>('select cast(max(order_id) as integer) + 1000 as next, cast(min(customer_id) as integer) as customer from curated.fct_orders');
    return { ids: Array.from({ length: count }, (_, i) => next + i), customer };
  };
  const curatedOrders = () => env.harness.query<OrderStatus>('select cast(order_id as integer) as order_id, order_status as status from curated.fct_orders order by order_id');
  const analyticsIds = async () => (await env.harness.query<{ order_id: number }>('select cast(order_id as integer) as order_id from analytics.orders order by 1')).map((r) => r.order_id);
  /** Rows of backfill chunks in raw (published) and in raw_backfill (held). */
  const backfillRows = async () => {
    const [rows] = await env.harness.query<{ published: number; held: number }>(
      "select (select count(*) from raw.orders_db__orders where _run_id like 'backfill-%') as published, (select count(*) from raw_backfill.orders_db__orders) as held",
    );
    return { published: Number(rows.published), held: Number(rows.held) };
  };

  it('killed mid-way, with an hourly run before the rerun: analytics unchanged until the publish, which loses nothing, doubles nothing and keeps the hourly rows', async () => {
    // An order the hourly runs never saw (stamped long before their watermark): only the backfill brings it.
    const { ids: [late], customer } = await newOrderIds(1);
    await sourceSql(insertOrder, [late, customer, 'paid', '2026-10-31T10:00:00Z']);
    const analyticsBefore = await analyticsIds();

    // Killed (the orchestrator and its jobs, as a lost host would be) once the second day's first job has started.
    const first = spawn(process.execPath, ['--import', 'tsx', orchestrator, 'backfill', '--start', '2026-10-31T00:00:00Z', '--end', '2026-11-02T00:00:00Z', '--sources', 'orders_db'], { cwd: workspaceRoot, env: env.harness.env, detached: true, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
    while (!existsSync(path.join(env.harness.home, 'logs', DAY2)) && first.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    process.kill(-(first.pid ?? 0), 'SIGKILL');
    await exited;
    const [committed] = await env.harness.query<{ n: number }>("select count(*) as n from ops.pipeline_runs where step = 'pipeline' and status = 'succeeded' and run_id = :run_id", { run_id: DAY2 });
    expect(committed.n).toBe(0);
    // The first day is held, not published: BI sees what it saw before.
    expect(await backfillRows()).toEqual({ published: 0, held: expect.any(Number) });
    expect((await backfillRows()).held).toBeGreaterThan(0);
    expect(await analyticsIds()).toEqual(analyticsBefore);

    // The hourly schedule goes on meanwhile, and publishes its own rows only.
    const hour = await env.sandbox.advanceHour(SEEDED_START);
    expect((await env.harness.hourly('2026-11-02T07:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
    expect((await backfillRows()).published).toBe(0);
    expect(await analyticsIds()).not.toContain(late);

    const rerun = backfill('2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z');
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain('backfill: 1 chunks run, 1 already committed');
    expect(rerun.stdout).toContain('backfill: published');
    expect(rerun.stderr).toMatch(/"chunksDone":2,"chunksTotal":2,.*"msg":"backfill progress"/);
    const runs = await env.harness.query<{ run_id: string; status: string }>("select run_id, status from ops.pipeline_runs where step = 'pipeline' and run_id like 'backfill-%' and status = 'succeeded' order by run_id");
    expect(runs.map((r) => r.run_id)).toEqual([DAY1, PUBLISH, DAY2]);

    // Nothing doubled: no file loaded twice, no raw row twice; nothing lost: curated holds the source, the hour's changes and the late order included.
    const [doubled] = await env.harness.query<{ files: number; rows: number }>(
      `select
         (select count(*) - count(distinct source_file) from ops.file_loads) as files,
         (select count(*) - count(distinct _source_file || ':' || cast(_row_number as varchar)) from raw.orders_db__orders) as rows`,
    );
    expect(doubled).toEqual({ files: 0, rows: 0 });
    expect((await backfillRows()).held).toBe(0);
    const source = await sourceOrders();
    expect(await curatedOrders()).toEqual(source);
    expect(await analyticsIds()).toContain(late);
    expect(hour.newOrderIds.length + hour.updatedOrderIds.length).toBeGreaterThan(0);
    expect(source.filter((o) => hour.newOrderIds.includes(o.order_id))).toHaveLength(hour.newOrderIds.length);
  }, 240_000);

  it('a publish an error check refuses publishes nothing and says why; the rerun publishes once the source is fixed', async () => {
    const { ids: [good, bad], customer } = await newOrderIds(2);
    await sourceSql(insertOrder, [good, customer, 'paid', '2026-11-01T10:00:00Z']);
    await sourceSql(insertOrder, [bad, customer, null, '2026-11-01T11:00:00Z']);
    const before = await curatedOrders();
    const [viewBefore] = await env.harness.query<{ n: number }>('select count(*) as n from analytics.orders');

    const refused = backfill('2026-11-01T06:00:00Z', '2026-11-01T18:00:00Z');
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/backfill publish .*-publish failed, nothing published, the rows stay held.*publish refused, nothing committed.*fct_orders_not_null.*order_status/);
    expect(await curatedOrders()).toEqual(before);
    expect(await env.harness.query('select count(*) as n from analytics.orders')).toEqual([viewBefore]);
    const failed = await env.harness.query<{ check_name: string; status: string }>("select check_name, status from ops.dq_results where run_id = 'backfill-20261101T06-20261101T18-publish' and status = 'fail'");
    expect(failed.map((f) => f.check_name)).toEqual([expect.stringMatching(/^fct_orders_not_null/)]);
    const held = (await backfillRows()).held;
    expect(held).toBeGreaterThan(0);

    // Fixed at the source; the next hourly run takes the fix, and leaves the held rows held.
    await sourceSql("update orders set status = 'paid', updated_at = '2026-11-02T07:30:00Z' where order_id = $1", [bad]);
    expect((await env.harness.hourly('2026-11-02T08:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
    expect((await backfillRows()).held).toBe(held);
    expect(await analyticsIds()).not.toContain(good);

    const rerun = backfill('2026-11-01T06:00:00Z', '2026-11-01T18:00:00Z');
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain('backfill: 0 chunks run, 1 already committed');
    expect(rerun.stdout).toContain('backfill: published');
    expect((await backfillRows()).held).toBe(0);
    expect(await curatedOrders()).toEqual(await sourceOrders());
    expect(await analyticsIds()).toEqual(expect.arrayContaining([good, bad]));
  }, 180_000);
});
