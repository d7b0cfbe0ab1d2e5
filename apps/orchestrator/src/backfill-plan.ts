import { dayRange, deriveRunId, floorToHour, type RunParameters, type TimeWindow } from '@northstar/core';

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

const maxDate = (a: Date, b: Date) => (a > b ? a : b);
const minDate = (a: Date, b: Date) => (a < b ? a : b);
