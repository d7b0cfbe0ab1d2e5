import * as path from 'node:path';
import { silentLogger } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { LocalObjectStore } from '@northstar/object-store';
import { duckdbDialect, snowflakeDialect } from '@northstar/sql';
import { SnowflakeWarehouse } from '@northstar/warehouse';
import { expectGolden, formatGoldenStatements, RecordingSnowflakeConnection } from '@northstar/warehouse/testing';
import { loadSource } from './load-source';
import { renderPublishHeld } from './publish-held';

const orders = contractFor('orders_db', 'orders');
const publishedAt = new Date('2026-12-05T09:30:00Z');

describe("a backfill's publish of its held rows", () => {
  it.each([['duckdb', duckdbDialect], ['snowflake', snowflakeDialect]] as const)('renders the move from raw_backfill to raw (%s)', (_name, dialect) => {
    expectGolden(path.resolve(__dirname, '..', 'goldens', dialect.name, 'backfill_publish_held.sql'), formatGoldenStatements(renderPublishHeld(orders, dialect, { at: publishedAt, runId: 'backfill-20261101T00-20261102T00-publish' })));
  });

  it('on Snowflake, moves the held rows inside the publish transaction, where a refused check rolls the move back too', async () => {
    const connection = new RecordingSnowflakeConnection(() => undefined);
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    await loadSource([orders], [], {
      warehouse, store: new LocalObjectStore('/nonexistent'), logger: silentLogger(), piiColumns: new Set<string>(), clock: () => publishedAt, runId: 'backfill-20261101T00-20261102T00-publish', mode: 'backfill', loadLockTtlMs: 3_600_000,
    }, { publishHeld: true });
    const sent = connection.statements.map((s) => s.sql);
    const begin = sent.indexOf('begin transaction');
    expect(sent.slice(begin + 1, sent.indexOf('commit', begin)).map((sql) => sql.split('\n').find((line) => !line.startsWith('--'))?.trim())).toEqual([
      expect.stringMatching(/^insert into raw\.orders_db__orders \(/),
      'delete from raw_backfill.orders_db__orders',
    ]);
  });
});
