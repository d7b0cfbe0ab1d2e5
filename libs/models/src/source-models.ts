import type { CuratedDomain } from '@northstar/contracts';
import { downstreamOf, type Model } from './model-catalog';

/**
 * The sources each model reads, through every model upstream of it, by the
 * raw tables it reaches (`raw.<source>__<entity>`). Static models read none.
 */
export function sourcesRead(models: readonly Model[]): Map<string, ReadonlySet<string>> {
  const read = new Map<string, Set<string>>();
  for (const model of models) { // in run order: upstream models are already known
    const sources = new Set<string>();
    for (const dependency of model.dependsOn) {
      if (dependency.startsWith('raw.')) sources.add(dependency.slice('raw.'.length).split('__')[0]);
      for (const source of read.get(dependency) ?? []) sources.add(source);
    }
    read.set(model.name, sources);
  }
  return read;
}

/**
 * What `load --source X` runs after X's raw loads: the models downstream of
 * them that read X alone. A model that also reads another source waits for
 * it in its domain's job, so a failed source stops only what reads it.
 */
export function modelsOfSource(models: readonly Model[], source: { readonly name: string }, roots: readonly string[]): Model[] {
  const read = sourcesRead(models);
  return downstreamOf(models, roots).filter((m) => [...(read.get(m.name) ?? [])].every((s) => s === source.name));
}

/**
 * What `load --domain D` runs: the domain's models that read several
 * sources, and what is downstream of them, stopping at a model another
 * domain claims: that one runs in its own domain's job, under its lock.
 */
export function modelsOfDomain(models: readonly Model[], domain: Pick<CuratedDomain, 'name' | 'models'>, domains: readonly Pick<CuratedDomain, 'name' | 'models'>[]): Model[] {
  const unknown = domain.models.filter((name) => !models.some((m) => m.name === name));
  if (unknown.length) throw new Error(`domain ${domain.name}: no model named ${unknown.join(', ')}`);
  const claimedElsewhere = new Set(domains.filter((d) => d.name !== domain.name).flatMap((d) => d.models));
  const owned = new Set(domain.models);
  for (const model of models) if (!claimedElsewhere.has(model.name) && model.dependsOn.some((d) => owned.has(d))) owned.add(model.name);
  const read = sourcesRead(models);
  return downstreamOf(models, domain.models).filter((m) => owned.has(m.name) && (read.get(m.name)?.size ?? 0) > 1);
}
