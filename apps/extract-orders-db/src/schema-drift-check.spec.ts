import * as path from 'node:path';
import type { Client } from 'pg';
import { DataContractError } from '@northstar/core';
import { loadSqlTemplate, postgresDialect, renderSql } from '@northstar/sql';
import { checkDrift } from './extract-orders-db';
import { OrdersDbSource } from './orders-db-source';
import { ordersStream } from './streams/orders.stream';
import { OrdersDbFixture } from './testing';

const retypeTotalToMoney = loadSqlTemplate(path.join(__dirname, '../sql/testing/retype_total_to_money.sql'));

describe('checkDrift on PostgreSQL: a column retyped to a type the extractor does not read', () => {
  let fixture: OrdersDbFixture;
  let pg: Client;

  beforeAll(async () => {
    fixture = await OrdersDbFixture.open('drift_money', new Date('2026-11-02T00:00:00Z'));
    pg = await fixture.connect();
    await pg.query(renderSql(retypeTotalToMoney, postgresDialect).sql);
  }, 60_000);

  afterAll(async () => {
    await pg?.end();
    await fixture?.dispose();
  });

  it('stops the run before reading (exit 3), naming the column, the source type and the contract type', async () => {
    const source = await OrdersDbSource.connect(fixture.database.url, 'northstar-test');
    try {
      const failure = await checkDrift(ordersStream, source).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DataContractError);
      expect((failure as Error).message).toBe(
        'orders DB table "orders": column "total" is money in the source, a type the extractor does not read, the contract (v1.0.0) says decimal(14,2)',
      );
    } finally {
      await source.close();
    }
  });
});
