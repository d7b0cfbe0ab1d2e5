import * as path from 'node:path';
import { Client } from 'pg';
import { exitCodeFor, ExitCode, TransientError, type RunParameters } from '@northstar/core';
import { LocalObjectStore } from '@northstar/object-store';
import { loadSqlTemplate, postgresDialect, renderSql } from '@northstar/sql';
import { extractOrdersDb } from './extract-orders-db';
import { OrdersDbSource } from './orders-db-source';
import { ordersStream } from './streams/orders.stream';
import { ADMIN_URL, OrdersDbFixture, terminateSessions } from './testing';

const insertManyOrdersSql = loadSqlTemplate(path.join(__dirname, '../sql/testing/insert_many_orders.sql'));
const config = { initialStart: new Date('2020-01-01T00:00:00Z'), lookbackMs: 0, safetyLagMs: 0, openWriterWarnMs: 900_000 };

/** A local store whose part uploads fail, as S3 answering 503 would. */
class FailingUploads extends LocalObjectStore {
  override async putFile(): Promise<void> {
    throw new TransientError('S3 answered 503 Slow Down');
  }
}

async function sessionsOf(applicationName: string): Promise<number> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where application_name = $1', [applicationName]);
    return Number(rows[0]['n']);
  } finally {
    await admin.end();
  }
}

describe('OrdersDbSource on PostgreSQL: failures', () => {
  let fixture: OrdersDbFixture;

  beforeAll(async () => {
    fixture = await OrdersDbFixture.open('source_failure', new Date('2026-11-02T00:00:00Z'));
    const writer = await fixture.connect();
    try {
      const { sql, binds } = renderSql(insertManyOrdersSql, postgresDialect, { params: { first_id: 50_000_000, count: 200_000 } });
      await writer.query(sql, binds as unknown[]);
    } finally {
      await writer.end();
    }
  }, 60_000);

  afterAll(async () => {
    await fixture.dispose();
  });

  it('fails the run with the upload error while a COPY is still streaming, and closes without waiting for the COPY', async () => {
    const applicationName = 'northstar-test-abandoned-copy';
    const source = await OrdersDbSource.connect(fixture.database.url, applicationName);
    const base = await fixture.deps(config);
    await base.source.close();
    const deps = { ...base, source, store: new FailingUploads(fixture.dir) };
    const run: RunParameters = { mode: 'backfill', scheduledAt: new Date(), window: { start: config.initialStart, end: new Date() }, runId: 'abandoned-copy' };

    const failure = await extractOrdersDb(run, [ordersStream], deps).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(TransientError);
    expect(exitCodeFor(failure)).toBe(ExitCode.transient);

    // Before, close() sent commit behind the COPY's unread rows and waited for ever.
    await source.close();
    for (let i = 0; i < 50 && (await sessionsOf(applicationName)) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await sessionsOf(applicationName)).toBe(0);
  }, 30_000);

  it('turns a session the server ends between statements into a retryable failure, not a crash', async () => {
    const applicationName = 'northstar-test-terminated';
    const source = await OrdersDbSource.connect(fixture.database.url, applicationName);
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await terminateSessions(admin, applicationName);
      for (let i = 0; i < 50 && (await sessionsOf(applicationName)) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const failure = await source.observedColumns('orders').then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(TransientError);
      expect((failure as Error).message).toMatch(/^orders DB: reading the columns of "orders": /);
      await source.close();
    } finally {
      await admin.end();
    }
  });

  it('turns a session the server ends during a COPY into a retryable failure, and closes without waiting', async () => {
    const applicationName = 'northstar-test-terminated-copy';
    const source = await OrdersDbSource.connect(fixture.database.url, applicationName);
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      let received = 0;
      const failure = await (async () => {
        for await (const chunk of source.copyWindow('orders', ordersStream.contract, { start: config.initialStart, end: new Date('2100-01-01T00:00:00Z') })) {
          if (received === 0) {
            await terminateSessions(admin, applicationName);
          }
          received += chunk.length;
        }
      })().then(() => undefined, (error: unknown) => error);
      expect(received).toBeGreaterThan(0);
      expect(failure).toBeInstanceOf(TransientError);
      expect((failure as Error).message).toMatch(/^orders DB: reading "orders": terminating connection due to administrator command/);
      await source.close();
      expect(await sessionsOf(applicationName)).toBe(0);
    } finally {
      await admin.end();
    }
  });

  it('refuses a database that does not exist as a configuration error (exit 2), not a retry', async () => {
    const url = new URL(fixture.database.url);
    url.pathname = '/northstar_no_such_database';
    const failure = await OrdersDbSource.connect(url.toString(), 'northstar-test').then(() => undefined, (error: unknown) => error);
    expect(exitCodeFor(failure)).toBe(ExitCode.badInput);
    expect((failure as Error).message).toMatch(/cannot connect to the orders DB at .*northstar_no_such_database.*does not exist/);
  });
});
