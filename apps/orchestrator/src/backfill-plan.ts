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
 * The backfill for AWS Batch: one graph under the backfill's run id (one
 * launch claim, one job-name prefix, so a relaunch submits only the jobs
 * missing or FAILED), holding each day chunk's own graph under the chunk's
 * run id and window, its first jobs after the previous chunk's last. As
 * locally, chunks run in order, each load holds the source's lock for one
 * day only, and a failed chunk stops the later ones (Batch fails a job whose
 * dependency failed).
 */
export function chunkedBackfillGraph(backfill: RunParameters, graphOf: (chunk: RunParameters) => JobGraph): JobGraph {
  if (!backfill.window) throw new Error(`backfill ${backfill.runId} has no window`);
  const nodes: JobNode[] = [];
  let previous: string[] = [];
  for (const chunk of planBackfill(backfill.window)) {
    const graph = graphOf(chunk);
    const tag = `d${chunk.scheduledAt.toISOString().slice(0, 13).replace(/[-:]/g, '')}`;
    const idOf = (id: string) => `${tag}-${id}`;
    for (const node of graph.nodes) nodes.push({ ...node, id: idOf(node.id), dependsOn: node.dependsOn.length > 0 ? node.dependsOn.map(idOf) : previous });
    previous = graph.nodes.filter((node) => !graph.nodes.some((other) => other.dependsOn.includes(node.id))).map((node) => idOf(node.id));
  }
  return { mode: 'backfill', runId: backfill.runId, scheduledAt: backfill.scheduledAt.toISOString(), nodes };
}

const maxDate = (a: Date, b: Date) => (a > b ? a : b);
const minDate = (a: Date, b: Date) => (a < b ? a : b);
