import type { Client } from 'pg';
import type { RunParameters } from '@northstar/core';
import { digestContract, digestStateTerm, keySetContract, ordersDbContracts } from '@northstar/contracts';
import { postgresDialect } from '@northstar/sql';
import { extractReconciliation } from './extract-reconciliation';
import { ordersDbStreams } from './streams';
import { OrdersDbFixture } from './testing';

const start = new Date('2026-11-02T00:00:00Z');
const nightly: RunParameters = { mode: 'nightly', scheduledAt: new Date('2026-11-02T02:00:00Z'), runId: 'nightly-20261102' };
const config = { initialStart: new Date('2020-01-01T00:00:00Z'), lookbackMs: 0, safetyLagMs: 0, openWriterWarnMs: 900_000 };

interface Digest extends Record<string, unknown> { created_day: string; row_count: number; amount_sum: string | null; key_hash: string }

describe('extractReconciliation on PostgreSQL (nightly mode)', () => {
  let fixture: OrdersDbFixture;
  let pg: Client;
  let deleted: readonly number[];

  beforeAll(async () => {
    fixture = await OrdersDbFixture.open('nightly', start);
    deleted = (await fixture.sandbox.injectFault('hard_delete', new Date('2026-11-02T00:30:00Z'))).orderIds;
    pg = await fixture.connect();
    // Statuses as a hand-written fix might leave them: staging lower-cases them, so the digest must too.
    await pg.query('update orders set status = upper(status) where order_id in (select order_id from orders order by order_id limit 3)');
    const deps = await fixture.deps(config);
    try {
      await extractReconciliation(nightly, ordersDbStreams, deps);
    } finally {
      await deps.source.close();
    }
    for (const contract of ordersDbContracts) {
      await fixture.load(keySetContract(contract));
      await fixture.load(digestContract(contract));
    }
  });

  afterAll(async () => {
    await pg?.end();
    await fixture.dispose();
  });

  it('lands the full key set of every entity, without the hard-deleted orders', async () => {
    const keys = await fixture.query<{ order_id: number | null; created_day: string }>('select order_id, cast(created_day as varchar) as created_day from raw.orders_db__orders_keys');
    const source = await pg.query<{ n: string }>('select count(*) as n from orders');
    expect(keys).toHaveLength(Number(source.rows[0].n));
    expect(deleted.length).toBeGreaterThan(0);
    const ids = new Set(keys.map((k) => Number(k.order_id)));
    for (const id of deleted) expect(ids.has(id)).toBe(false);
    const [items] = await fixture.query<{ n: number }>('select count(*)::integer as n from raw.orders_db__order_items_keys');
    expect(items.n).toBe(Number((await pg.query('select count(*) as n from order_items')).rows[0].n));
  });

  it('lands per-day digests that match a direct count and sum in the source', async () => {
    const digests = await fixture.query<Digest>(
      'select cast(created_day as varchar) as created_day, row_count, cast(amount_sum as varchar) as amount_sum, key_hash from raw.orders_db__orders_digests order by created_day',
    );
    const direct = await pg.query<{ created_day: string; row_count: string; amount_sum: string }>(
      "select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as created_day, count(*)::text as row_count, sum(total)::text as amount_sum from orders group by 1 order by 1",
    );
    expect(digests.map((d) => [d.created_day, Number(d.row_count), Number(d.amount_sum).toFixed(2)])).toEqual(
      direct.rows.map((r) => [r.created_day, Number(r.row_count), Number(r.amount_sum).toFixed(2)]),
    );
    expect(digests.every((d) => /^[0-9a-f]{32}$/.test(d.key_hash))).toBe(true);
  });

  it('dates the key sets at the start of a transaction still open at the snapshot, so its late rows are not judged deleted', async () => {
    const open = await fixture.connect();
    try {
      await open.query('begin');
      const started = (await open.query('select now() as t')).rows[0]['t'] as Date;
      await new Promise((resolve) => setTimeout(resolve, 20));
      const deps = await fixture.deps(config);
      try {
        const [keys] = await extractReconciliation({ ...nightly, runId: 'nightly-open-transaction' }, ordersDbStreams.slice(0, 1), deps);
        expect(keys.manifest.snapshot?.limitedBy).toBe('open-transaction');
        expect(Date.parse(keys.manifest.extractedAt)).toBeLessThanOrEqual(started.getTime());
      } finally {
        await deps.source.close();
      }
      await open.query('rollback');
      const deps2 = await fixture.deps(config);
      const snapshotTaken = Date.now();
      try {
        const [keys] = await extractReconciliation({ ...nightly, runId: 'nightly-none-open' }, ordersDbStreams.slice(0, 1), deps2);
        expect(keys.manifest.snapshot?.limitedBy).toBe('source-clock');
        expect(Date.parse(keys.manifest.extractedAt)).toBeLessThanOrEqual(snapshotTaken);
      } finally {
        await deps2.source.close();
      }
    } finally {
      await open.end();
    }
  });

  it("lands the orders' state_sum over lower(status), as digestStateTerm of each order's key and lower-cased status", async () => {
    const landed = await fixture.query<{ state_sum: bigint | number | null }>('select state_sum from raw.orders_db__orders_digests');
    const rows = await pg.query<{ order_id: number; status: string | null }>('select order_id, status from orders');
    expect(rows.rows.some((r) => r.status !== null && r.status !== r.status.toLowerCase())).toBe(true);
    const expected = rows.rows.reduce((sum, r) => sum + BigInt(digestStateTerm([r.order_id, r.status?.toLowerCase() ?? null])), 0n);
    expect(String(landed.reduce((sum, r) => sum + BigInt(r.state_sum ?? 0), 0n))).toBe(String(expected));
    expect(landed.every((r) => r.state_sum !== null)).toBe(true);
  });

  it('leaves amount_sum null for entities without an amount column, and state_sum for those declaring no state', async () => {
    const [row] = await fixture.query<{ days: number; with_amount: number; with_state: number }>(
      'select count(*)::integer as days, count(amount_sum)::integer as with_amount, count(state_sum)::integer as with_state from raw.orders_db__customers_digests',
    );
    expect(row).toEqual({ days: row.days, with_amount: 0, with_state: 0 });
    expect(row.days).toBeGreaterThan(0);
  });

  it.each([['orders', 'order_id', 'status'], ['products', 'product_id', 'is_active']])(
    "sums PostgreSQL's hash_key_int over %s as digestStateTerm does, so a declared state would match the API extractors' and the warehouse's",
    async (table, key, state) => {
      const term = postgresDialect.macros['hash_key_int'](key, state);
      const summed = await pg.query<{ state_sum: string }>(`select sum(${term})::text as state_sum from ${table}`);
      const rows = await pg.query<Record<string, unknown>>(`select ${key}, ${state} from ${table}`);
      expect(rows.rows.length).toBeGreaterThan(0);
      const expected = rows.rows.reduce((sum, r) => sum + BigInt(digestStateTerm([r[key], r[state]])), 0n);
      expect(summed.rows[0].state_sum).toBe(String(expected));
    },
  );
});
