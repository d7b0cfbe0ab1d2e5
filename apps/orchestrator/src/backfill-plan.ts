import { dayRange, deriveRunId, floorToHour, type RunParameters, type TimeWindow } from '@northstar/core';
import type { JobGraph, JobNode } from './job-graph';

/**
 * A backfill as day chunks, each a run of its own: its run id derives from
 * its window, so a rerun of the same backfill gives every chunk the same id
 * and finds the chunks that committed. The first and last chunk are cut to
 * the window asked for.
 */
export function planBackfill(window: TimeWindow): RunParameters[] {
  return dayRange(window).map((day) => {
    const chunk = { start: maxDate(day.start, window.start), end: minDate(day.end, window.end) };
    return { mode: 'backfill', scheduledAt: floorToHour(chunk.start), window: chunk, runId: deriveRunId('backfill', chunk.start, chunk) };
  });
}

/**
 * The publish's run: the backfill's window under a run id of its own (a
 * one-day backfill's only chunk has the backfill's id), so its state in
 * ops.pipeline_runs is not the chunk's.
 */
export function publishRunOf(backfill: RunParameters): RunParameters {
  return { ...backfill, runId: `${backfill.runId}-publish` };
}

const isSourceLoad = (node: JobNode) => node.app === 'load' && node.args.includes('--source');
const isDomainLoad = (node: JobNode) => node.app === 'load' && node.args.includes('--domain');

/**
 * A day chunk's jobs: each source's extract and its held load (`load
 * --hold`: the chunk's rows into raw_backfill, no models), and any report
 * after it. The domain models and quality run once, after the publish.
 */
export function chunkGraph(graph: JobGraph): JobGraph {
  const nodes = graph.nodes
    .filter((node) => node.app !== 'quality' && !isDomainLoad(node))
    .map((node) => (isSourceLoad(node) ? { ...node, args: [...node.args, '--hold'] } : node));
  return { ...graph, nodes };
}

/**
 * The backfill's publish, from its own graph (the backfill's run id and
 * window): per source `load --publish-held` (the held rows to raw, the
 * models and their error checks, one transaction), then the domain models
 * over those sources and quality, as after an hourly load.
 */
export function publishGraph(graph: JobGraph): JobGraph {
  const publishId = (id: string) => id.replace(/^load-/, 'publish-');
  const nodes = graph.nodes.flatMap((node): JobNode[] => {
    if (isSourceLoad(node)) return [{ ...node, id: publishId(node.id), args: [...node.args, '--publish-held'], dependsOn: [] }];
    if (node.app === 'quality' || isDomainLoad(node)) return [{ ...node, dependsOn: node.dependsOn.map(publishId) }];
    return [];
  });
  return { ...graph, nodes };
}

/**
 * The backfill for AWS Batch: one graph under the backfill's run id (one
 * launch claim, one job-name prefix, so a relaunch submits only the jobs
 * missing or FAILED), holding each day chunk's own graph (chunkGraph) under
 * the chunk's run id and window, its first jobs after the previous chunk's
 * last, and then the publish (publishGraph) after the last chunk. As
 * locally, chunks run in order, each load holds the source's lock for one
 * day only, and a failed chunk stops the later ones and the publish (Batch
 * fails a job whose dependency failed).
 */
export function chunkedBackfillGraph(backfill: RunParameters, graphOf: (chunk: RunParameters) => JobGraph): JobGraph {
  if (!backfill.window) throw new Error(`backfill ${backfill.runId} has no window`);
  const nodes: JobNode[] = [];
  let previous: string[] = [];
  for (const chunk of planBackfill(backfill.window)) {
    const graph = chunkGraph(graphOf(chunk));
    const tag = `d${chunk.scheduledAt.toISOString().slice(0, 13).replace(/[-:]/g, '')}`;
    const idOf = (id: string) => `${tag}-${id}`;
    for (const node of graph.nodes) nodes.push({ ...node, id: idOf(node.id), dependsOn: node.dependsOn.length > 0 ? node.dependsOn.map(idOf) : previous });
    previous = graph.nodes.filter((node) => !graph.nodes.some((other) => other.dependsOn.includes(node.id))).map((node) => idOf(node.id));
  }
  for (const node of publishGraph(graphOf(publishRunOf(backfill))).nodes) nodes.push({ ...node, dependsOn: node.dependsOn.length > 0 ? node.dependsOn : previous });
  return { mode: 'backfill', runId: backfill.runId, scheduledAt: backfill.scheduledAt.toISOString(), nodes };
}

const maxDate = (a: Date, b: Date) => (a > b ? a : b);
const minDate = (a: Date, b: Date) => (a < b ? a : b);
