import { curatedDomains, sourceRegistry } from '@northstar/contracts';
import { loadModelCatalog, orderByDependencies, type Model } from './model-catalog';
import { modelsOfDomain, modelsOfSource, sourcesRead } from './source-models';

const model = (name: string, dependsOn: string[]): Model =>
  ({ name, layer: 'curated', target: `curated.${name}`, dependsOn, tracks: dependsOn.length ? [{ table: 'x.y', column: 'z' }] : [], template: { file: `${name}.sql`, name, header: {}, dependsOn, body: '' } }) as Model;

// stg_charges reads Stripe alone; fct_payments joins it to the orders; dim_date is static.
const models = orderByDependencies([
  model('stg_orders', ['raw.orders_db__orders']),
  model('stg_charges', ['raw.stripe__charges']),
  model('dim_date', []),
  model('fct_orders', ['stg_orders', 'dim_date']),
  model('fct_payments', ['stg_charges', 'fct_orders']),
  model('payments_view', ['fct_payments']),
]);
const names = (list: readonly Model[]) => list.map((m) => m.name);

describe('models by the sources they read', () => {
  it('knows the sources each model reads, through its upstream models', () => {
    const read = sourcesRead(models);
    expect([...read.get('fct_orders')!]).toEqual(['orders_db']);
    expect([...read.get('payments_view')!].sort()).toEqual(['orders_db', 'stripe']);
    expect(read.get('dim_date')!.size).toBe(0);
  });

  it('a source load runs the models reading it alone, never one that waits for another source', () => {
    expect(names(modelsOfSource(models, { name: 'orders_db' }, ['raw.orders_db__orders']))).toEqual(['dim_date', 'stg_orders', 'fct_orders']);
    expect(names(modelsOfSource(models, { name: 'stripe' }, ['raw.stripe__charges']))).toEqual(['dim_date', 'stg_charges']);
  });

  it('a domain job runs its models reading several sources, and what is downstream of them', () => {
    expect(names(modelsOfDomain(models, { name: 'payments', models: ['fct_payments'] }))).toEqual(['fct_payments', 'payments_view']);
    expect(() => modelsOfDomain(models, { name: 'payments', models: ['fct_payment'] })).toThrow('domain payments: no model named fct_payment');
  });

  it("every registered domain's models exist and read only the sources feeding the domain", () => {
    const catalog = loadModelCatalog();
    const read = sourcesRead(catalog);
    for (const domain of curatedDomains(sourceRegistry)) {
      for (const name of domain.models) {
        expect(read.get(name)).toBeDefined();
        expect([...read.get(name)!].filter((s) => !(domain.sources as readonly string[]).includes(s))).toEqual([]);
      }
    }
    const orders = names(modelsOfSource(catalog, { name: 'orders_db' }, sourceRegistry[0].contracts.map((c) => `raw.orders_db__${c.entity}`)));
    expect(orders).toEqual(expect.arrayContaining(['stg_orders_db__orders', 'fct_orders', 'fct_order_items', 'dim_customer', 'dim_product']));
  });
});
