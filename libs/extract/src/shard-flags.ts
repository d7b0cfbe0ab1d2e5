import { Option, type Command } from 'commander';

/** The sharding flags, with the variables an AWS Batch array job sets. */
export function addShardOptions(command: Command): void {
  command
    .addOption(new Option('--shard-count <n>', 'split every entity into n shards by key (default 1: no sharding)').env('NORTHSTAR_SHARD_COUNT'))
    .addOption(new Option('--shard-index <i>', 'this job\'s shard, 0..n-1 (default: AWS_BATCH_JOB_ARRAY_INDEX)').env('AWS_BATCH_JOB_ARRAY_INDEX'));
}
