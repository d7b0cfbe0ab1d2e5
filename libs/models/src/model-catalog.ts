import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { topologicalOrder } from '@northstar/core';
import { createsView, loadSqlTemplate, type Dialect, type SqlFragment, type SqlTemplate } from '@northstar/sql';
import { declaredParams } from './model-params';
import { reconcileModels } from './reconcile-models';
import { isStagingSelect, stagingModel } from './staging-model';

export type ModelLayer = 'staging' | 'curated' | 'analytics';

export interface Model {
  readonly name: string;
  readonly layer: ModelLayer;
  /** schema.table this model writes. */
  readonly target: string;
  readonly template: SqlTemplate;
  /** Upstream models (by name) and raw tables (as raw.<table>). */
  readonly dependsOn: readonly string[];
  /**
   * The upstream columns whose growth means "new input" (schema.table.column,
   * comma-separated in the header). None: a static model, built whole by one create-table-as.
   */
  readonly tracks: readonly TrackedColumn[];
  /** Identifiers a shared template is rendered with (models generated from contracts). */
  readonly idents?: Readonly<Record<string, string>>;
  /** SQL a shared template is rendered with, built per dialect (staging models: their columns, key and hash). */
  readonly fragments?: (dialect: Dialect) => Readonly<Record<string, SqlFragment>>;
  /** Numbers its statements bind by name, declared in its header (`params:`; model-params.ts). */
  readonly params?: Readonly<Record<string, number>>;
  /**
   * Tables of other models it reads without waiting for them (`optional-depends-on:`):
   * not sources it reads (its chain neither runs nor waits for them), created
   * empty from their DDL before its own when absent, run before it when both run.
   */
  readonly optionalInputs?: readonly Model[];
}

export interface TrackedColumn {
  readonly table: string;
  readonly column: string;
}

export const modelsSqlDir = path.join(__dirname, '../sql');
const layers: readonly ModelLayer[] = ['staging', 'curated', 'analytics'];

/**
 * Every model under sql/<layer>/ (a staging file that is only a select is
 * rendered on the staging template), plus those generated from contracts, in
 * an order where each comes after what it depends on.
 */
export function loadModelCatalog(root = modelsSqlDir): Model[] {
  const models = layers.flatMap((layer) => sqlFiles(path.join(root, layer)).map((file) => toModel(layer, loadSqlTemplate(file))));
  return orderByDependencies(withOptionalInputs([...models, ...reconcileModels(models)]));
}

/** Resolves each `optional-depends-on:` name to its model; only a table model can be one (its DDL creates it empty). */
function withOptionalInputs(models: readonly Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  return models.map((model) => {
    const names = (model.template.header['optional-depends-on'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) return model;
    const optionalInputs = names.map((name) => {
      const input = byName.get(name);
      if (!input) throw new Error(`${model.template.file}: optional-depends-on names unknown model "${name}"`);
      if (createsView(input.template.body)) throw new Error(`${model.template.file}: optional-depends-on "${name}" is a view; only a table can be created empty`);
      return input;
    });
    return { ...model, optionalInputs };
  });
}

function toModel(layer: ModelLayer, template: SqlTemplate): Model {
  const expected = path.basename(template.file, '.sql');
  if (template.name !== expected) throw new Error(`${template.file}: header name "${template.name}" must match the file name "${expected}"`);
  const tracks = template.header['tracks'];
  const model: Model = {
    name: template.name,
    layer,
    target: `${layer}.${template.name}`,
    template,
    dependsOn: template.dependsOn,
    tracks: tracks && tracks !== 'none' && !tracks.startsWith('none ') ? tracks.split(',').map((t) => parseTracks(t.trim(), template.file)) : [],
    params: declaredParams(template),
  };
  return layer === 'staging' && isStagingSelect(template) ? stagingModel(model) : model;
}

function parseTracks(value: string, file: string): TrackedColumn {
  const parts = value.split('.');
  if (parts.length !== 3) throw new Error(`${file}: "tracks" must be schema.table.column, got "${value}"`);
  return { table: `${parts[0]}.${parts[1]}`, column: parts[2] };
}

function sqlFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? sqlFiles(path.join(dir, e.name)) : e.name.endsWith('.sql') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** Topological order (stable by name); a cycle or an unknown model dependency is an error. */
export function orderByDependencies(models: readonly Model[]): Model[] {
  return topologicalOrder([...models].sort((a, b) => a.name.localeCompare(b.name)), {
    id: (model) => model.name,
    // An optional input only orders the run when both are in it.
    dependsOn: (model) => [...model.dependsOn, ...(model.optionalInputs ?? []).map((m) => m.name).filter((name) => models.some((m) => m.name === name))],
    isExternal: (dependency) => dependency.includes('.'), // a table outside the models (raw.*, ops.*)
    unknown: (model, dependency) => new Error(`${model.template.file}: depends on unknown model "${dependency}"`),
    cycle: (trail) => new Error(`model dependency cycle: ${trail.join(' -> ')}`),
  });
}

/**
 * The models downstream of any of `roots` (raw tables or model names), plus
 * the static models (no upstream at all, like dim_date: nothing else would
 * build them) and every model upstream of those, so each table a model reads
 * exists; an upstream model with no new input is a cheap no-op. In run order.
 */
export function downstreamOf(models: readonly Model[], roots: readonly string[]): Model[] {
  const reached = new Set([...roots, ...models.filter((m) => m.dependsOn.length === 0).map((m) => m.name)]);
  for (const model of models) if (model.dependsOn.some((d) => reached.has(d))) reached.add(model.name);
  const needed = new Set(models.filter((m) => reached.has(m.name)).map((m) => m.name));
  for (const model of [...models].reverse()) if (needed.has(model.name)) for (const dep of model.dependsOn) needed.add(dep);
  return models.filter((m) => needed.has(m.name));
}
