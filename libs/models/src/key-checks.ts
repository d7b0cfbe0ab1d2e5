import * as path from 'node:path';
import { columnList, declaresColumns, duckdbDialect, fragment, loadSqlTemplate, parseCreateTable, type Dialect, type SqlFragment, type SqlTemplate } from '@northstar/sql';
import type { CheckScope } from './check-scope';
import { modelsSqlDir, type Model } from './model-catalog';
import { renderModel } from './render-model';

/** A quality check rendered from a shared template (its key bound per model). */
export interface GeneratedCheck {
  readonly name: string;
  readonly table: string;
  readonly severity: 'error';
  readonly scope: CheckScope;
  readonly template: SqlTemplate;
  readonly idents: Readonly<Record<string, string>>;
  readonly fragments: (dialect: Dialect) => Readonly<Record<string, SqlFragment>>;
}

const templateNamed = (file: string) => loadSqlTemplate(path.join(modelsSqlDir, 'templates', file));
const rules = [
  { rule: 'unique', scope: 'table', template: templateNamed('check_unique_key.sql') },
  { rule: 'unique', scope: 'batch', template: templateNamed('check_unique_key_in_batch.sql') },
  { rule: 'not_null', scope: 'table', template: templateNamed('check_not_null_key.sql') },
  { rule: 'not_null', scope: 'batch', template: templateNamed('check_not_null_key_in_batch.sql') },
] as const;

const names = String.raw`[a-z_][a-z0-9_]*(?:\s*,\s*[a-z_][a-z0-9_]*)*`;
/** `a` or `a, b` (a staging key), `a unique` or `(a, b) unique` (a curated grain beside its surrogate key). */
const keyPart = new RegExp(String.raw`^(?:(${names})|\(?\s*(${names})\s*\)?\s+unique)$`);

/**
 * The unique and not-null checks of each model's grain, from its header's
 * `keys:`, for every key the model's table declares, composite or not:
 * `stg_orders_db__orders_unique_order_id`, `dim_customer_unique_customer_id_valid_from`.
 * Whole-table checks run nightly; the `_in_batch` twins, for tables with a
 * `_run_id`, check the keys the run wrote. A surrogate key written as an
 * expression (`order_sk = hash_key(order_id)`) is as unique as the columns
 * it hashes, which the header states beside it (`order_id unique`).
 */
export function keyChecks(models: readonly Model[]): GeneratedCheck[] {
  return models.flatMap((model) => {
    const declared = declaredColumns(model);
    return headerKeys(model)
      .filter((key) => key.every((column) => declared.has(column)))
      .flatMap((key) => rules.filter(({ scope }) => scope === 'table' || declared.has('_run_id')).map(({ rule, scope, template }) => {
        const name = `${model.name}_${rule}_${key.join('_')}${scope === 'batch' ? '_in_batch' : ''}`;
        return {
          name,
          table: model.target,
          severity: 'error' as const,
          scope,
          template: { ...template, name, dependsOn: [model.name], header: { ...template.header, name, 'depends-on': model.name, table: model.target } },
          idents: { table: model.target },
          fragments: (dialect: Dialect) => keyFragments(key, dialect),
        };
      }));
  });
}

/** The column lists a model's `keys:` header names as keys (parts separated by `;`); expressions and prose are skipped. */
export function headerKeys(model: Model): string[][] {
  return (model.template.header['keys'] ?? '')
    .split(';')
    .map((part) => keyPart.exec(part.trim().toLowerCase()))
    .flatMap((match) => (match ? [(match[1] ?? match[2]).split(',').map((c) => c.trim())] : []))
    .filter((key) => !(key.length === 1 && key[0] === 'none'));
}

function keyFragments(key: readonly string[], dialect: Dialect): Record<string, SqlFragment> {
  const columns = columnList(key, dialect);
  const q = (column: string) => dialect.quoteIdent(column);
  return {
    key_columns: columns,
    // `(a, b) in (select a, b ...)`: both engines compare rows; one column goes bare.
    key_tuple: fragment(key.length > 1 ? `(${columns.sql})` : columns.sql),
    key_is_null: fragment(key.length > 1 ? `(${key.map((c) => `${q(c)} is null`).join(' or ')})` : `${q(key[0])} is null`),
    key_is_not_null: fragment(key.map((c) => `${q(c)} is not null`).join(' and ')),
  };
}

const anyBatch = { processed_through: new Date(0), batch_end: new Date(0), now: new Date(0), run_id: 'key-checks' };

/** The columns the model's create table declares (none for a view). */
function declaredColumns(model: Model): Set<string> {
  const ddl = renderModel(model, duckdbDialect, anyBatch)[0];
  return new Set(ddl && declaresColumns(ddl.sql) ? parseCreateTable(ddl.sql).columns.map((c) => c.name) : []);
}
