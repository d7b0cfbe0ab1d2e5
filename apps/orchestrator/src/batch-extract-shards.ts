import { ConfigError } from '@northstar/core';
import { arraySizeLimits } from '@northstar/batch';
import type { JobGraph } from './job-graph';

/** Shards per extractor app, as NORTHSTAR_EXTRACT_SHARDS gives them. */
export type ExtractShards = ReadonlyMap<string, number>;

/**
 * `extract-orders-db=4,extract-partner-files=7` (NORTHSTAR_EXTRACT_SHARDS):
 * terraform writes it on the launcher's job definition from the shards of
 * terraform/sizing.json, which `npm run capacity` sizes so each extractor's
 * peak hour fits its share of the 45 minutes. Empty or absent: no sharding.
 */
export function parseExtractShards(value: string | undefined): ExtractShards {
  const shards = new Map<string, number>();
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const match = /^(extract-[a-z0-9-]+)=(\d+)$/.exec(entry);
    const count = Number(match?.[2]);
    if (!match || count < 1 || count > arraySizeLimits.max) {
      throw new ConfigError(`--extract-shards (NORTHSTAR_EXTRACT_SHARDS): expected <extract app>=<1 to ${arraySizeLimits.max}>[,...], got "${entry}"`);
    }
    shards.set(match[1], count);
  }
  return shards;
}

/**
 * The graph with each extract job of a sharded app given `--shard-count N`,
 * so the Batch plan makes it an array job of N whose children take their
 * shard from AWS_BATCH_JOB_ARRAY_INDEX. The nightly run is left whole: its
 * key sets and digests need each table in one snapshot.
 */
export function withExtractShards(graph: JobGraph, shards: ExtractShards): JobGraph {
  if (graph.mode === 'nightly') return graph;
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      // A source's after-load report (report-<source>, job-graph.ts) runs the extractor's app once, unsharded.
      const count = /(^|-)report-[a-z0-9-]+$/.test(node.id) ? undefined : shards.get(node.app);
      return count && count > 1 && !node.args.includes('--shard-count') ? { ...node, args: [...node.args, '--shard-count', String(count)] } : node;
    }),
  };
}
