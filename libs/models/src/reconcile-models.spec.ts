import { duckdbDialect, renderStatements, snowflakeDialect } from '@northstar/sql';
import { loadModelCatalog } from './model-catalog';

describe('hard-delete reconciliation models, generated from contracts', () => {
  const reconciles = loadModelCatalog().filter((m) => m.name.startsWith('reconcile_'));

  it('exist for every orders DB entity with a staging model, tracking that entity key set', () => {
    expect(reconciles.map((m) => m.name).sort()).toEqual(['reconcile_orders_db__customers', 'reconcile_orders_db__order_items', 'reconcile_orders_db__orders', 'reconcile_orders_db__products']);
    const orders = reconciles.find((m) => m.name === 'reconcile_orders_db__orders')!;
    expect(orders.dependsOn).toEqual(['stg_orders_db__orders', 'raw.orders_db__orders_keys']);
    expect(orders.tracks).toEqual([{ table: 'raw.orders_db__orders_keys', column: '_loaded_at' }]);
  });

  it.each([duckdbDialect, snowflakeDialect])('renders one MERGE per entity with its own tables and key (%s)', (dialect) => {
    for (const model of reconciles) {
      const statements = renderStatements(model.template, dialect, { params: { batch_end: new Date(0), now: new Date(0) }, idents: model.idents });
      expect(statements).toHaveLength(1);
      const [merge] = statements;
      expect(merge.sql).not.toContain('{{');
      expect(merge.sql).toContain(`merge into ${model.idents!['staging_table']} as target`);
      expect(merge.sql).toContain(`from ${model.idents!['key_set_table']} as key_set`);
      expect(merge.sql).toContain(`on target.${model.idents!['staged_key']} = source.business_key`);
    }
  });
});
