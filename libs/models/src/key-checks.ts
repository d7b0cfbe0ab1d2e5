import * as path from 'node:path';
import { declaresColumns, duckdbDialect, loadSqlTemplate, parseCreateTable, type SqlTemplate } from '@northstar/sql';
import type { CheckScope } from './check-scope';
import { modelsSqlDir, type Model } from './model-catalog';
import { renderModel } from './render-model';

/** A quality check rendered from a shared template (its identifiers bound per model). */
export interface GeneratedCheck {
  readonly name: string;
  readonly table: string;
  readonly severity: 'error';
  readonly scope: CheckScope;
  readonly template: SqlTemplate;
  readonly idents: Readonly<Record<string, string>>;
}

const templateNamed = (file: string) => loadSqlTemplate(path.join(modelsSqlDir, 'templates', file));
const rules = [
  { rule: 'unique', scope: 'table', template: templateNamed('check_unique_key.sql') },
  { rule: 'unique', scope: 'batch', template: templateNamed('check_unique_key_in_batch.sql') },
  { rule: 'not_null', scope: 'table', template: templateNamed('check_not_null_key.sql') },
  { rule: 'not_null', scope: 'batch', template: templateNamed('check_not_null_key_in_batch.sql') },
] as const;

/**
 * The unique and not-null checks of each model's grain, from its header's
 * `keys:` when that is one column (`product_id`), named for the model and so
 * its source: `stg_orders_db__orders_unique_order_id`. Hand-written checks
 * are left for business rules and for keys a single column does not express.
 */
export function keyChecks(models: readonly Model[]): GeneratedCheck[] {
  return models.flatMap((model) => {
    const key = singleColumnKey(model);
    if (!key) return [];
    return rules.map(({ rule, scope, template }) => {
      const name = `${model.name}_${rule}_${key}${scope === 'batch' ? '_in_batch' : ''}`;
      return {
        name,
        table: model.target,
        severity: 'error' as const,
        scope,
        template: { ...template, name, dependsOn: [model.name], header: { ...template.header, name, 'depends-on': model.name, table: model.target } },
        idents: { table: model.target, key },
      };
    });
  });
}

/** The key column when `keys:` names exactly one column the model's table declares. */
function singleColumnKey(model: Model): string | undefined {
  const keys = model.template.header['keys']?.trim() ?? '';
  if (!/^[a-z_][a-z0-9_]*$/.test(keys) || keys === 'none') return undefined;
  return declaredColumns(model).has(keys) ? keys : undefined;
}

const anyBatch = { processed_through: new Date(0), batch_end: new Date(0), now: new Date(0), run_id: 'key-checks' };

/** The columns the model's create table declares (none for a view). */
function declaredColumns(model: Model): Set<string> {
  const ddl = renderModel(model, duckdbDialect, anyBatch)[0];
  return new Set(ddl && declaresColumns(ddl.sql) ? parseCreateTable(ddl.sql).columns.map((c) => c.name) : []);
}
