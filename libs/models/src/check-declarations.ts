import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadSqlTemplate, type SqlTemplate } from '@northstar/sql';
import { z } from 'zod';
import type { CheckScope } from './check-scope';
import { modelsSqlDir, type Model } from './model-catalog';

const severity = z.enum(['error', 'warn']);
const scope = z.enum(['batch', 'table']).default('batch');
const column = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case column name');
const modelName = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a model name');
const rawTable = z.string().regex(/^raw\.[a-z_][a-z0-9_]*$/, 'raw.<table>');

const declaration = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not_null'), columns: z.array(column).min(1), severity, scope }).strict(),
  z.object({ kind: z.literal('accepted_values'), column, values: z.array(z.string().regex(/^[^,]+$/, 'a value without a comma')).min(1), severity, scope }).strict(),
  z.object({ kind: z.literal('relationship'), column, to: modelName, toColumn: column, inferredColumn: column.optional(), severity, scope }).strict(),
  z.object({ kind: z.literal('reconcile_rows'), from: z.union([rawTable, modelName]), to: modelName.optional(), severity, scope }).strict(),
  z.object({ kind: z.literal('reconcile_sum'), from: modelName, column, severity, scope }).strict(),
  z.object({ kind: z.literal('freshness'), column, maxAgeMinutes: z.number().int().positive(), severity }).strict(),
]);

/** `<model>.checks.json`, beside the model's .sql: the model's key (for samples) and its checks. */
const checksFile = z.object({ key: column, checks: z.array(declaration).min(1) }).strict();
export type CheckDeclaration = z.infer<typeof declaration>;

/** A check declared as data beside its model, rendered from a shared template. */
export interface DeclaredCheck {
  readonly name: string;
  readonly table: string;
  readonly severity: 'error' | 'warn';
  readonly scope: CheckScope;
  readonly template: SqlTemplate;
  readonly idents: Readonly<Record<string, string>>;
  /** Bind values besides :run_id; `stale_before` is computed per run from `maxAgeMinutes` (freshnessCutoff). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly maxAgeMinutes?: number;
}

const templateNamed = (name: string) => loadSqlTemplate(path.join(modelsSqlDir, 'templates', `${name}.sql`));

/** Every model's declared checks: models without a `.checks.json` beside them have none. */
export function declaredChecks(models: readonly Model[]): DeclaredCheck[] {
  return models.flatMap((model) => {
    const file = path.join(path.dirname(model.template.file), `${model.name}.checks.json`);
    if (!existsSync(file)) return [];
    const parsed = checksFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
    }
    const targets = new Map(models.map((m) => [m.name, m.target]));
    const targetOf = (name: string) => {
      const target = name.startsWith('raw.') ? name : targets.get(name);
      if (!target) throw new Error(`${file}: "${name}" is not a model`);
      return target;
    };
    return parsed.data.checks.flatMap((d) => checksOf(model, parsed.data.key, d, targetOf));
  });
}

function checksOf(model: Model, key: string, d: CheckDeclaration, targetOf: (name: string) => string): DeclaredCheck[] {
  // Freshness is the table's newest value, judged every run (hourly included): a batch scope with no batch in its name.
  const base = { table: model.target, severity: d.severity, scope: d.kind === 'freshness' ? 'batch' as const : d.scope };
  const suffix = base.scope === 'table' || d.kind === 'freshness' ? '' : '_in_batch';
  const make = (rule: string, template: string, idents: Record<string, string>, params: Record<string, unknown> = {}, dependsOn: string[] = [model.name], over: Partial<DeclaredCheck> = {}): DeclaredCheck => {
    const name = `${over.name ?? `${model.name}_${rule}`}${suffix}`;
    const t = templateNamed(template);
    return {
      ...base, idents: { table: model.target, key, ...idents }, params: { whole_table: base.scope === 'table', ...params }, ...over, name,
      template: { ...t, name, dependsOn, header: { ...t.header, name, 'depends-on': dependsOn.join(', '), table: over.table ?? model.target } },
    };
  };
  switch (d.kind) {
    case 'not_null':
      return d.columns.map((c) => make(`not_null_${c}`, 'check_not_null', { column: c }));
    case 'accepted_values':
      return [make(`accepted_values_${d.column}`, 'check_accepted_values', { column: d.column }, { accepted: `,${d.values.join(',')},` })];
    case 'relationship': {
      const idents = { column: d.column, parent: targetOf(d.to), parent_column: d.toColumn };
      const orphans = make(`relationship_${d.column}`, 'check_relationship', idents, {}, [model.name, d.to]);
      if (!d.inferredColumn) return [orphans];
      return [orphans, make(`inferred_${d.column}`, 'check_inferred_members', { ...idents, inferred: d.inferredColumn }, {}, [model.name, d.to], { severity: 'warn' })];
    }
    case 'reconcile_rows': {
      // Named for the layer it checks, so raw -> staging declared beside a curated model reads as staging's.
      const to = d.to ?? model.name;
      const upstream = targetOf(d.from);
      const name = `${to}_reconcile_rows_from_${layerName(upstream)}`;
      return [make('', 'check_reconcile_rows', { table: targetOf(to), upstream }, {}, [d.from, to].filter((n) => !n.startsWith('raw.')), { table: targetOf(to), name })];
    }
    case 'reconcile_sum':
      return [make(`reconcile_sum_${d.column}`, 'check_reconcile_sum', { upstream: targetOf(d.from), column: d.column }, {}, [d.from, model.name])];
    case 'freshness':
      return [make(`freshness_${d.column}`, 'check_freshness', { column: d.column }, {}, [model.name], { maxAgeMinutes: d.maxAgeMinutes })];
  }
}

/** raw.orders_db__orders -> raw, staging.stg_x -> staging: names say which layers a reconciliation spans. */
function layerName(target: string): string {
  return target.split('.')[0];
}

/** The instant before which a freshness check's newest value is stale: the run's scheduled time less the allowed age. */
export function freshnessCutoff(check: { readonly maxAgeMinutes?: number }, asOf: Date): Date | undefined {
  return check.maxAgeMinutes === undefined ? undefined : new Date(asOf.getTime() - check.maxAgeMinutes * 60_000);
}
