import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { loadSqlTemplate } from '@northstar/sql';
import { loadModelCatalog, modelsSqlDir, orderByDependencies, type Model } from './model-catalog';
import { loadQualityChecks } from './quality-checks';

function sqlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sqlFilesUnder(path.join(dir, e.name)) : e.name.endsWith('.sql') ? [path.join(dir, e.name)] : [],
  );
}

describe('model catalog', () => {
  const models = loadModelCatalog();

  it('finds the models of the orders slice, upstream first', () => {
    const names = models.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['stg_orders_db__orders', 'fct_orders']));
    expect(names.indexOf('stg_orders_db__orders')).toBeLessThan(names.indexOf('fct_orders'));
  });

  it('gives every model a header naming its grain, keys and what it tracks', () => {
    for (const model of models) {
      expect(model.template.header['grain']).toBeTruthy();
      expect(model.template.header['keys']).toBeTruthy();
      expect(model.tracks).toBeDefined();
      expect(model.target).toBe(`${model.layer}.${model.name}`);
    }
  });

  it('every .sql file in the library has a header whose name matches its file', () => {
    for (const file of sqlFilesUnder(modelsSqlDir)) {
      expect(loadSqlTemplate(file).name).toBe(path.basename(file, '.sql'));
    }
  });

  it('refuses a cycle and an unknown dependency', () => {
    const model = (name: string, dependsOn: string[]): Model =>
      ({ name, layer: 'curated', target: `curated.${name}`, dependsOn, template: { file: `${name}.sql`, name, header: {}, dependsOn, body: '' } }) as Model;
    expect(() => orderByDependencies([model('a', ['b']), model('b', ['a'])])).toThrow(/cycle: a -> b -> a/);
    expect(() => orderByDependencies([model('a', ['nope'])])).toThrow(/unknown model "nope"/);
    expect(orderByDependencies([model('b', ['a']), model('a', ['raw.x'])]).map((m) => m.name)).toEqual(['a', 'b']);
  });

  it('loads quality checks with a severity and the table they check', () => {
    const checks = loadQualityChecks();
    expect(checks.map((c) => c.name)).toEqual(expect.arrayContaining(['raw_orders_null_business_key', 'fct_orders_duplicate_order']));
    for (const check of checks) expect(['error', 'warn']).toContain(check.severity);
  });
});
