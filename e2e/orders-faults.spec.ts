import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { isoToMicros, type FaultName, type FaultReport, type LateCommit } from '@northstar/sandbox';
import { ORDERS_DB_ONLY, ORDERS_DB_SUCCEEDED, SEEDED_START as START, seededOrdersDb, type PipelineHarness, type PipelineOutcome } from './pipeline-harness';


type OrderState = { order_id: number; order_status: string; updated_us: number; total_amount: string; is_deleted: boolean };


async function sourceQuery<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every row of the order in the source, oldest stamp first. */
async function sourceVersions(url: string, orderId: number): Promise<{ status: string; updated_at: string }[]> {
  return sourceQuery(url, "select status, to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') as updated_at from orders where order_id = $1 order by updated_at", [orderId]);
}

async function modelled(harness: PipelineHarness, layer: 'staging.stg_orders_db__orders' | 'curated.fct_orders', orderIds: readonly number[]): Promise<OrderState[]> {
  const stamp = layer === 'curated.fct_orders' ? 'source_updated_at' : 'updated_at';
  return harness.query<OrderState>(
    `select order_id, order_status, epoch_us({{ stamp }}) as updated_us, cast(total_amount as varchar) as total_amount, is_deleted
     from {{ layer }} where list_contains(cast(:ids as bigint[]), order_id) order by order_id`,
    { ids: JSON.stringify(orderIds) },
    { layer, stamp },
  );
}

async function dqResult(harness: PipelineHarness, runId: string, check: string) {
  return harness.query<{ severity: string; status: string; failing_rows: number }>(
    'select severity, status, failing_rows from ops.dq_results where run_id = :run_id and check_name = :check',
    { run_id: runId, check },
  );
}

/** The err.message of each JSON log line that has one; other lines (the orchestrator's summary) are skipped. */
function loggedErrors(log: string): string[] {
  return log.split('\n').filter((line) => line.startsWith('{')).flatMap((line) => {
    const entry = JSON.parse(line) as { err?: { message?: string } };
    return entry.err?.message ? [entry.err.message] : [];
  });
}

describe('orders DB faults, hour after hour on one database', () => {
  // The orders chain alone: the partner chain's going on beside a failed orders extract is asserted below, under drift.
  const env = seededOrdersDb('e2e_faults', ORDERS_DB_ONLY);
  let lateCommit: LateCommit | undefined;

  afterAll(async () => {
    await lateCommit?.rollback().catch(() => undefined); // an open writer would block dropping the database
  });

  describe('the 07:00 run after an out-of-order update, a duplicated row and a row without a key', () => {
    const faults = {} as Record<'outOfOrder' | 'duplicate' | 'nullKey', FaultReport>;
    let run: PipelineOutcome;

    beforeAll(async () => {
      await env.sandbox.advanceHour(START);
      faults.outOfOrder = await env.sandbox.injectFault('out_of_order_update', new Date('2026-11-02T06:50:00Z'));
      faults.duplicate = await env.sandbox.injectFault('duplicate_rows', new Date('2026-11-02T06:40:00Z'));
      faults.nullKey = await env.sandbox.injectFault('null_business_key', new Date('2026-11-02T06:35:00Z'));
      run = await env.harness.hourly('2026-11-02T07:00:00Z');
    }, 120_000);

    it('succeeds: the faults are warnings, not stops', () => {
      expect(run.exitCode).toBe(0);
      expect(run.jobs).toEqual(ORDERS_DB_SUCCEEDED);
    });

    it('out_of_order_update: staging and fct_orders keep the later-stamped version, not the later-committed one', async () => {
      const [later, stale] = faults.outOfOrder.versions!;
      expect(stale.updatedAt < later.updatedAt).toBe(true);
      expect(stale.status).not.toBe(later.status);
      const [orderId] = faults.outOfOrder.orderIds;
      expect((await sourceVersions(env.db.url, orderId)).map((v) => v.updated_at)).toEqual([stale.updatedAt, later.updatedAt]);
      const [raw] = await env.harness.query<{ n: number }>('select count(*) as n from raw.orders_db__orders where order_id = :id and _run_id = :run_id', { id: orderId, run_id: run.runId });
      expect(raw.n).toBe(2); // both versions were extracted
      for (const layer of ['staging.stg_orders_db__orders', 'curated.fct_orders'] as const) {
        expect(await modelled(env.harness, layer, [orderId])).toEqual([
          expect.objectContaining({ order_id: orderId, order_status: later.status, updated_us: isoToMicros(later.updatedAt) }),
        ]);
      }
    });

    it('duplicate_rows: the order is staged and modelled once, its amount counted once, and the check reports the copy', async () => {
      const [orderId] = faults.duplicate.orderIds;
      const [source] = await sourceQuery<{ copies: string; total: string }>(env.db.url, 'select count(*) as copies, min(total)::text as total from orders where order_id = $1', [orderId]);
      expect(Number(source.copies)).toBe(2);
      const [raw] = await env.harness.query<{ n: number }>('select count(*) as n from raw.orders_db__orders where order_id = :id', { id: orderId });
      expect(raw.n).toBe(2);
      for (const layer of ['staging.stg_orders_db__orders', 'curated.fct_orders'] as const) {
        expect(await modelled(env.harness, layer, [orderId])).toEqual([expect.objectContaining({ order_id: orderId, total_amount: source.total })]);
      }
      const [sums] = await sourceQuery<{ total: string }>(env.db.url, 'select sum(total)::text as total from (select distinct on (order_id) total from orders where order_id is not null order by order_id, updated_at desc) t');
      const [curated] = await env.harness.query<{ total: string }>('select cast(sum(total_amount) as varchar) as total from curated.fct_orders');
      expect(curated.total).toBe(sums.total);
      expect(await dqResult(env.harness, run.runId, 'raw_orders_duplicate_rows')).toEqual([{ severity: 'warn', status: 'fail', failing_rows: 1 }]);
    });

    it('null_business_key: the row is quarantined, not staged, and its check fails as a warning', async () => {
      const [stamp] = faults.nullKey.stampedAt;
      const quarantined = await env.harness.query<{ run_id: string; reason: string; record: string }>(
        "select run_id, reason, record from ops.quarantine where source = 'orders_db' and entity = 'orders'",
      );
      expect(quarantined).toHaveLength(1);
      expect(quarantined[0]).toMatchObject({ run_id: run.runId, reason: expect.stringMatching(/order_id is null/) });
      expect(JSON.parse(quarantined[0].record)).toMatchObject({ order_id: null });
      const [staged] = await env.harness.query<{ n: number }>('select count(*) as n from staging.stg_orders_db__orders where epoch_us(updated_at) = :us', { us: isoToMicros(stamp) });
      expect(staged.n).toBe(0);
      expect(await dqResult(env.harness, run.runId, 'raw_orders_null_business_key')).toEqual([{ severity: 'warn', status: 'fail', failing_rows: 1 }]);
    });
  });

  it('late_update: an update stamped before the last window closed reaches fct_orders on the next run, through the lookback', async () => {
    const fault = await env.sandbox.injectFault('late_update', new Date('2026-11-02T07:30:00Z'));
    const [orderId] = fault.orderIds;
    const [stamp] = fault.stampedAt;
    expect(stamp < '2026-11-02T07:00:00').toBe(true); // inside the window the 07:00 run already closed
    const [source] = await sourceVersions(env.db.url, orderId);
    expect(source.updated_at).toBe(stamp);
    const [before] = await modelled(env.harness, 'curated.fct_orders', [orderId]);
    expect(before.updated_us).toBeLessThan(isoToMicros(stamp));

    expect((await env.harness.hourly('2026-11-02T08:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
    for (const layer of ['staging.stg_orders_db__orders', 'curated.fct_orders'] as const) {
      expect(await modelled(env.harness, layer, [orderId])).toEqual([
        expect.objectContaining({ order_status: source.status, updated_us: isoToMicros(stamp) }),
      ]);
    }
  }, 120_000);

  it('late_commit: an order committed after the run that should have seen it is captured by the next run', async () => {
    lateCommit = await env.sandbox.beginLateCommit(new Date('2026-11-02T08:30:00Z'));
    const orderId = lateCommit.orderId;
    const during = await env.harness.hourly('2026-11-02T09:00:00Z');
    expect(during.jobs).toEqual(ORDERS_DB_SUCCEEDED);
    expect(await modelled(env.harness, 'curated.fct_orders', [orderId])).toEqual([]);
    await lateCommit.commit();
    lateCommit = undefined;
    const [committed] = await sourceVersions(env.db.url, orderId);
    expect(committed.updated_at < '2026-11-02T09:00:00').toBe(true); // stamped inside the 09:00 run's window

    expect((await env.harness.hourly('2026-11-02T10:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
    expect(await modelled(env.harness, 'curated.fct_orders', [orderId])).toEqual([
      expect.objectContaining({ order_id: orderId, order_status: committed.status, updated_us: isoToMicros(committed.updated_at), is_deleted: false }),
    ]);
    const [items] = await sourceQuery<{ n: string }>(env.db.url, 'select count(*) as n from order_items where order_id = $1', [orderId]);
    const [lines] = await env.harness.query<{ n: number }>('select count(*) as n from curated.fct_order_items where order_id = :id and customer_sk is not null', { id: orderId });
    expect(lines.n).toBe(Number(items.n));
    expect(lines.n).toBeGreaterThan(0);
  }, 120_000);

  it('new_column: the run succeeds, ignores the column and records the drift', async () => {
    const fault = await env.sandbox.injectFault('new_column', new Date('2026-11-02T10:30:00Z'));
    const run = await env.harness.hourly('2026-11-02T11:00:00Z');
    expect(run.exitCode).toBe(0);
    expect(run.jobs).toEqual(ORDERS_DB_SUCCEEDED);
    expect(await modelled(env.harness, 'curated.fct_orders', fault.orderIds)).toEqual([expect.objectContaining({ order_id: fault.orderIds[0] })]);
    const columns = await env.harness.query("select column_name from information_schema.columns where table_schema = 'raw' and table_name = 'orders_db__orders' and column_name = 'gift_message'");
    expect(columns).toEqual([]);
    const manifestFile = path.join(env.harness.home, 'raw/orders_db/orders/load_date=2026-11-02/hour=11', `run=${run.runId}`, '_manifest.json');
    expect(JSON.parse(readFileSync(manifestFile, 'utf8')).drift).toEqual({ added: ['gift_message'] });
  }, 120_000);

  it('new_column: ops.schema_registry records the schema the extractor saw, added column included', async () => {
    const registered = await env.harness.query<{ columns: string }>("select columns from ops.schema_registry where source = 'orders_db' and entity = 'orders'");
    expect(registered.map((r) => JSON.parse(r.columns).addedInSource)).toContainEqual(['gift_message']);
  });

  it('replay: running the same hour three times leaves every curated table exactly as it was', async () => {
    await env.sandbox.advanceHour(new Date('2026-11-02T11:00:00Z'));
    const tables = await env.harness.query<{ name: string }>("select table_schema || '.' || table_name as name from information_schema.tables where table_schema = 'curated' order by table_name");
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['curated.dim_customer', 'curated.fct_orders', 'curated.fct_order_items']));
    const hashes = async () => {
      const out: Record<string, { n: number; hash: string }> = {};
      for (const { name } of tables) {
        const [row] = await env.harness.query<{ n: number; hash: string }>(
          "select count(*) as n, md5(coalesce(string_agg(cast(t as varchar), chr(10) order by cast(t as varchar)), '')) as hash from {{ name }} as t",
          {},
          { name },
        );
        out[name] = row;
      }
      return out;
    };
    const runs: PipelineOutcome[] = [];
    runs.push(await env.harness.hourly('2026-11-02T12:00:00Z'));
    const first = await hashes();
    expect(first['curated.fct_orders'].n).toBeGreaterThan(100);
    for (let i = 0; i < 2; i++) {
      runs.push(await env.harness.hourly('2026-11-02T12:00:00Z'));
      expect(await hashes()).toEqual(first);
    }
    expect(runs.map((r) => r.jobs)).toEqual([ORDERS_DB_SUCCEEDED, ORDERS_DB_SUCCEEDED, ORDERS_DB_SUCCEEDED]);
  }, 180_000);
});

describe.each([
  ['missing_column', /orders DB table "orders": column "delivered_at" is missing/],
  ['type_change', /orders DB table "orders": column "tax" is string in the source/],
] as [FaultName, RegExp][])('breaking schema drift: %s', (fault, message) => {
  const env = seededOrdersDb(`e2e_${fault}`);

  it('stops the extract job with exit 3, names the table and column, and loads nothing for the run', async () => {
    const report = await env.sandbox.injectFault(fault, new Date('2026-11-02T06:30:00Z'));
    const run = await env.harness.hourly('2026-11-02T07:00:00Z');
    expect(run.exitCode).toBe(3);
    // The partner-files chain is another source's: it goes on.
    expect(run.jobs).toEqual([
      ['extract-orders-db', 'failed'], ['load-orders-db', 'skipped'],
      ['extract-partner-files', 'succeeded'], ['load-partner-files', 'succeeded'], ['report-partner-files', 'succeeded'], ['quality', 'skipped'],
    ]);
    expect(loggedErrors(env.harness.jobLog(run.runId, 'extract-orders-db'))).toEqual([expect.stringMatching(message)]);
    expect(loggedErrors(run.output)).toEqual([expect.stringMatching(message)]);
    expect(await env.harness.query('select source_file from ops.file_loads where run_id = :run_id', { run_id: run.runId })).toEqual([]);
    const [raw] = await env.harness.query<{ n: number }>('select count(*) as n from raw.orders_db__orders where _run_id = :run_id or order_id = :id', { run_id: run.runId, id: report.orderIds[0] });
    expect(raw.n).toBe(0);
    expect(await modelled(env.harness, 'curated.fct_orders', report.orderIds)).toEqual([]);
  }, 120_000);
});
