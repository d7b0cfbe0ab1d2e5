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
  model('stg_tickets', ['raw.zendesk__tickets']),
  model('fct_tickets', ['stg_tickets', 'fct_orders']),
  model('tickets_with_payments', ['fct_tickets', 'fct_payments']),
]);
const domains = [{ name: 'orders', models: ['fct_orders'] }, { name: 'payments', models: ['fct_payments'] }, { name: 'support', models: ['fct_tickets', 'tickets_with_payments'] }];
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
    expect(names(modelsOfDomain(models, domains[1], domains))).toEqual(['fct_payments', 'payments_view']);
    expect(() => modelsOfDomain(models, { name: 'payments', models: ['fct_payment'] }, domains)).toThrow('domain payments: no model named fct_payment');
  });

  it('a domain job stops at the models another domain claims: they run in their own job, under its lock', () => {
    // fct_orders reads one source, and the payments and support models read it: the orders domain runs none of them.
    expect(names(modelsOfDomain(models, domains[0], domains))).toEqual([]);
    expect(names(modelsOfDomain(models, domains[2], domains))).toEqual(['fct_tickets', 'tickets_with_payments']);
    const registered = curatedDomains(sourceRegistry);
    const catalog = loadModelCatalog();
    const claimed = registered.flatMap((d) => modelsOfDomain(catalog, d, registered).map((m) => m.name));
    expect(claimed.length).toBeGreaterThan(0);
    expect(new Set(claimed).size).toBe(claimed.length);
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
