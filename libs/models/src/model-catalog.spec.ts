import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createsView, duckdbDialect, loadSqlTemplate, snowflakeDialect } from '@northstar/sql';
import { renderModel } from './render-model';
import { refreshClosure } from './full-refresh';
import { downstreamOf, loadModelCatalog, modelsSqlDir, orderByDependencies, type Model } from './model-catalog';
import { loadQualityChecks } from './quality-checks';
import { sourcesRead } from './source-models';

function sqlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sqlFilesUnder(path.join(dir, e.name)) : e.name.endsWith('.sql') ? [path.join(dir, e.name)] : [],
  );
}

describe('model catalog', () => {
  const models = loadModelCatalog();
  const model = (name: string, dependsOn: string[]): Model =>
    ({ name, layer: 'curated', target: `curated.${name}`, dependsOn, tracks: [], template: { file: `${name}.sql`, name, header: {}, dependsOn, body: '' } }) as Model;

  it('finds the orders models, each after what it reads', () => {
    const names = models.map((m) => m.name);
    const entities = ['customers', 'products', 'orders', 'order_items'];
    expect(names).toEqual(expect.arrayContaining([
      ...entities.flatMap((e) => [`stg_orders_db__${e}`, `reconcile_orders_db__${e}`]),
      'dim_customer', 'dim_product', 'dim_date', 'fct_orders', 'fct_order_items',
    ]));
    const before = (a: string, b: string) => expect(names.indexOf(a)).toBeLessThan(names.indexOf(b));
    for (const e of entities) before(`stg_orders_db__${e}`, `reconcile_orders_db__${e}`);
    before('reconcile_orders_db__orders', 'fct_orders');
    before('reconcile_orders_db__order_items', 'fct_order_items');
    before('reconcile_orders_db__products', 'dim_product');
    before('reconcile_orders_db__customers', 'dim_customer');
    before('dim_customer', 'fct_orders');
    before('fct_orders', 'fct_order_items');
  });

  it('gives every model a header naming its grain and keys, and what it tracks unless it is static', () => {
    for (const model of models) {
      expect(model.template.header['grain']).toBeTruthy();
      expect(model.template.header['keys']).toBeTruthy();
      expect(model.target).toBe(`${model.layer}.${model.name}`);
      // A view tracks nothing: its DDL replaces it on every run.
      if (model.tracks.length === 0 && model.layer !== 'analytics') expect(model.dependsOn).toEqual([]);
    }
    expect(models.find((m) => m.name === 'fct_orders')?.tracks).toEqual([
      { table: 'staging.stg_orders_db__orders', column: '_staged_at' },
      { table: 'curated.dim_customer', column: '_merged_at' },
    ]);
    // the delete flag reaches dim_customer through staging alone (the reconciliation lands no raw version)
    expect(models.find((m) => m.name === 'dim_customer')?.tracks).toEqual([
      { table: 'raw.orders_db__customers', column: '_loaded_at' },
      { table: 'staging.stg_orders_db__customers', column: '_staged_at' },
      { table: 'staging.stg_orders_db__orders', column: '_staged_at' },
    ]);
    expect(models.find((m) => m.name === 'dim_date')?.tracks).toEqual([]);
  });

  it('builds each static table by one create-table-as: every load runs it, at once on Batch, and two inserts into an empty table would each write it', () => {
    const statics = models.filter((m) => m.tracks.length === 0 && !createsView(m.template.body));
    expect(statics.map((m) => m.name)).toEqual(['dim_date']);
    for (const model of statics) {
      for (const dialect of [duckdbDialect, snowflakeDialect]) {
        const statements = renderModel(model, dialect, { processed_through: new Date(0), batch_end: new Date(0), now: new Date(0), run_id: 'spec' });
        expect(statements).toHaveLength(1);
        expect(statements[0].sql).toMatch(/^create table if not exists curated\.dim_date as\s+select/);
      }
    }
  });

  it('runs, after a raw load, what is downstream, the static models, and what those read', () => {
    const names = downstreamOf(models, ['raw.orders_db__orders_keys']).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['reconcile_orders_db__orders', 'stg_orders_db__orders', 'dim_customer', 'fct_orders', 'fct_order_items', 'dim_date']));
    // fct_orders reads dim_customer, which reads the customers staging table the customers reconciliation flags
    expect(names).toContain('reconcile_orders_db__customers');
    const unrelated = orderByDependencies([model('a', ['raw.x']), model('b', ['raw.y']), model('c', ['a', 'b']), model('e', ['raw.z'])]);
    expect(downstreamOf(unrelated, ['raw.x']).map((m) => m.name)).toEqual(['a', 'b', 'c']);
  });

  it('every .sql file in the library has a header whose name matches its file', () => {
    for (const file of sqlFilesUnder(modelsSqlDir)) {
      expect(loadSqlTemplate(file).name).toBe(path.basename(file, '.sql'));
    }
  });

  it('refuses a cycle and an unknown dependency', () => {
    expect(() => orderByDependencies([model('a', ['b']), model('b', ['a'])])).toThrow(/cycle: a -> b -> a/);
    expect(() => orderByDependencies([model('a', ['nope'])])).toThrow(/unknown model "nope"/);
    expect(orderByDependencies([model('b', ['a']), model('a', ['raw.x'])]).map((m) => m.name)).toEqual(['a', 'b']);
  });

  it('orders an optional input first without counting it as read: no source, no refresh, no upstream run', () => {
    const orders = models.find((m) => m.name === 'orders')!;
    expect(orders.optionalInputs?.map((m) => m.name)).toEqual(['fct_order_shipment_times']);
    const names = models.map((m) => m.name);
    expect(names.indexOf('fct_order_shipment_times')).toBeLessThan(names.indexOf('orders'));
    expect([...sourcesRead(models).get('orders')!]).toEqual(['orders_db']);
    expect(downstreamOf(models, ['raw.orders_db__orders']).map((m) => m.name)).not.toContain('fct_order_shipment_times');
    expect(refreshClosure(models, ['fct_shipments']).map((m) => m.name)).toEqual(['fct_shipments', 'fct_order_shipment_times', 'shipments']);
  });

  it('refuses an optional input that is unknown or a view (only a table can be created empty)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'catalog-'));
    try {
      mkdirSync(path.join(root, 'analytics'));
      const write = (name: string, optional: string) =>
        writeFileSync(path.join(root, 'analytics', `${name}.sql`), `-- name: ${name}\n-- depends-on: none\n-- optional-depends-on: ${optional}\n-- tracks: none\n--\ncreate or replace view analytics.${name} as select 1 as x;\n`);
      write('a', 'nope');
      expect(() => loadModelCatalog(root)).toThrow(/a\.sql: optional-depends-on names unknown model "nope"/);
      write('a', 'b');
      write('b', '');
      expect(() => loadModelCatalog(root)).toThrow(/a\.sql: optional-depends-on "b" is a view/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('loads quality checks with a severity and the table they check', () => {
    const checks = loadQualityChecks();
    expect(checks.map((c) => c.name)).toEqual(expect.arrayContaining(['raw_orders_null_business_key', 'fct_orders_unique_order_id', 'dim_customer_one_current_version', 'dim_customer_overlapping_ranges', 'dim_customer_split_delete_flag', 'fct_order_items_orphan_line']));
    for (const check of checks) expect(['error', 'warn']).toContain(check.severity);
  });
});
