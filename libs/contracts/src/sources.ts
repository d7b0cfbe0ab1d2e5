import type { SourceName } from './contract';
import type { SourceDeclaration, SourceMode } from './source-declaration';
import { ordersDbSource } from './orders-db-source';
import { partnerFilesSource } from './partner-files-source';
import { stripeSource } from './stripe-source';
import { zendeskSource } from './zendesk-source';

/** A curated domain and what it reads: its models wait for these sources, and no others. */
export interface CuratedDomain {
  readonly name: string;
  readonly models: readonly string[];
  readonly sources: readonly SourceName[];
}

/** Every source the pipeline runs. Adding a source is adding its declaration here. */
export const sourceRegistry: readonly SourceDeclaration[] = checkedRegistry([ordersDbSource, partnerFilesSource, stripeSource, zendeskSource]);

/** Looks a source up by name; throws naming the registered ones, since the name usually comes from a flag. */
export function sourceNamed(name: string, registry: readonly SourceDeclaration[] = sourceRegistry): SourceDeclaration {
  const found = registry.find((s) => s.name === name);
  if (!found) throw new Error(`no registered source "${name}": registered sources are ${registry.map((s) => s.name).join(', ')}`);
  return found;
}

/** The sources that take part in runs of a mode, in registry order. */
export function sourcesIn(mode: SourceMode, registry: readonly SourceDeclaration[] = sourceRegistry): SourceDeclaration[] {
  return registry.filter((s) => s.modes.includes(mode));
}

/** The curated domains, each with every model any source declares for it and the sources feeding it. */
export function curatedDomains(registry: readonly SourceDeclaration[] = sourceRegistry): CuratedDomain[] {
  const domains = new Map<string, { models: Set<string>; sources: SourceName[] }>();
  for (const source of registry) {
    for (const [domain, models] of Object.entries(source.feeds)) {
      const entry = domains.get(domain) ?? { models: new Set<string>(), sources: [] };
      for (const model of models) entry.models.add(model);
      entry.sources.push(source.name);
      domains.set(domain, entry);
    }
  }
  return [...domains].map(([name, d]) => ({ name, models: [...d.models].sort(), sources: d.sources }));
}

/** The domains with a `load --domain` job: those fed by several sources. A domain fed by one runs in that source's load. */
export function domainJobs(registry: readonly SourceDeclaration[] = sourceRegistry): CuratedDomain[] {
  return curatedDomains(registry).filter((d) => d.sources.length > 1);
}

/** Refuses a registry with a source twice, or a curated model claimed by two domains. */
export function checkedRegistry(registry: readonly SourceDeclaration[]): readonly SourceDeclaration[] {
  const names = registry.map((s) => s.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw new Error(`source registry: ${twice.join(', ')} registered twice`);
  const domainOf = new Map<string, string>();
  for (const source of registry) {
    for (const [domain, models] of Object.entries(source.feeds)) {
      for (const model of models) {
        const other = domainOf.get(model);
        if (other && other !== domain) throw new Error(`source registry: model ${model} is in domains ${other} and ${domain}`);
        domainOf.set(model, domain);
      }
    }
  }
  return Object.freeze([...registry]);
}
