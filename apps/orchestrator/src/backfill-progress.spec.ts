import { silentLogger } from '@northstar/core';
import { BackfillProgress, progressLine } from './backfill-progress';

describe('BackfillProgress', () => {
  const clockFrom = (seconds: number[]) => {
    const times = [...seconds];
    return () => new Date(Date.UTC(2026, 11, 5) + (times.shift() ?? 0) * 1000);
  };

  it('draws a bar in place on a terminal: chunks, rows, rows/s and an ETA from the chunks run', () => {
    const written: string[] = [];
    const progress = new BackfillProgress(4, { isTTY: true, write: (t) => written.push(t) }, silentLogger(), clockFrom([0, 10, 20]));
    progress.chunkDone(1, 500, false, 'a'); // committed earlier: not part of the pace
    const figures = progress.chunkDone(2, 20_000, true, 'b');
    expect(figures).toEqual({ chunksDone: 2, chunksTotal: 4, rows: 20_000, rowsPerSecond: 1000, etaSeconds: 40 });
    expect(written.at(-1)).toBe(`\r[###############...............] 2/4 days  20,000 rows  1,000 rows/s  ETA 40s`);
  });

  it('logs a line per chunk where there is no terminal', () => {
    const lines: unknown[] = [];
    const logger = { ...silentLogger(), info: (o: unknown) => lines.push(o) } as unknown as ReturnType<typeof silentLogger>;
    const written: string[] = [];
    new BackfillProgress(2, { isTTY: false, write: (t) => written.push(t) }, logger, clockFrom([0, 5])).chunkDone(1, 100, true, 'r1');
    expect(written).toEqual([]);
    expect(lines).toEqual([expect.objectContaining({ chunksDone: 1, chunksTotal: 2, rows: 100, chunkRunId: 'r1', skipped: false })]);
  });

  it('says ETA - before any chunk ran', () => {
    expect(progressLine({ chunksDone: 0, chunksTotal: 3, rows: 0, rowsPerSecond: 0, etaSeconds: undefined })).toMatch(/0\/3 days .* ETA -$/);
  });
});
