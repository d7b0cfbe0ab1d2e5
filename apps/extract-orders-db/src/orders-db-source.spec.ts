import type { RunParameters } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import type { ShardSpec } from '@northstar/extract';
import { extractOrdersDb } from './extract-orders-db';
import { OrdersDbSource } from './orders-db-source';
import { ordersStream } from './streams/orders.stream';
import { OrdersDbFixture } from './testing';

const orders = contractFor('orders_db', 'orders');
const start = new Date('2026-11-02T00:00:00Z');
const everything = { start: new Date('2020-01-01T00:00:00Z'), end: new Date('2026-11-03T00:00:00Z') };
const config = { initialStart: everything.start, lookbackMs: 0, safetyLagMs: 0, openWriterWarnMs: 900_000 };

async function csvLines(url: string, shard?: ShardSpec): Promise<string[]> {
  const source = await OrdersDbSource.connect(url, 'northstar-test');
  try {
    let text = '';
    for await (const chunk of source.copyWindow('orders', orders, everything, shard)) text += chunk.toString('utf8');
    return text.split('\n').filter(Boolean);
  } finally {
    await source.close();
  }
}

describe('OrdersDbSource on PostgreSQL: sharding by key', () => {
  let fixture: OrdersDbFixture;

  beforeAll(async () => {
    fixture = await OrdersDbFixture.open('shards', start);
    await fixture.sandbox.injectFault('null_business_key', new Date('2026-11-02T00:10:00Z'));
    await fixture.sandbox.injectFault('duplicate_rows', new Date('2026-11-02T00:20:00Z'));
  });

  afterAll(async () => {
    await fixture.dispose();
  });

  it('splits the window so every row, null keys and duplicates included, lands in exactly one shard', async () => {
    const whole = await csvLines(fixture.database.url);
    const shards = await Promise.all([0, 1, 2].map((index) => csvLines(fixture.database.url, { index, count: 3 })));
    expect(whole.length).toBeGreaterThan(100);
    expect(shards.flat().sort()).toEqual([...whole].sort());
    for (const shard of shards) expect(shard.length).toBeGreaterThan(whole.length / 6);
    const keyOf = (line: string) => line.split(',')[0];
    expect(shards[0].some((line) => keyOf(line) === '')).toBe(true);
    const shardsOfKey = new Map<string, Set<number>>();
    shards.forEach((lines, i) => lines.forEach((line) => shardsOfKey.set(keyOf(line), (shardsOfKey.get(keyOf(line)) ?? new Set()).add(i))));
    expect([...shardsOfKey.values()].every((s) => s.size === 1)).toBe(true);
  });

  it('writes one manifest per shard, and the loader loads the run only once all shards have committed', async () => {
    const run: RunParameters = { mode: 'backfill', scheduledAt: start, window: everything, runId: 'sharded-1' };
    const extractShard = async (index: number) => {
      const deps = await fixture.deps(config, { index, count: 3 });
      try {
        const [result] = await extractOrdersDb(run, [ordersStream], deps);
        return result;
      } finally {
        await deps.source.close();
      }
    };
    const first = [await extractShard(0), await extractShard(2)];
    expect(first.map((r) => r.manifestKey)).toEqual([
      'orders_db/orders/load_date=2026-11-02/hour=00/run=sharded-1/shard=000-of-003/_manifest.json',
      'orders_db/orders/load_date=2026-11-02/hour=00/run=sharded-1/shard=002-of-003/_manifest.json',
    ]);
    expect((await fixture.load(orders)).rowsLoaded).toBe(0);

    const last = await extractShard(1);
    const loaded = await fixture.load(orders);
    const expected = (await csvLines(fixture.database.url)).length;
    expect(loaded.rowsLoaded).toBe(expected);
    expect([...first, last].reduce((n, r) => n + r.manifest.rowCount, 0)).toBe(expected);
    const loadedKeys = (await fixture.query<{ k: string }>("select coalesce(cast(order_id as varchar), '') as k from raw.orders_db__orders")).map((r) => r.k);
    expect(loadedKeys.sort()).toEqual((await csvLines(fixture.database.url)).map((line) => line.split(',')[0]).sort());
  });
});
