import type { Model } from './model-catalog';

/** For each model, the raw (and other non-model) tables it reads, directly or through the models it depends on. */
export function rawTablesUpstream(models: readonly Model[]): Map<string, Set<string>> {
  const byName = new Map(models.map((m) => [m.name, m]));
  const memo = new Map<string, Set<string>>();
  const visit = (name: string): Set<string> => {
    const known = memo.get(name);
    if (known) return known;
    const tables = new Set<string>();
    memo.set(name, tables);
    for (const dep of byName.get(name)?.dependsOn ?? []) {
      if (byName.has(dep)) for (const t of visit(dep)) tables.add(t);
      else tables.add(dep);
    }
    return tables;
  };
  for (const m of models) visit(m.name);
  return memo;
}
