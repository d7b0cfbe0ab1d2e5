import type { Logger } from '@northstar/core';

/**
 * Counts the records a stream yields and logs the count and rate every
 * `everyMs`, so a read of hours (an API backfill) shows it is moving and how
 * fast; the clock is injected so tests control it.
 */
export class ReadProgress {
  records = 0;
  private readonly started: number;
  private nextLogAt: number;

  constructor(
    private readonly logger: Logger,
    private readonly clock: () => Date,
    private readonly everyMs: number,
  ) {
    this.started = clock().getTime();
    this.nextLogAt = this.started + everyMs;
  }

  /** Called once per record read, or once per batch with its size. */
  count(records = 1): void {
    this.records += records;
    const now = this.clock().getTime();
    if (now < this.nextLogAt) return;
    this.nextLogAt = now + this.everyMs;
    this.logger.info(this.figures(now), 'reading');
  }

  /** The closing line: records, rate, and the unknown fields seen. */
  finish(unknownFields: Record<string, number>): void {
    // Info, as the orders DB's added columns are: the manifest keeps the counts for a drift report.
    const unknown = Object.keys(unknownFields).length;
    this.logger.info({ ...this.figures(this.clock().getTime()), ...(unknown > 0 ? { unknownFields } : {}) }, unknown > 0 ? `read complete; ${unknown} source field(s) no contract column reads` : 'read complete');
  }

  private figures(now: number): { records: number; recordsPerSecond: number } {
    return { records: this.records, recordsPerSecond: Math.round(this.records / Math.max(0.001, (now - this.started) / 1000)) };
  }
}
