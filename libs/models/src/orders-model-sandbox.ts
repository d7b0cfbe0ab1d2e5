import { silentLogger } from '@northstar/core';
import { contractFor, keySetContract, type Contract } from '@northstar/contracts';
import { renderSql } from '@northstar/sql';
import { ensureWarehouseSchemas, type BindValue, type Row } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { loadModelCatalog, type Model } from './model-catalog';
import { runModels, type ModelRunResult } from './model-runner';
import { landRawRows } from './testing';

export type OrdersDbEntity = 'customers' | 'products' | 'orders' | 'order_items';

/**
 * A temporary DuckDB warehouse with the orders models: land raw rows (or a
 * nightly key set), run every model, query the result. One clock drives
 * _loaded_at and the models' `now`, as in the load app.
 */
export class OrdersModelSandbox {
  private tick = 0;
  private runs = 0;

  private constructor(
    private readonly db: TempDuckDb,
    readonly models: readonly Model[],
  ) {}

  /** `models` lets a spec run altered models (another engine's semantics) on the same data. */
  static async open(models: readonly Model[] = loadModelCatalog()): Promise<OrdersModelSandbox> {
    const db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    return new OrdersModelSandbox(db, models);
  }

  readonly clock = (): Date => new Date(Date.UTC(2026, 10, 2, 8, 0, 0) + ++this.tick);

  async land(entity: OrdersDbEntity, rows: readonly Record<string, BindValue>[], extractedAt = '2026-11-02 07:00:00+00', runId = `r${++this.runs}`): Promise<void> {
    await landRawRows(this.db.warehouse, contractFor('orders_db', entity), rows, { runId, extractedAt, loadedAt: this.clock() });
  }

  /** Rows of another source's entity (Stripe, Zendesk), for models that read it beside the orders DB. */
  async landRows(contract: Contract, rows: readonly Record<string, BindValue>[], extractedAt = '2026-11-02 07:00:00+00', runId = `r${++this.runs}`): Promise<void> {
    await landRawRows(this.db.warehouse, contract, rows, { runId, extractedAt, loadedAt: this.clock() });
  }

  /** A nightly key set: the keys still in the source when it was extracted. */
  async landKeys(entity: OrdersDbEntity, keys: readonly Record<string, BindValue>[], extractedAt: string, runId = `k${++this.runs}`): Promise<void> {
    const contract: Contract = keySetContract(contractFor('orders_db', entity));
    await landRawRows(this.db.warehouse, contract, keys, { runId, extractedAt, loadedAt: this.clock() });
  }

  /** The models over what landed; `runId` is stamped on every row they write, as a pipeline run's own id. */
  async run(runId = `m${++this.runs}`): Promise<ModelRunResult[]> {
    return runModels(this.models, { warehouse: this.db.warehouse, logger: silentLogger(), clock: this.clock, runId });
  }

  async query<T extends Row = Row>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.db.warehouse.query<T>(renderSql(sql, this.db.warehouse.dialect, { params }));
  }

  get warehouse() {
    return this.db.warehouse;
  }

  dispose(): Promise<void> {
    return this.db.dispose();
  }
}
