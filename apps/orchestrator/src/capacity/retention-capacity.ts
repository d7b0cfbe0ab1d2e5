import type { CapacityInputs } from './capacity-inputs';
import { fargateSize, type FargateSize } from './fargate-size';
import { creditsFor, secondsOn, type WarehouseSize, type WarehouseWork } from './snowflake-plan';

/** The monthly retention job (the load app's --retention): one month of every raw table and fact checked and deleted. */
export interface RetentionCapacity extends FargateSize {
  /** The archive check's S3 requests: a manifest read and a listing per run folder, one at a time (archive-check.ts). */
  readonly s3Seconds: number;
  readonly warehouseSeconds: number;
  readonly seconds: number;
  readonly credits: number;
}

/** Statements per raw table (the month's files, the delete) and for the two fact tables (rows, delete). */
const statementsPerRawTable = 2;
const factStatements = 4;

/**
 * What one monthly run takes, on the backfill warehouse. The warehouse side
 * is bounded by rewriting the month's raw bytes once at the COPY rate: a
 * DELETE rewrites at most the micro-partitions holding the month's rows, and
 * the check's per-file counts read a few of their columns. Run folders per
 * table are the month's hourly and nightly runs.
 */
export function retentionCapacity(inputs: CapacityInputs, rawGbPerDay: number, runsPerMonth: number, daysPerMonth: number, backfillSize: WarehouseSize): RetentionCapacity {
  const s3Seconds = inputs.rawTables * runsPerMonth * 2 * inputs.s3RequestSeconds;
  const monthGb = rawGbPerDay * daysPerMonth * inputs.snowflakeBytesPerRawByte;
  const work: WarehouseWork = {
    scalableXsSeconds: (monthGb / inputs.copyGbPerXsHour) * 3600,
    fixedSeconds: (inputs.rawTables * statementsPerRawTable + factStatements) * inputs.xsSecondsPerStatement,
  };
  const warehouseSeconds = secondsOn(backfillSize, work);
  return {
    // It waits on S3 and Snowflake: the smallest task that holds the runtime.
    ...fargateSize(0.5, 400),
    s3Seconds,
    warehouseSeconds,
    seconds: inputs.jobStartSeconds + s3Seconds + warehouseSeconds,
    credits: creditsFor(backfillSize, work, 1, inputs.autoSuspendSeconds),
  };
}
