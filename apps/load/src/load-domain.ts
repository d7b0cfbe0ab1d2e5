import { ConfigError } from '@northstar/core';
import { curatedDomains, domainJobs, type CuratedDomain } from '@northstar/contracts';
import { modelsOfDomain, type Model, type ModelRunResult } from '@northstar/models';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { publishCounted, type LoadSourceDeps } from './load-source';
import { lockWaitFor, takeLoadLockWaiting } from './load-lock-wait';
import type { SourceLoadLock } from './source-load-lock';

/**
 * `load --domain D`: the domain's models that read several sources, run once
 * every one of those sources has loaded (the job graph's dependencies). No
 * raw load. It holds the load lock of every source the domain reads (in
 * name order, so two domain jobs sharing a source cannot deadlock): its
 * models track tables those sources' loads write, stamped when a load's
 * publish starts and visible when it commits, so a load publishing beside
 * it could commit rows behind the progress it records, which it would then
 * never read; and a source's --full-refresh drops these models' tables.
 */
export async function loadDomain(domain: CuratedDomain, models: readonly Model[], deps: Omit<LoadSourceDeps, 'store' | 'rawStage'>): Promise<{ models: ModelRunResult[]; rowsOut: number }> {
  const selected = modelsOfDomain(models, domain, curatedDomains());
  await ensureWarehouseSchemas(deps.warehouse);
  const held: SourceLoadLock[] = [];
  try {
    for (const source of [...domain.sources].sort()) {
      held.push(await takeLoadLockWaiting(deps.warehouse, source, deps.runId, { ttlMs: deps.loadLockTtlMs, logger: deps.logger }, deps.lockWait ?? lockWaitFor(deps.mode)));
    }
    return await publishCounted(selected, deps);
  } finally {
    for (const lock of held.reverse()) {
      await lock.release().catch((error: unknown) => deps.logger.error({ err: error, domain: domain.name, holder: lock.holder }, 'could not release a source load lock; the next runs wait until it is older than NORTHSTAR_LOAD_LOCK_TTL_MINUTES'));
    }
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
