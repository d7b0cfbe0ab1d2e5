import { randomBytes } from 'node:crypto';

/** What names an entity's folder: a contract, or a manifest read back. */
export interface RawZoneEntity {
  readonly source: string;
  readonly entity: string;
}

/**
 * <source>/<entity>/load_date=YYYY-MM-DD/hour=HH/run=<run_id>/part-00000-<attempt>.parquet
 * <source>/<entity>/load_date=YYYY-MM-DD/hour=HH/run=<run_id>/_manifest.json
 * The date and hour are those of the run's scheduled time, so a rerun of a
 * run id writes to the same place; each attempt names its own parts, so two
 * attempts of one run id never overwrite each other's (or a committed run's) files.
 */
export function runPrefix(contract: RawZoneEntity, scheduledAt: Date, runId: string, shard?: ShardSpec): string {
  const iso = scheduledAt.toISOString();
  const shardPart = shard && shard.count > 1 ? `/shard=${String(shard.index).padStart(3, '0')}-of-${String(shard.count).padStart(3, '0')}` : '';
  return `${entityPrefix(contract)}load_date=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}/run=${runId}${shardPart}/`;
}

export function entityPrefix(contract: RawZoneEntity): string {
  return `${contract.source}/${contract.entity}/`;
}

export function dayPrefix(contract: RawZoneEntity, day: Date): string {
  return `${entityPrefix(contract)}load_date=${day.toISOString().slice(0, 10)}/`;
}

export function partKey(prefix: string, index: number, attempt?: string): string {
  return `${prefix}part-${String(index).padStart(5, '0')}${attempt ? `-${attempt}` : ''}.parquet`;
}

/** Names one attempt's parts: random, so attempts racing on one run id (a duplicate launch, a retry) never share a key. */
export function newAttemptId(): string {
  return randomBytes(4).toString('hex');
}

export const MANIFEST_FILE = '_manifest.json';

export function manifestKey(prefix: string): string {
  return `${prefix}${MANIFEST_FILE}`;
}

export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}
