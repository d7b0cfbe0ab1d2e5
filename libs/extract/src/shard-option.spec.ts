import { ConfigError, parseRunArgs } from '@northstar/core';
import { parseShard, type ShardFlags } from './shard-option';
import { addShardOptions } from './shard-flags';

describe('parseShard', () => {
  it('reads no shard when there is no count or a count of 1', () => {
    expect(parseShard({}, 'hourly')).toBeUndefined();
    expect(parseShard({ shardCount: '1', shardIndex: '0' }, 'hourly')).toBeUndefined();
  });

  it('reads the index and count', () => {
    expect(parseShard({ shardCount: '4', shardIndex: '3' }, 'hourly')).toEqual({ index: 3, count: 4 });
  });

  it.each<[ShardFlags, RegExp]>([
    [{ shardCount: '4' }, /needs --shard-index/],
    [{ shardCount: '4', shardIndex: '4' }, /expected 0 to 3/],
    [{ shardCount: 'two', shardIndex: '0' }, /whole number/],
    [{ shardCount: '0' }, /expected 1 to 10000, got 0/],
    [{ shardCount: '10001', shardIndex: '0' }, /expected 1 to 10000, got 10001/],
    [{ shardCount: '99999999999999999999', shardIndex: '0' }, /expected 1 to 10000, got 99999999999999999999/],
  ])('refuses %j', (flags, message) => {
    expect(() => parseShard(flags, 'hourly')).toThrow(message);
    expect(() => parseShard(flags, 'hourly')).toThrow(ConfigError);
  });

  it('refuses to shard a nightly run', () => {
    expect(() => parseShard({ shardCount: '2', shardIndex: '0' }, 'nightly')).toThrow(/not sharded/);
  });

  it('takes the index from AWS_BATCH_JOB_ARRAY_INDEX when no flag is given', () => {
    const parse = (argv: string[], env: Record<string, string>) =>
      parseRunArgs<ShardFlags>('x', argv, env, new Date('2026-11-02T07:10:00Z'), addShardOptions).options;
    expect(parseShard(parse(['--shard-count', '3'], { AWS_BATCH_JOB_ARRAY_INDEX: '2' }), 'hourly')).toEqual({ index: 2, count: 3 });
    expect(parseShard(parse(['--shard-count', '3', '--shard-index', '1'], { AWS_BATCH_JOB_ARRAY_INDEX: '2' }), 'hourly')).toEqual({ index: 1, count: 3 });
  });
});
