import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { silentLogger } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import { loadCommittedRuns, type ShardSpec } from '@northstar/extract';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { createScratchDatabase, OrdersDbSandbox, type ScratchDatabase } from '@northstar/sandbox';
import { loadSqlTemplate, postgresDialect, renderSql } from '@northstar/sql';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import type { OrdersDbExtractionDeps } from './extract-orders-db';
import { OrdersDbSource } from './orders-db-source';

/** The real PostgreSQL server the specs use; they fail, not skip, when it is down. */
export const ADMIN_URL = process.env['NORTHSTAR_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const insertOrderNowSql = loadSqlTemplate(path.join(__dirname, '../sql/testing/insert_order_now.sql'));
const terminateBackendSql = loadSqlTemplate(path.join(__dirname, '../sql/testing/terminate_backend.sql'));

/** Ends every session of `applicationName` through `admin`, as a failover or an operator would. */
export async function terminateSessions(admin: Client, applicationName: string): Promise<void> {
  const terminate = renderSql(terminateBackendSql, postgresDialect, { params: { application_name: applicationName } });
  await admin.query(terminate.sql, terminate.binds as unknown[]);
}

/** A scratch orders DB seeded by the sandbox, a local raw zone and a DuckDB warehouse. */
export class OrdersDbFixture {
  private constructor(
    readonly database: ScratchDatabase,
    readonly sandbox: OrdersDbSandbox,
    readonly dir: string,
    readonly store: LocalObjectStore,
    readonly parquet: ParquetWriter,
    readonly duck: TempDuckDb,
  ) {}

  static async open(label: string, start: Date, scale = 0.01): Promise<OrdersDbFixture> {
    const name = `northstar_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const database = await createScratchDatabase(ADMIN_URL, name);
    const sandbox = await OrdersDbSandbox.connect(database.url, { scale, start });
    await sandbox.createSchema();
    await sandbox.seed();
    const dir = await mkdtemp(path.join(tmpdir(), 'extract-orders-db-'));
    const duck = await openTempDuckDb();
    await ensureWarehouseSchemas(duck.warehouse);
    const parquet = await ParquetWriter.open({ tempDir: dir, threads: 1 });
    return new OrdersDbFixture(database, sandbox, dir, new LocalObjectStore(path.join(dir, 'raw')), parquet, duck);
  }

  /** Extraction deps around a fresh snapshot (taken as `url`'s user, default the owner); close the source when done. */
  async deps(config: OrdersDbExtractionDeps['config'], shard?: ShardSpec, url = this.database.url): Promise<OrdersDbExtractionDeps> {
    const source = await OrdersDbSource.connect(url, 'northstar-test');
    return {
      config, source, shard,
      warehouse: this.duck.warehouse,
      store: this.store,
      parquet: this.parquet,
      maskKey: undefined,
      rowsPerPart: 500,
      tempDir: this.dir,
      logger: silentLogger(),
      clock: () => new Date(),
    };
  }

  load(contract: Contract) {
    return loadCommittedRuns(contract, { warehouse: this.duck.warehouse, store: this.store, logger: silentLogger(), clock: () => new Date(), runId: 'test-load' });
  }

  query<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
    return this.duck.warehouse.query<T>({ sql, binds: [] });
  }

  /** A connection of its own to the orders DB, for writers and direct checks. */
  async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    await client.query("set TimeZone = 'UTC'");
    return client;
  }

  /** Begins a transaction on `client` and inserts an order stamped now(); returns the stamp. */
  async beginWriterStampingNow(client: Client, orderId: number): Promise<Date> {
    await client.query('begin');
    return this.insertOrderStampingNow(client, orderId);
  }

  /** Inserts an order stamped now() in `client`'s current transaction; returns the stamp. */
  async insertOrderStampingNow(client: Client, orderId: number): Promise<Date> {
    const { sql, binds } = renderSql(insertOrderNowSql, postgresDialect, { params: { order_id: orderId } });
    const result = await client.query(sql, binds as unknown[]);
    return result.rows[0]['updated_at'] as Date;
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([this.sandbox.close(), this.parquet.close(), this.duck.dispose()]);
    await this.database.drop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
