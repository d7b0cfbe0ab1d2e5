import { ConfigError, type RunMode } from '@northstar/core';
import type { ShardSpec } from './raw-zone-layout';

export interface ShardFlags {
  readonly shardCount?: string;
  /** From --shard-index, or AWS_BATCH_JOB_ARRAY_INDEX in an array job. */
  readonly shardIndex?: string;
}

/**
 * More shards than this is a mistake, not a plan: each is a Batch job with its
 * own connection, and PostgreSQL would refuse a modulus past its integer range
 * with a bare error (exit 1).
 */
export const MAX_SHARD_COUNT = 10_000;

/** Undefined when the run is not sharded (no count, or a count of 1). */
export function parseShard(flags: ShardFlags, mode: RunMode): ShardSpec | undefined {
  const count = wholeNumber(flags.shardCount ?? '1', '--shard-count');
  if (count < 1 || count > MAX_SHARD_COUNT) throw new ConfigError(`--shard-count: expected 1 to ${MAX_SHARD_COUNT}, got ${flags.shardCount}`);
  if (count === 1) return undefined;
  if (mode === 'nightly') throw new ConfigError('--shard-count: nightly runs are not sharded (per-day digests need the whole table in one snapshot)');
  if (flags.shardIndex === undefined) throw new ConfigError(`--shard-count ${count} needs --shard-index (or AWS_BATCH_JOB_ARRAY_INDEX)`);
  const index = wholeNumber(flags.shardIndex, '--shard-index');
  if (index >= count) throw new ConfigError(`--shard-index: expected 0 to ${count - 1} for --shard-count ${count}, got ${index}`);
  return { index, count };
}

function wholeNumber(value: string, flag: string): number {
  if (!/^\d+$/.test(value.trim())) throw new ConfigError(`${flag}: expected a whole number, got "${value}"`);
  return Number(value);
}
