import { ORDERS_DB_ONLY, ORDERS_DB_SUCCEEDED, seededOrdersDb } from './pipeline-harness';

// A warehouse built before dim_customer had its hard-delete flag, upgraded in
// place: the hourly load stops with the fix in its message, the operator runs
// it, and the pipeline goes on with nothing lost.
describe('a model whose table an earlier version built', () => {
  const env = seededOrdersDb('e2e_evolution', ORDERS_DB_ONLY);

  it('stops the hourly load with the fix, and --full-refresh rebuilds it and its facts from raw', async () => {
    const { harness } = env;
    const built = await harness.query<{ versions: number; customers: number; deleted: number }>(
      'select count(*) as versions, count(distinct customer_id) as customers, count(*) filter (where is_deleted) as deleted from curated.dim_customer',
    );
    const facts = await harness.query<{ orders: number; keyed: number }>(
      'select count(*) as orders, count(*) filter (where customer_sk in (select customer_sk from curated.dim_customer)) as keyed from curated.fct_orders',
    );
    expect(built[0].versions).toBeGreaterThan(0);
    expect(facts[0].keyed).toBe(facts[0].orders);

    await harness.execute('alter table curated.dim_customer drop column is_deleted');
    await harness.execute('alter table curated.dim_customer drop column deleted_at');

    const stopped = await harness.hourly('2026-11-02T07:00:00Z');
    expect(stopped.jobs).toContainEqual(['load-orders-db', 'failed']);
    expect(stopped.output).toContain('curated.dim_customer was built by an earlier version of model dim_customer: the table lacks is_deleted, deleted_at.');
    expect(stopped.output).toContain('--full-refresh dim_customer');

    const refresh = harness.app('load', ['--source', 'orders_db', '--run-id', 'manual-refresh-1', '--full-refresh', 'dim_customer']);
    expect(refresh).toEqual({ exitCode: 0, output: expect.stringContaining('full refresh') });
    const rebuilt = await harness.query<{ versions: number; customers: number; deleted: number }>(
      'select count(*) as versions, count(distinct customer_id) as customers, count(*) filter (where is_deleted) as deleted from curated.dim_customer',
    );
    expect(rebuilt[0].customers).toBeGreaterThanOrEqual(built[0].customers);
    const refacts = await harness.query<{ orders: number; keyed: number }>(
      'select count(*) as orders, count(*) filter (where customer_sk in (select customer_sk from curated.dim_customer)) as keyed from curated.fct_orders',
    );
    expect(refacts[0].orders).toBeGreaterThanOrEqual(facts[0].orders);
    expect(refacts[0].keyed).toBe(refacts[0].orders);

    expect((await harness.hourly('2026-11-02T08:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
  }, 180_000);

  it('refuses an unknown model to refresh with exit 2, naming the models it has', () => {
    const refused = env.harness.app('load', ['--source', 'orders_db', '--run-id', 'manual-refresh-2', '--full-refresh', 'dim_customers']);
    expect(refused.exitCode).toBe(2);
    expect(refused.output).toContain('--full-refresh: no model named dim_customers; models:');
  });
});
