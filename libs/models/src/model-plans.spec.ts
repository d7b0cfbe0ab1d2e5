import * as path from 'node:path';
import { createsView, fragment, loadSqlTemplate, renderSql, type RenderedSql } from '@northstar/sql';
import { loadModelCatalog, modelsSqlDir } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { renderModel, type ModelBatch } from './render-model';
import { ordersDbHistory } from './testing';

const explainSql = loadSqlTemplate(path.join(modelsSqlDir, 'testing/explain_statement.sql'));
const selectModelSql = loadSqlTemplate(path.join(modelsSqlDir, 'testing/select_model.sql'));
/** Statements that read data, a create-table-as (a static model) among them; other DDL and comments have no join to plan. */
const READS = /^\s*(merge|insert|update|delete|select|with|create\s+table\s+(?:if\s+not\s+exists\s+)?\S+\s+as\s)/i;

/**
 * Joins whose cost grows with the product of their inputs: a first load of
 * 1.2M orders spent 241 s of 304 s in one BLOCKWISE_NL_JOIN (fct_orders to
 * dim_customer, an `or` in the range condition). DuckDB picks the join
 * operator from the join condition, not from table sizes, so a plan over a few
 * rows shows what a plan over millions would use.
 */
const QUADRATIC_JOINS = /\b(NESTED_LOOP_JOIN|BLOCKWISE_NL_JOIN|CROSS_PRODUCT)\b/g;

const batch: ModelBatch = {
  processed_through: new Date('1970-01-01T00:00:00Z'),
  batch_end: new Date('2100-01-01T00:00:00Z'),
  now: new Date('2026-11-29T10:21:00Z'),
  run_id: 'plan',
};

describe('model plans on DuckDB: no join grows with the product of its inputs', () => {
  let sandbox: OrdersModelSandbox;

  beforeAll(async () => {
    sandbox = await OrdersModelSandbox.open();
    for (const [entity, rows] of ordersDbHistory) await sandbox.land(entity, rows);
    await sandbox.run();
  });

  afterAll(() => sandbox?.dispose());

  async function planOf(statement: RenderedSql): Promise<string> {
    const explain = renderSql(explainSql, sandbox.warehouse.dialect, { fragments: { statement: fragment(statement.sql) } });
    const rows = await sandbox.warehouse.query({ sql: explain.sql, binds: statement.binds });
    return rows.map((row) => Object.values(row).join('\n')).join('\n');
  }

  it('finds the join this spec guards against in a range join with an `or`', async () => {
    const statement = renderSql(
      'select o.order_id from curated.fct_orders as o left join curated.dim_customer as c on c.customer_id = o.customer_id and (c.valid_to is null or o.ordered_at < c.valid_to)',
      sandbox.warehouse.dialect,
    );
    expect((await planOf(statement)).match(QUADRATIC_JOINS)).toEqual(['BLOCKWISE_NL_JOIN']);
  });

  it.each(loadModelCatalog().map((m) => [m.name, m] as const))('%s: every statement plans without one', async (_name, model) => {
    const rendered = renderModel(model, sandbox.warehouse.dialect, batch);
    // A view's query is planned when it is read.
    const statements = createsView(rendered.map((s) => s.sql).join('\n'))
      ? [renderSql(selectModelSql, sandbox.warehouse.dialect, { idents: { target: model.target } })]
      : rendered.filter((s) => READS.test(s.sql));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect((await planOf(statement)).match(QUADRATIC_JOINS)).toBeNull();
  });
});
