import { ConfigError } from '@northstar/core';
import { curatedDomains, domainJobs, type CuratedDomain } from '@northstar/contracts';
import { modelsOfDomain, type Model, type ModelRunResult } from '@northstar/models';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { publishCounted, type LoadSourceDeps } from './load-source';
import { SourceLoadLock } from './source-load-lock';

/**
 * `load --domain D`: the domain's models that read several sources, run once
 * every one of those sources has loaded (the job graph's dependencies). No
 * raw load; the lock is the domain's, since two runs of these models at once
 * could record progress past rows the other has not committed.
 */
export async function loadDomain(domain: CuratedDomain, models: readonly Model[], deps: Omit<LoadSourceDeps, 'store' | 'rawStage'>): Promise<{ models: ModelRunResult[]; rowsOut: number }> {
  const selected = modelsOfDomain(models, domain, curatedDomains());
  await ensureWarehouseSchemas(deps.warehouse);
  const lock = await SourceLoadLock.take(deps.warehouse, `domain_${domain.name}`, deps.runId, { ttlMs: deps.loadLockTtlMs, logger: deps.logger });
  try {
    return await publishCounted(selected, deps);
  } finally {
    await lock.release().catch((error: unknown) => deps.logger.error({ err: error, domain: domain.name }, 'could not release the domain lock; the next runs wait until it is older than NORTHSTAR_LOAD_LOCK_TTL_MINUTES'));
  }
}

/** The domain `--domain` names; one fed by a single source has no job of its own, since its models run in that source's load. */
export function domainJobNamed(name: string): CuratedDomain {
  const jobs = domainJobs();
  const domain = jobs.find((d) => d.name === name);
  if (domain) return domain;
  const single = curatedDomains().find((d) => d.name === name);
  if (single) throw new ConfigError(`--domain ${name}: its models run in \`load --source ${single.sources[0]}\`; --domain takes a domain fed by several sources: ${jobs.map((d) => d.name).join(', ')}`);
  throw new ConfigError(`--domain: expected one of ${jobs.map((d) => d.name).join(', ')}, got "${name}"`);
}
