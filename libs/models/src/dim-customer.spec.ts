import { silentLogger } from '@northstar/core';
import { loadModelCatalog, type Model } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { loadQualityChecks, runQualityChecks } from './quality-checks';
import { ordersDbRow as row } from './testing';

type Version = {
  customer_sk: string;
  email: string | null;
  valid_from: string;
  valid_to: string | null;
  is_current: boolean;
  is_inferred: boolean;
};

type DimRow = Omit<Version, 'email'> & { customer_id: number; is_deleted: boolean; deleted_at: string | null; _row_hash: string; _merged_at: string };

describe('dim_customer (SCD2) and the customer_sk on fct_orders', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
  });
  afterEach(() => sandbox.dispose());

  const history = () =>
    sandbox.query<Version>('select customer_sk, email, valid_from, valid_to, is_current, is_inferred from curated.dim_customer where customer_id = 1 order by valid_from');
  const orderCustomerSk = async (orderId: number) =>
    (await sandbox.query<{ customer_sk: string }>('select customer_sk from curated.fct_orders where order_id = :order_id', { order_id: orderId }))[0]?.customer_sk;
  const failedChecks = async () =>
    (await runQualityChecks(loadQualityChecks(), { warehouse: sandbox.warehouse, runId: 'q', clock: sandbox.clock, logger: silentLogger(), piiColumns: new Set<string>() }))
      // Freshness (a warn) measures the sandbox's fixed clock, not the dimension's correctness.
      .filter((r) => r.status === 'fail' && !(r.severity === 'warn' && r.check.includes('_freshness_')))
      .map((r) => r.check);

  it('opens a version per tracked change, valid from created_at first, and none for an untracked change', async () => {
    await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00', { email: 'a@x' })]);
    await sandbox.run();
    await sandbox.land('customers', [row.customer(1, '2026-02-10 00:00:00+00', { email: 'a@x' })]); // updated_at only
    await sandbox.run();
    expect(await history()).toEqual([
      expect.objectContaining({ email: 'a@x', valid_from: '2026-01-01T00:00:00Z', valid_to: null, is_current: true }),
    ]);
    await sandbox.land('customers', [row.customer(1, '2026-03-01 00:00:00+00', { email: 'b@x' })]);
    await sandbox.run();
    expect(await history()).toEqual([
      expect.objectContaining({ email: 'a@x', valid_from: '2026-01-01T00:00:00Z', valid_to: '2026-03-01T00:00:00Z', is_current: false }),
      expect.objectContaining({ email: 'b@x', valid_from: '2026-03-01T00:00:00Z', valid_to: null, is_current: true }),
    ]);
    expect(await failedChecks()).toEqual([]);
  });

  it('splits the range a late, out-of-order version falls in, and re-points the orders placed in it', async () => {
    await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00', { email: 'a@x' }), row.customer(1, '2026-04-01 00:00:00+00', { email: 'c@x' })]);
    await sandbox.land('orders', [row.order(10, 1, '2026-03-15 00:00:00+00', { ordered_at: '2026-03-15 00:00:00+00' })]);
    await sandbox.run();
    const [first] = await history();
    expect(await orderCustomerSk(10)).toBe(first.customer_sk);

    await sandbox.land('customers', [row.customer(1, '2026-03-01 00:00:00+00', { email: 'b@x' })], '2026-11-02 09:00:00+00');
    await sandbox.run();
    const versions = await history();
    expect(versions.map((v) => [v.email, v.valid_from, v.valid_to])).toEqual([
      ['a@x', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z'],
      ['b@x', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'],
      ['c@x', '2026-04-01T00:00:00Z', null],
    ]);
    expect(versions[0].customer_sk).toBe(first.customer_sk);
    expect(await orderCustomerSk(10)).toBe(versions[1].customer_sk);
    expect(await failedChecks()).toEqual([]);
  });

  it('derives customer_sk from customer_id and valid_from alone, so a rebuild gives the same keys', async () => {
    await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00'), row.customer(1, '2026-03-01 00:00:00+00', { country: 'fr' })]);
    await sandbox.run();
    const rebuilt = await OrdersModelSandbox.open();
    try {
      // the same versions, landed in the opposite order and in two batches
      await rebuilt.land('customers', [row.customer(1, '2026-03-01 00:00:00+00', { country: 'fr' })]);
      await rebuilt.run();
      await rebuilt.land('customers', [row.customer(1, '2026-02-01 00:00:00+00')]);
      await rebuilt.run();
      const keys = 'select customer_sk, valid_from, valid_to from curated.dim_customer order by valid_from';
      expect(await rebuilt.query(keys)).toEqual(await sandbox.query(keys));
    } finally {
      await rebuilt.dispose();
    }
  });

  it('gives an order for a customer not landed yet an inferred member, completed in place when the customer lands', async () => {
    await sandbox.land('orders', [row.order(10, 1, '2026-03-01 10:00:00+00')]);
    await sandbox.run();
    const [inferred] = await history();
    expect(inferred).toMatchObject({ email: null, valid_from: '1900-01-01T00:00:00Z', valid_to: null, is_current: true, is_inferred: true });
    expect(await orderCustomerSk(10)).toBe(inferred.customer_sk);

    await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00', { email: 'a@x' })]);
    await sandbox.run();
    expect(await history()).toEqual([
      { customer_sk: inferred.customer_sk, email: 'a@x', valid_from: '1900-01-01T00:00:00Z', valid_to: null, is_current: true, is_inferred: false },
    ]);
    await sandbox.land('customers', [row.customer(1, '2026-04-01 00:00:00+00', { email: 'b@x' })]);
    await sandbox.run();
    expect((await history()).map((v) => [v.customer_sk === inferred.customer_sk, v.email, v.valid_to])).toEqual([
      [true, 'a@x', '2026-04-01T00:00:00Z'],
      [false, 'b@x', null],
    ]);
    expect(await orderCustomerSk(10)).toBe(inferred.customer_sk);
    expect(await failedChecks()).toEqual([]);
  });

  it('starts a first version without created_at at its updated_at, also where least() is null on a null argument', async () => {
    const customer = row.customer(1, '2026-02-01 00:00:00+00', { created_at: null });
    const starts = (s: OrdersModelSandbox) => s.query('select customer_sk, valid_from, valid_to from curated.dim_customer');
    await sandbox.land('customers', [customer]);
    await sandbox.run();
    expect(await starts(sandbox)).toEqual([expect.objectContaining({ valid_from: '2026-02-01T00:00:00Z', valid_to: null })]);
    // Snowflake's least() returns null if any argument is null; DuckDB's skips it. Run Snowflake's on DuckDB.
    const snowflakeLeast = await OrdersModelSandbox.open(loadModelCatalog().map(withNullPropagatingLeast));
    try {
      await snowflakeLeast.query('create macro snowflake_least(a, b) as case when a is null or b is null then null else least(a, b) end');
      await snowflakeLeast.land('customers', [customer]);
      await snowflakeLeast.run();
      expect(await starts(snowflakeLeast)).toEqual(await starts(sandbox));
    } finally {
      await snowflakeLeast.dispose();
    }
  });

  describe('hard deletes found by the nightly customer key set', () => {
    const DELETED_AT = '2026-11-02T06:00:00Z';
    const rows = () =>
      sandbox.query<DimRow>('select customer_id, customer_sk, valid_from, valid_to, is_current, is_inferred, is_deleted, deleted_at, _row_hash, _merged_at from curated.dim_customer order by customer_id, valid_from');
    const flags = (customerId: number) =>
      sandbox.query('select valid_from, valid_to, is_deleted, deleted_at from curated.dim_customer where customer_id = :customer_id order by valid_from', { customer_id: customerId });
    const facts = () => sandbox.query('select order_id, customer_sk, is_deleted, _row_hash, _merged_at from curated.fct_orders order by order_id');
    const keySetWithout1 = () => sandbox.landKeys('customers', [{ customer_id: 2, updated_at: '2026-02-01 00:00:00+00', created_day: '2026-01-01' }], '2026-11-02 06:00:00+00');
    const ranges = (dim: DimRow[]) => dim.map(({ customer_id, customer_sk, valid_from, valid_to, is_current, is_inferred }) => ({ customer_id, customer_sk, valid_from, valid_to, is_current, is_inferred }));
    let before: { dim: DimRow[]; facts: unknown[] };

    beforeEach(async () => {
      // customer 1 has two versions and an order in each; customer 3 is only an inferred member
      await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00', { email: 'a@x' }), row.customer(1, '2026-03-01 00:00:00+00', { email: 'b@x' }), row.customer(2, '2026-02-01 00:00:00+00')]);
      await sandbox.land('orders', [row.order(10, 1, '2026-03-01 10:00:00+00', { ordered_at: '2026-02-15 00:00:00+00' }), row.order(11, 1, '2026-03-20 10:00:00+00', { ordered_at: '2026-03-15 00:00:00+00' }), row.order(12, 3, '2026-03-01 10:00:00+00')]);
      await sandbox.run();
      before = { dim: await rows(), facts: await facts() };
      // customer 1 is gone from the source; the key set is the only raw input landed
      await keySetWithout1();
      await sandbox.run();
    });

    it('flags every version of the deleted customer with one deleted_at, keeping the ranges and the facts\' customer_sk', async () => {
      expect(await flags(1)).toEqual([
        { valid_from: '2026-01-01T00:00:00Z', valid_to: '2026-03-01T00:00:00Z', is_deleted: true, deleted_at: DELETED_AT },
        { valid_from: '2026-03-01T00:00:00Z', valid_to: null, is_deleted: true, deleted_at: DELETED_AT },
      ]);
      expect(await flags(2)).toEqual([expect.objectContaining({ is_deleted: false, deleted_at: null })]);
      expect(await flags(3)).toEqual([{ valid_from: '1900-01-01T00:00:00Z', valid_to: null, is_deleted: false, deleted_at: null }]);
      expect(ranges(await rows())).toEqual(ranges(before.dim));
      expect(await facts()).toEqual(before.facts); // same customer_sk, and not even rewritten
      expect(await failedChecks()).toEqual([]);
    });

    it('fails the split-flag quality check when one version loses the flag', async () => {
      await sandbox.query("update curated.dim_customer set is_deleted = false, deleted_at = null where customer_id = 1 and valid_to is null");
      expect(await failedChecks()).toEqual(['dim_customer_split_delete_flag']);
    });

    it('is not undone by an overlap re-read of an older or the same version, and a replay changes no row', async () => {
      const flagged = await rows();
      await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00', { email: 'a@x' }), row.customer(1, '2026-03-01 00:00:00+00', { email: 'b@x' })], '2026-11-02 07:30:00+00');
      await keySetWithout1();
      await sandbox.run();
      expect(await rows()).toEqual(flagged);
      expect(await facts()).toEqual(before.facts);
    });

    it('is kept on every version when a version older than the delete loads late, its range opened flagged', async () => {
      await sandbox.land('customers', [row.customer(1, '2026-11-02 05:50:00+00', { email: 'c@x' })], '2026-11-02 05:55:00+00');
      await sandbox.run();
      expect(await flags(1)).toEqual([
        { valid_from: '2026-01-01T00:00:00Z', valid_to: '2026-03-01T00:00:00Z', is_deleted: true, deleted_at: DELETED_AT },
        { valid_from: '2026-03-01T00:00:00Z', valid_to: '2026-11-02T05:50:00Z', is_deleted: true, deleted_at: DELETED_AT },
        { valid_from: '2026-11-02T05:50:00Z', valid_to: null, is_deleted: true, deleted_at: DELETED_AT },
      ]);
      expect(await failedChecks()).toEqual([]);
    });

    it('is withdrawn from every version by a later key set that holds the customer again, with no newer version', async () => {
      await sandbox.landKeys('customers', [1, 2].map((id) => ({ customer_id: id, updated_at: '2026-03-01 00:00:00+00', created_day: '2026-01-01' })), '2026-11-03 06:00:00+00');
      await sandbox.run();
      expect((await flags(1)).map((f) => [f['is_deleted'], f['deleted_at']])).toEqual([[false, null], [false, null]]);
      expect(ranges(await rows())).toEqual(ranges(before.dim));
      expect(await facts()).toEqual(before.facts);
      expect(await failedChecks()).toEqual([]);
    });

    it('is cleared on every version by a newer source update, even one that opens no version', async () => {
      expect((await flags(1)).map((f) => f['is_deleted'])).toEqual([true, true]);
      await sandbox.land('customers', [row.customer(1, '2026-11-02 07:10:00+00', { email: 'b@x' })], '2026-11-02 07:30:00+00');
      await sandbox.run();
      expect(await flags(1)).toEqual([
        { valid_from: '2026-01-01T00:00:00Z', valid_to: '2026-03-01T00:00:00Z', is_deleted: false, deleted_at: null },
        { valid_from: '2026-03-01T00:00:00Z', valid_to: null, is_deleted: false, deleted_at: null },
      ]);
      expect(ranges(await rows())).toEqual(ranges(before.dim));
      expect(await facts()).toEqual(before.facts);
      expect(await failedChecks()).toEqual([]);
    });
  });
});

/** dim_customer with least() swapped for one that, like Snowflake's, is null when an argument is. */
function withNullPropagatingLeast(model: Model): Model {
  if (model.name !== 'dim_customer') return model;
  expect(model.template.body).toContain('least(');
  return { ...model, template: { ...model.template, body: model.template.body.replaceAll('least(', 'snowflake_least(') } };
}
