import type { Logger } from '@northstar/core';

export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface BackfillFigures {
  readonly chunksDone: number;
  readonly chunksTotal: number;
  readonly rows: number;
  readonly rowsPerSecond: number;
  /** Seconds left at the pace of the chunks run so far; undefined before the first. */
  readonly etaSeconds: number | undefined;
}

const BAR_WIDTH = 30;

/**
 * Progress of a backfill: a bar redrawn in place on a terminal; a log line
 * per chunk otherwise (Batch, CI), where a bar would be noise. Skipped
 * (already committed) chunks count as done but not towards the pace.
 */
export class BackfillProgress {
  private readonly started: number;
  private ranChunks = 0;
  private ranRows = 0;

  constructor(
    private readonly total: number,
    private readonly out: ProgressOutput,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {
    this.started = clock().getTime();
  }

  /** After each chunk: `ran` false for one skipped as committed. */
  chunkDone(done: number, rows: number, ran: boolean, runId: string): BackfillFigures {
    if (ran) {
      this.ranChunks++;
      this.ranRows += rows;
    }
    const seconds = Math.max((this.clock().getTime() - this.started) / 1000, 0.001);
    const figures: BackfillFigures = {
      chunksDone: done,
      chunksTotal: this.total,
      rows: this.ranRows,
      rowsPerSecond: this.ranRows / seconds,
      etaSeconds: this.ranChunks ? ((this.total - done) * seconds) / this.ranChunks : undefined,
    };
    if (this.out.isTTY) this.out.write(`\r${progressLine(figures)}${done === this.total ? '\n' : ''}`);
    else this.logger.info({ ...figures, chunkRunId: runId, skipped: !ran }, 'backfill progress');
    return figures;
  }
}

/** `[######......] 12/90 days  1,204,000 rows  34,100 rows/s  ETA 5m 10s` */
export function progressLine(f: BackfillFigures): string {
  const filled = Math.round((f.chunksDone / Math.max(f.chunksTotal, 1)) * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const eta = f.etaSeconds === undefined ? 'ETA -' : `ETA ${duration(f.etaSeconds)}`;
  return `${bar} ${f.chunksDone}/${f.chunksTotal} days  ${f.rows.toLocaleString('en-US')} rows  ${Math.round(f.rowsPerSecond).toLocaleString('en-US')} rows/s  ${eta}`;
}

function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}
